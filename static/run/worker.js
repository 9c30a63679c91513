// The Web Worker that owns Python: it boots Pyodide once, then runs the hidden tests on request.
// Python never runs on the page's main thread, so the page stays responsive whatever the code does.
//
// The one message on the worker itself: {type: "boot", baseUrl, port, interruptBuffer?, lock?}. Everything
// else travels over `port`, a MessageChannel port the page transfers at boot and the worker keeps in a
// closure: learner code can neither send the page fake results nor stop the worker from hearing it.
// In on the port:  {type: "run", id, problemId, code}   {type: "script", id, code} (Run code: results are
//                  run_script's {output, error, stopped, graphs})
// Out on the port: {type: "status", text}   {type: "ready", seconds, pytestSeconds}   {type: "boot-error", message}
//                  {type: "started", id}: the run was picked up (the page's time limit counts from here)
//                  {type: "results", id, results, heap: {bytes, used}}   {type: "run-error", id, message}
//                  {type: "alive"}: this worker holds the Web Lock named `lock` for as long as it lives

import { createLeftoverGuard } from "./leftovers.js";
import { lockDown } from "./lockdown.js";
import { preparePython, runScript, runTests } from "./python-setup.js";

let pyodide = null;
let post = null; // the port's postMessage, bound at boot
let leftovers = null;

const status = (text) => post({ type: "status", text });

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// Where Pyodide, the standard library and the bundle of our Python (pytest included) live: paths with a
// version or content hash in them, read from build/public/manifest.json at build time (vite.config.js).
const FILES = __PYTHON_FILES__; // eslint-disable-line no-undef

// The bundle is fetched while Pyodide boots.
async function fetchFiles(url) {
  const bundle = new Uint8Array(await (await fetchOk(url(FILES.bundle))).arrayBuffer());
  return { bundle };
}

async function boot({ baseUrl, port, interruptBuffer, lock }) {
  const started = performance.now();
  const url = (path) => new URL(path, baseUrl).href;
  post = port.postMessage.bind(port);
  port.onmessage = ({ data }) => handle(data);
  // Held until this worker ends, however it ends: the page learns of it when the lock comes free.
  if (lock) navigator.locks.request(lock, () => { post({ type: "alive" }); return new Promise(() => {}); });
  try {
    lockDown();
    leftovers = createLeftoverGuard();
    status("Loading Python…");
    const files = fetchFiles(url);
    files.catch(() => {}); // reported below, once Pyodide is up
    // From our own origin, by absolute URL: Vite must not bundle Pyodide (it finds its files next to itself).
    const { loadPyodide } = await import(/* @vite-ignore */ url(`${FILES.pyodide}pyodide.mjs`));
    const py = await loadPyodide({ indexURL: url(FILES.pyodide), stdLibURL: url(FILES.stdlib) });
    const booted = performance.now();
    status("Loading pytest…");
    preparePython(py, await files);
    leftovers.guardWebLoop(py);
    if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
    // What the learner prints reaches the page through the harness, within a budget; writes straight to the
    // file descriptors (os.write(1, ...)) would go to the console a line at a time, unbounded: dropped.
    py.setStdout({ write: (buffer) => buffer.length });
    py.setStderr({ write: (buffer) => buffer.length });
    pyodide = py;
    const seconds = (since) => (performance.now() - since) / 1000;
    post({ type: "ready", seconds: seconds(started), pytestSeconds: seconds(booted) });
  } catch (error) {
    post({ type: "boot-error", message: String(error?.message ?? error) });
  }
}

// Run tests ({type: "run"}) and Run code ({type: "script"}) are answered alike: a "results" message.
function answer(id, compute) {
  post({ type: "started", id });
  leftovers.begin();
  try {
    post({ type: "results", id, results: compute(), heap: heap() });
  } catch (error) {
    // The harness catches what the learner's code raises; this is an interrupt or a harness fault.
    post({ type: "run-error", id, message: String(error?.message ?? error) });
  } finally {
    leftovers.end();
  }
  collectGarbage();
}

// Python 3.14's collector leaves the cycles a run makes (each Value's _backward closure holds its Value)
// piling up, ~3 MB a run; a full collection once the results are on their way costs the learner nothing.
function collectGarbage() {
  try {
    pyodide.runPython("import gc; gc.collect()");
  } catch {
    // an interrupt that came just too late, or a Python already broken: the next run finds out
  }
}

// The wasm heap: its size (it grows, never shrinks) and the part malloc has handed out (mallinfo's uordblks).
function heap() {
  const module = pyodide._module;
  const info = module._malloc(64);
  try {
    module._mallinfo(info);
    return { bytes: module.HEAP8.length, used: module.HEAP32[(info >> 2) + 7] >>> 0 };
  } finally {
    module._free(info);
  }
}

function handle(data) {
  if (data.type === "run") answer(data.id, () => runTests(pyodide, data.problemId, data.code));
  else if (data.type === "script") answer(data.id, () => runScript(pyodide, data.code));
}

self.addEventListener("message", ({ data }) => { if (data.type === "boot") boot(data); }, { once: true });
