// The page's side of the Python worker: boot it at once, wait for it, run tests, stop runs that
// take too long (or that the learner stops).
//
// run() resolves to one of:
//   {results}                          the harness's results object
//   {stopped: "time"|"user", results?} interrupted (results, if Python came back with some)
//   {failure: "message"}               Python could not load, or the worker died

const GRACE_MS = 3000; // after an interrupt, how long Python gets to come back before the worker is replaced

export function createRunner({ baseUrl, onStatus = () => {}, onReady = () => {} }) {
  // Writing 2 here raises KeyboardInterrupt in Python; shared memory needs a cross-origin isolated page.
  const interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  let worker = null;
  let ready = null; // a promise: resolves when Python is ready, rejects with the boot error
  let isReady = false;
  let current = null; // the run in progress: {id, resolve, stopped, deadline, hardStop}
  let nextId = 1;
  let cancelWaiting = null; // set while a run waits for Python to load: cancels it

  function start() {
    isReady = false;
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === "status") onStatus(data.text);
        else if (data.type === "ready") {
          isReady = true;
          onReady(data);
          resolve();
        } else if (data.type === "boot-error") reject(new Error(data.message));
        else if (current && data.id === current.id) finish(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const message = `The Python worker stopped: ${event.message || "unknown error"}`;
        reject(new Error(message));
        if (current) settle({ failure: message });
        if (isReady) restart(); // a crash after a good boot; a failed boot is reported, not retried
      };
    });
    ready.catch(() => {}); // handled by whoever waits for it
    worker.postMessage({ type: "boot", baseUrl, interruptBuffer: interrupt });
  }

  function restart() {
    worker.terminate();
    start();
  }

  function settle(outcome) {
    clearTimeout(current.deadline);
    clearTimeout(current.hardStop);
    const { resolve } = current;
    current = null;
    resolve(outcome);
  }

  function finish(data) {
    const { stopped } = current;
    if (data.type === "results") return settle(stopped ? { stopped, results: data.results } : { results: data.results });
    settle(stopped ? { stopped } : { failure: data.message });
    // Not the learner's exception (the harness catches those): Python itself may be broken. Start afresh.
    onStatus("Restarting Python…");
    restart();
  }

  // Raise KeyboardInterrupt in Python; if it does not come back soon, replace the worker.
  function stop(reason) {
    if (!current || current.stopped) return;
    current.stopped = reason;
    clearTimeout(current.deadline);
    if (!interrupt) return stopHard();
    interrupt[0] = 2;
    current.hardStop = setTimeout(stopHard, GRACE_MS);
  }

  // Python did not come back: a fresh worker (its boot takes a few seconds).
  function stopHard() {
    settle({ stopped: current.stopped });
    onStatus("Restarting Python…");
    restart();
  }

  start();

  return {
    get isReady() {
      return isReady;
    },

    async run(problemId, code, timeLimitSeconds) {
      const cancelled = new Promise((resolve) => { cancelWaiting = () => resolve(true); });
      try {
        if (await Promise.race([ready.then(() => false), cancelled])) return { stopped: "user" };
      } catch (error) {
        return { failure: `Python could not load: ${error.message}. Reload the page to try again.` };
      } finally {
        cancelWaiting = null;
      }
      if (interrupt) interrupt[0] = 0;
      return new Promise((resolve) => {
        current = { id: nextId++, resolve, stopped: null };
        current.deadline = setTimeout(() => stop("time"), timeLimitSeconds * 1000);
        worker.postMessage({ type: "run", id: current.id, problemId, code });
      });
    },

    // The learner's Stop button: ends the run in progress, or cancels one waiting for Python.
    stop() {
      cancelWaiting?.();
      stop("user");
    },
  };
}
