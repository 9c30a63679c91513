// Getting Pyodide ready to judge code: pytest's wheels, our harness, the problems.
// Shared by the browser's worker and the Node tests, so both run the same steps.

export const PY_HOME = "/home/pyodide/playground-py";

export async function preparePython(pyodide, { wheelUrls, bundle }) {
  await pyodide.loadPackage(wheelUrls, { messageCallback: () => {} });
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
