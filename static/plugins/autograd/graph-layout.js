// Laying out a graph off the main thread: dagre runs in a worker (graph-layout-worker.js), one graph at a
// time. A layout no longer wanted is stopped: the worker is ended and a fresh one takes the next graph.

// The largest graph drawn in full, as in py/playground/graph.py (which sends a summary past it): dagre
// takes about a second for 300 Values or 400 edges, and far longer past them.
export const MAX_NODES = 300;
export const MAX_EDGES = 400;

export function fits(graph) {
  return graph.nodes.length <= MAX_NODES && graph.edges.length <= MAX_EDGES;
}

const queue = []; // jobs waiting: {graph, rankdir, resolve, reject}
let running = null;
let worker = null;

// Resolves to the placed graph (see graph-layout-worker.js); rejects with signal.reason once signal aborts.
export function layoutOffThread(graph, rankdir, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const job = { graph, rankdir, resolve, reject };
    signal.addEventListener("abort", () => cancel(job, signal.reason), { once: true });
    queue.push(job);
    next();
  });
}

function next() {
  if (running || !queue.length) return;
  running = queue.shift();
  worker ??= startWorker();
  worker.postMessage({ graph: running.graph, rankdir: running.rankdir });
}

function startWorker() {
  const started = new Worker(new URL("./graph-layout-worker.js", import.meta.url), { type: "module" });
  started.onmessage = ({ data }) => finish((job) => (data.error ? job.reject(new Error(data.error)) : job.resolve(data)));
  started.onerror = (event) => { // the worker's script did not load
    event.preventDefault();
    stopWorker();
    finish((job) => job.reject(new Error(event.message || "the layout worker did not start")));
  };
  return started;
}

function stopWorker() {
  worker?.terminate();
  worker = null;
}

function finish(settle) {
  const job = running;
  running = null;
  if (job) settle(job);
  next();
}

function cancel(job, reason) {
  if (job === running) {
    stopWorker(); // dagre cannot be interrupted: end its worker
    finish((stopped) => stopped.reject(reason));
  } else if (queue.includes(job)) {
    queue.splice(queue.indexOf(job), 1);
    job.reject(reason);
  }
}
