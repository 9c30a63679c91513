// A Web Worker that owns one Python, for one run: it boots Pyodide (from the page's memory snapshot when there
// is one), gets it ready with trusted code only, then runs the one Run tests or Run code it is given. After that
// run the page terminates it (run/worker-pool.js): no learner code ever runs in a Python that a later run uses.
// Python never runs on the page's main thread, so the page stays responsive whatever the code does.
//
// The one message on the worker itself: {type: "boot", baseUrl, port, problemId?, snapshot?, interruptBuffer?,
// lock?}. snapshot: a Blob of Python's memory snapshot, or none (then Cache Storage is looked in).
// Everything else travels over `port`, a MessageChannel port the page transfers at boot and the worker keeps in
// a closure: learner code can neither send the page fake results nor stop the worker from hearing it.
// In on the port:  {type: "tests", id, problemId, code}    Run tests
//                  {type: "script", id, problemId, code}   Run code (problemId: whose plugins apply, or null)
//                  Only the first is answered.
// Out on the port: {type: "status", text}   {type: "ready", seconds, pytestSeconds, restored}
//                  {type: "boot-error", message}
//                  {type: "download", loaded, total}: bytes of Python's files come so far, while it boots
//                  {type: "snapshot", bytes}: after a boot that did not restore one, a snapshot for the next
//                    Pythons (an ArrayBuffer), or null when none could be taken (the page drops the one it has)
//                  {type: "started", id}: Python starts the run now
//                  {type: "live", id, plugin, data}: while the run goes, what a plugin sends its view
//                    (py/playground/live.py); capped in size and rate here (updates.js), out of Python's reach
//                  {type: "result", id, result, droppedUpdates}: result is a Result (results/schema.js)
//                  {type: "crash", id, message}: Python did not come back with a Result (an interrupt outside
//                    the harness, or Python itself broke)
//                  {type: "missing", id, message}: the problem's files could not be fetched; nothing ran
//                  {type: "alive"}: this worker holds the Web Lock named `lock` for as long as it lives
//
// A problem's files (tests, statement) come in an archive of their own: the one the page opened is fetched
// while Pyodide boots, any other when the run needs it.

import { countDownloads } from "./download-progress.js";
import { finishLockDown, lockDown } from "./lockdown.js";
import {
  connectLazyLibrary, installProblem, preparePython, restorePython, runScript, runTests, warmUp,
} from "./python-setup.js";
import { snapshotStore } from "./snapshot-store.js";
import { updateValve } from "./updates.js";

let pyodide = null;
let post = null; // the port's postMessage, bound at boot
let url = null; // a path of ours, as a URL
let answered = false; // this worker's one run has been asked for
const installed = new Set(); // the ids of the problems Python has
// The snapshot the page saved (snapshot-store.js), looked up the moment this worker starts, while the page's own
// thread is busy drawing the problem, and before boot's lockDown takes Cache Storage away. A Response, or null.
// Used when the page hands over none of its own.
const keptSnapshot = snapshotStore()?.find() ?? Promise.resolve(null);
// A problem's archive may be fetched after learner code started, and that code reaches this scope through `js`:
// what fetching uses is taken now.
const fetchFile = self.fetch.bind(self);
const bodyBytes = Function.prototype.call.bind(Response.prototype.arrayBuffer);
const Url = URL;
const parseJson = JSON.parse;
const readLazyArchive = synchronousReader();

const status = (text) => post({ type: "status", text });

// Where Pyodide, the standard library, the bundle of pytest and our harness, and each problem's archive live:
// paths with a version or content hash in them, from build/public/manifest.json at build time (vite.config.js).
const FILES = __PYTHON_FILES__;
const SIZES = __PYTHON_SIZES__;
let downloads = { counted: (response) => response, stop() {} }; // counts while Python boots

async function fetchBytes(path) {
  const response = downloads.counted(await fetchFile(url(path)));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await bodyBytes(response));
}

function fetchProblem(problemId) {
  const path = FILES.problems?.[problemId];
  return path ? fetchBytes(path) : Promise.reject(new Error(`there is no problem "${problemId}"`));
}

async function boot({ baseUrl, port, problemId, snapshot, interruptBuffer, lock }) {
  const started = performance.now();
  url = (path) => new Url(path, baseUrl).href;
  post = port.postMessage.bind(port);
  port.onmessage = ({ data }) => handle(data);
  // Held until this worker ends, however it ends: the page learns of it when the lock comes free.
  if (lock) navigator.locks.request(lock, () => { post({ type: "alive" }); return new Promise(() => {}); });
  try {
    lockDown();
    status("Loading Python…");
    let pythonUp = false;
    downloads = countDownloads(bootSizes(problemId), (download) => {
      post({ type: "download", ...download });
      if (download.loaded >= download.total && !pythonUp) status("Starting Python…");
    });
    self.fetch = (...args) => fetchFile(...args).then(downloads.counted); // Pyodide's own, counted: gone once it is up
    // Fetched while Pyodide boots. A problem that fails to come is fetched again by the run, which says why.
    const bundle = fetchBytes(FILES.bundle);
    bundle.catch(() => {}); // reported below, once Pyodide is up
    const problem = problemId ? fetchProblem(problemId).catch(() => null) : Promise.resolve(null);
    // From our own origin, by absolute URL: Vite must not bundle Pyodide (it finds its files next to itself).
    const { loadPyodide } = await import(/* @vite-ignore */ url(`${FILES.pyodide}pyodide.mjs`));
    const options = { indexURL: url(FILES.pyodide), stdLibURL: url(FILES.stdlib) };
    const files = async () => ({ bundle: await bundle, problems: [await problem].filter(Boolean) });
    let py = await restore(loadPyodide, options, snapshot ?? await keptSnapshot, files);
    pythonUp = py !== null;
    const restored = py !== null;
    const booted = performance.now();
    if (!restored) {
      py = await loadPyodide({ ...options, _makeSnapshot: true });
      pythonUp = true;
      status("Loading pytest…");
      for (const id of preparePython(py, await files())) installed.add(id);
      // Before anything below hands Python a JS object of ours (a snapshot holds none) and before any learner
      // code runs: the next Pythons boot from this.
      const taken = takeSnapshot(py);
      post({ type: "snapshot", bytes: taken?.buffer ?? null }, taken ? [taken.buffer] : []);
      // For the snapshot, Python's `js` was the worker's global scope seen through Pyodide's path-recording
      // proxy (which, for one, throws at the end of a prototype chain); learner code gets the scope itself, as
      // it does after a restore.
      py.registerJsModule("js", self);
      py.runPython("import sys\nsys.modules.pop('js', None)\nimport js");
    }
    warmUp(py, [...installed]);
    downloads.stop();
    finishLockDown(); // no network, once Python has its files: learner code runs from here on
    connectLazyLibrary(py, () => readLazyArchive(url(FILES.lazy)));
    if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
    // What the learner prints reaches the page through the harness, within a budget; writes straight to the
    // file descriptors (os.write(1, ...)) would go to the console a line at a time, unbounded: dropped.
    py.setStdout({ write: (buffer) => buffer.length });
    py.setStderr({ write: (buffer) => buffer.length });
    pyodide = py;
    const seconds = (since) => (performance.now() - since) / 1000;
    post({ type: "ready", seconds: seconds(started), pytestSeconds: seconds(booted), restored });
  } catch (error) {
    post({ type: "boot-error", message: String(error?.message ?? error) });
  }
}

// The files a boot downloads, by URL, with their sizes: Pyodide's wasm, the standard library, our bundle and the
// problem the page opened.
function bootSizes(problemId) {
  const paths = [`${FILES.pyodide}pyodide.asm.wasm`, FILES.stdlib, FILES.bundle, FILES.problems?.[problemId]];
  return Object.fromEntries(paths.filter((path) => SIZES[path]).map((path) => [url(path), SIZES[path]]));
}

// Python from a snapshot (a Blob or a Response), with our files back in place and warmed up; or null (none, or it
// failed: a normal boot follows, and replaces it).
async function restore(loadPyodide, options, snapshot, files) {
  if (!snapshot) return null;
  try {
    const bytes = snapshot.arrayBuffer();
    const py = await loadPyodide({ ...options, _loadSnapshot: bytes }); // read while Pyodide's files come
    for (const id of restorePython(py, await files())) installed.add(id);
    return py;
  } catch (error) {
    installed.clear();
    console.warn(`Python could not start from its snapshot, so it starts afresh: ${error?.message ?? error}`);
    return null;
  }
}

function takeSnapshot(py) {
  try {
    const bytes = py.makeMemorySnapshot();
    // One buffer of its own, so that it can be transferred to the page.
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  } catch (error) {
    console.warn(`No snapshot of Python for the next visit: ${error?.message ?? error}`);
    return null;
  }
}

// A reader of a file's bytes that blocks until they come (a worker may): an import cannot wait for a promise.
// What it uses is taken now, before any learner code can replace it.
function synchronousReader() {
  const { prototype } = XMLHttpRequest;
  const method = (name) => Function.prototype.call.bind(prototype[name]);
  const getter = (name) => Function.prototype.call.bind(Object.getOwnPropertyDescriptor(prototype, name).get);
  const [open, send, status, response] = [method("open"), method("send"), getter("status"), getter("response")];
  const setType = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(prototype, "responseType").set);
  const Request = XMLHttpRequest;
  return (href) => {
    const request = new Request();
    open(request, "GET", href, false);
    setType(request, "arraybuffer");
    try {
      send(request);
    } catch {
      throw new Error("no connection to the server"); // offline, say; the browser's own words name our URL
    }
    if (status(request) !== 200) throw new Error(`HTTP ${status(request)}`);
    return new Uint8Array(response(request));
  };
}

// A problem Python does not have yet: its archive, fetched and installed before the run starts.
async function ensureProblem(problemId) {
  if (!problemId || installed.has(problemId)) return;
  const archive = await fetchProblem(problemId);
  installed.add(installProblem(pyodide, archive));
}

// Run tests ({type: "tests"}) and Run code ({type: "script"}) are answered alike: a "result" message.
async function answer({ id, problemId }, compute) {
  try {
    await ensureProblem(problemId);
  } catch (error) {
    post({ type: "missing", id, message: String(error?.message ?? error) });
    return;
  }
  post({ type: "started", id });
  // Python holds this function during the run, and so may learner code: it can only send this run's live data,
  // {plugin, data} as JSON text, as much and as large as the valve lets through.
  const valve = updateValve((json) => {
    let message;
    try {
      message = parseJson(json);
    } catch {
      return; // not JSON: nothing of a plugin's
    }
    if (typeof message?.plugin === "string") post({ type: "live", id, plugin: message.plugin, data: message.data });
  });
  try {
    const result = compute({ send: valve.send });
    post({ type: "result", id, result, droppedUpdates: valve.dropped() });
  } catch (error) {
    // The harness catches what the learner's code raises; this is an interrupt or a harness fault.
    post({ type: "crash", id, message: String(error?.message ?? error) });
  }
}

function handle(data) {
  if (answered || !pyodide) return;
  if (data.type === "tests") {
    answered = true;
    answer(data, (live) => runTests(pyodide, data.problemId, data.code, live));
  } else if (data.type === "script") {
    answered = true;
    answer(data, (live) => runScript(pyodide, data.problemId ?? null, data.code, live));
  }
}

self.addEventListener("message", ({ data }) => { if (data.type === "boot") boot(data); }, { once: true });
