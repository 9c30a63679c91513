// Getting Pyodide ready to judge code: one zip holds pytest and its dependencies (from our pinned
// wheels, compiled to bytecode at build time by scripts/precompile.mjs), our harness and the problems.
// Shared by the browser's worker and the Node tests, so both run the same steps.

export const PY_HOME = "/home/pyodide/playground-py";
// Taken before any learner code runs: Python can replace js.JSON.parse, not this.
const parseJson = JSON.parse;

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
  return callJson(pyodide, "playground", "run_tests_json", `${PY_HOME}/problems/${problemId}`, code);
}

// The editor's code run as a script (print, draw(v)): {output, error, stopped, graphs, duration}.
export function runScript(pyodide, code) {
  return callJson(pyodide, "playground.script", "run_script_json", code);
}

// Call a Python function that returns JSON, and free the proxy to it.
function callJson(pyodide, module, name, ...args) {
  const fn = pyodide.pyimport(module)[name];
  try {
    return parseJson(fn(...args));
  } finally {
    fn.destroy();
  }
}
