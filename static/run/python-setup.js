// Getting Pyodide ready to judge code: one zip holds pytest and its dependencies (from our pinned wheels,
// compiled to bytecode at build time by scripts/precompile.mjs) and our harness; each problem comes in a zip
// of its own, installed when it is first needed. Shared by the browser's worker and the Node tests, so both
// run the same steps.

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

export const problemDir = (problemId) => `${PY_HOME}/problems/${problemId}`;

// bundle: the zip of pytest and the harness; problems: problem archives to install now (the first is the
// one the learner opened: the harness runs its starter once, so that what a run imports is loaded before
// any learner code runs). Returns the ids installed.
export function preparePython(pyodide, { bundle, problems = [] }) {
  pyodide.unpackArchive(bundle, "zip", { extractDir: PY_HOME });
  pyodide.runPython(`
import sys
if ${JSON.stringify(PY_HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(PY_HOME)})
import playground
import playground.problem
import playground.script
import pytest
`);
  takeEntries(pyodide);
  const ids = problems.map((archive) => installProblem(pyodide, archive));
  // Our own one-test problem, not the problem's starter: a starter that trains grows the heap past Pyodide's
  // first 30 MiB, and Pyodide 314 restores no snapshot larger than that (it copies it into the first heap).
  pyodide.pyimport("playground").warm_up();
  pyodide.runPython(`
import gc
gc.collect()
gc.freeze()  # what boot made lives as long as Python: each run's collection looks at new objects only
`);
  return ids;
}

// The first problem's starter, run once, trusted code: the learner's first run is then not the one that loads
// what a problem's run needs (a restored Python's wasm is cold, too: ~0.2 s). After any snapshot is taken.
export function warmUp(pyodide, ids) {
  if (ids.length) pyodide.pyimport("playground").warm_up(problemDir(ids[0]));
}

// A Python restored from a memory snapshot of one preparePython made ready (worker.js): its heap holds the
// harness imported, warmed up and frozen, but not the files (Pyodide's file system lives outside the heap),
// so they are unpacked again, and the references the JS side keeps are taken afresh. Returns the ids
// installed; warmUp follows.
export function restorePython(pyodide, { bundle, problems = [] }) {
  pyodide.unpackArchive(bundle, "zip", { extractDir: PY_HOME });
  takeEntries(pyodide);
  return problems.map((archive) => installProblem(pyodide, archive));
}

// Where the lazy part of the standard library goes once an import fetches it (py/playground/lazy_library.py).
const LAZY_ARCHIVE = "/lib/python_lazy.zip";

// readArchive: returns the lazy archive's bytes, synchronously (Python waits on the import), or throws. Called
// once Python is ready, and after any snapshot is taken: a snapshot holds no JS function.
export function connectLazyLibrary(pyodide, readArchive) {
  const writeFile = pyodide.FS.writeFile.bind(pyodide.FS); // taken now: learner code can reach pyodide.FS
  const fetchArchive = () => {
    writeFile(LAZY_ARCHIVE, readArchive());
    return LAZY_ARCHIVE;
  };
  pyodide.pyimport("playground.lazy_library").connect(fetchArchive);
}

function takeEntries(pyodide) {
  const module = pyodide._module;
  entries.set(pyodide, {
    runTests: pyodide.pyimport("playground").run_tests_json,
    runScript: pyodide.pyimport("playground.script").run_script_json,
    install: pyodide.pyimport("playground.problem").install,
    stackPointer: module._emscripten_stack_get_current,
    thread: module._PyThreadState_Get,
    protect: module._PyUnstable_ThreadState_SetStackProtection,
  });
}

// archive: a problem's zip (<id>/...), as a Uint8Array. Returns its id.
export function installProblem(pyodide, archive) {
  return entries.get(pyodide).install(archive);
}

// Set before every run: learner code may have reset it (through ctypes) in the last one.
function protectStack({ stackPointer, thread, protect }) {
  const here = stackPointer();
  protect(thread(), here - C_STACK_BYTES, C_STACK_BYTES);
}

// live: {send}, where plugins' live data goes while the run goes (a function given each {plugin, data} as JSON
// text: py/playground/live.py); or nothing.
// Left out when not given: a JS null would reach Python as JsNull, not None.
const liveArgs = ({ send } = {}) => (send ? { send } : {});

// A Result (static/results/schema.js), kind "tests".
export function runTests(pyodide, problemId, code, live) {
  const entry = entries.get(pyodide);
  protectStack(entry);
  return parseJson(entry.runTests.callKwargs(problemDir(problemId), code, liveArgs(live)));
}

// The editor's code run as a script (print, draw(v) when the problem's plugins offer it): a Result, kind
// "script". problemId: the problem whose plugins apply, or null.
export function runScript(pyodide, problemId, code, live) {
  const entry = entries.get(pyodide);
  protectStack(entry);
  const problem = problemId ? { problem_dir: problemDir(problemId) } : {};
  return parseJson(entry.runScript.callKwargs(code, { ...problem, ...liveArgs(live) }));
}
