// The Web Worker that owns Python: it boots Pyodide once, then runs the hidden tests on request.
// Python never runs on the page's main thread, so the page stays responsive whatever the code does.
//
// Messages in:  {type: "boot", baseUrl, interruptBuffer?}   {type: "run", id, problemId, code}
// Messages out: {type: "status", text}   {type: "ready", seconds, pytestSeconds}   {type: "boot-error", message}
//               {type: "results", id, results}   {type: "run-error", id, message}

import { preparePython, runTests } from "./python-setup.js";

let pyodide = null;

const post = (message) => self.postMessage(message);
const status = (text) => post({ type: "status", text });

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// manifest.json names the wheels and the bundle of our Python; fetched while Pyodide boots.
async function fetchFiles(url) {
  const manifest = await (await fetchOk(url("manifest.json"))).json();
  const bundle = new Uint8Array(await (await fetchOk(url(manifest.bundle))).arrayBuffer());
  return { wheelUrls: manifest.wheels.map((name) => url(`wheels/${name}`)), bundle };
}

async function boot({ baseUrl, interruptBuffer }) {
  const started = performance.now();
  const url = (path) => new URL(path, baseUrl).href;
  try {
    status("Loading Python…");
    const files = fetchFiles(url);
    files.catch(() => {}); // reported below, once Pyodide is up
    // From our own origin, by absolute URL: Vite must not bundle Pyodide (it finds its files next to itself).
    const { loadPyodide } = await import(/* @vite-ignore */ url("pyodide/pyodide.mjs"));
    const py = await loadPyodide({ indexURL: url("pyodide/") });
    const booted = performance.now();
    status("Loading pytest…");
    await preparePython(py, await files);
    if (interruptBuffer) py.setInterruptBuffer(interruptBuffer);
    pyodide = py;
    const seconds = (since) => (performance.now() - since) / 1000;
    post({ type: "ready", seconds: seconds(started), pytestSeconds: seconds(booted) });
  } catch (error) {
    post({ type: "boot-error", message: String(error?.message ?? error) });
  }
}

function run({ id, problemId, code }) {
  try {
    post({ type: "results", id, results: runTests(pyodide, problemId, code) });
  } catch (error) {
    // The harness catches what the learner's code raises; this is an interrupt or a harness fault.
    post({ type: "run-error", id, message: String(error?.message ?? error) });
  }
}

self.onmessage = ({ data }) => {
  if (data.type === "boot") boot(data);
  else if (data.type === "run") run(data);
};
