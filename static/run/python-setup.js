// Getting Pyodide ready to judge code: one zip holds pytest and its dependencies (from our pinned
// wheels, compiled to bytecode at build time by scripts/precompile.mjs), our harness and the problems.
// Shared by the browser's worker and the Node tests, so both run the same steps.

export const PY_HOME = "/home/pyodide/playground-py";
// Taken before any learner code runs: Python can replace js.JSON.parse, not this.
const parseJson = JSON.parse;

// How much of its C stack Python may use before C-level recursion (an operator calling itself, repr of
// a deeply nested list) raises RecursionError. Pyodide's C stack is 10 MB of wasm memory, but each C
// frame also takes room on the browser's own, far smaller JS stack, whose overflow kills Python; in
// Chromium's worker that happened at ~250 KB of C stack for operator recursion and ~80 KB for nested
// list repr (measured in Debian Chromium 156), so Python is told it has 64 KB.
export const C_STACK_BYTES = 64 * 1024;

// What each run calls, taken once Python is ready and before any learner code runs: Python can reach and
// replace pyodide's API (`import pyodide_js`) and the harness's module attributes, not these references.
const entries = new WeakMap();

export function preparePython(pyodide, { bundle }) {
  pyodide.unpackArchive(bundle, "zip", { extractDir: PY_HOME });
  pyodide.runPython(`
import sys
if ${JSON.stringify(PY_HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(PY_HOME)})
import playground
import playground.script
import pytest
import gc
playground.warm_up()
gc.collect()
gc.freeze()  # what boot made lives as long as Python: each run's collection looks at new objects only
`);
  const module = pyodide._module;
  entries.set(pyodide, {
    runTests: pyodide.pyimport("playground").run_tests_json,
    runScript: pyodide.pyimport("playground.script").run_script_json,
    stackPointer: module._emscripten_stack_get_current,
    thread: module._PyThreadState_Get,
    protect: module._PyUnstable_ThreadState_SetStackProtection,
  });
}

// Set before every run: learner code may have reset it (through ctypes) in the last one.
function protectStack({ stackPointer, thread, protect }) {
  const here = stackPointer();
  protect(thread(), here - C_STACK_BYTES, C_STACK_BYTES);
}

export function runTests(pyodide, problemId, code) {
  const entry = entries.get(pyodide);
  protectStack(entry);
  return parseJson(entry.runTests(`${PY_HOME}/problems/${problemId}`, code));
}

// The editor's code run as a script (print, draw(v)): {output, error, stopped, graphs, duration}.
export function runScript(pyodide, code) {
  const entry = entries.get(pyodide);
  protectStack(entry);
  return parseJson(entry.runScript(code));
}
