// Getting Pyodide ready to judge code: one zip holds pytest and its dependencies (from our pinned
// wheels, compiled to bytecode at build time by scripts/precompile.mjs), our harness and the problems.
// Shared by the browser's worker and the Node tests, so both run the same steps.

export const PY_HOME = "/home/pyodide/playground-py";

export function preparePython(pyodide, { bundle }) {
  pyodide.unpackArchive(bundle, "zip", { extractDir: PY_HOME });
  pyodide.runPython(`
import sys
if ${JSON.stringify(PY_HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(PY_HOME)})
import playground
import pytest
`);
}

export function runTests(pyodide, problemId, code) {
  const runTestsJson = pyodide.pyimport("playground").run_tests_json;
  try {
    return JSON.parse(runTestsJson(`${PY_HOME}/problems/${problemId}`, code));
  } finally {
    runTestsJson.destroy();
  }
}

// The editor's code run as a script (print, draw(v)): {output, error, stopped, graphs, duration}.
export function runScript(pyodide, code) {
  const runScriptJson = pyodide.pyimport("playground.script").run_script_json;
  try {
    return JSON.parse(runScriptJson(code));
  } finally {
    runScriptJson.destroy();
  }
}
