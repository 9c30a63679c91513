// The page's side of the Python worker: boot it at once, wait for it, run tests, stop runs that
// take too long (or that the learner stops).
//
// run() and runScript() resolve to one of:
//   {results}                          the harness's results object (runScript: run_script's {output, error, graphs, …})
//   {stopped: "time"|"user", results?} interrupted (results, if Python came back with some;
//                                      restarted: true when the worker had to be replaced to stop it;
//                                      cancelled: true when Python was still loading and nothing ran)
//   {failure: "message", crashed?}     Python could not load, or it crashed (the worker is replaced)
//
// The worker answers on a MessageChannel port given to it at boot, never on the worker itself: learner code
// runs in the worker and could post there (worker.js). It acknowledges each run when it picks it up; a run
// not picked up within the time limit means the worker is stuck in work an earlier run left behind, and the
// learner is told so (not that their code loops).
//
// A worker that dies shows no error event when the learner's code closes it (`import js; js.close()`):
// the worker holds a Web Lock while it lives, and the lock coming free tells us it is gone.

const GRACE_MS = 500; // after an interrupt, how long Python gets to come back before the worker is replaced
const MAX_HEAP_BYTES = 512 * 1024 * 1024; // WebAssembly never gives memory back: past this, a fresh worker

export function createRunner({ baseUrl, onStatus = () => {}, onReady = () => {}, onHeap = () => {} }) {
  // Writing 2 here raises KeyboardInterrupt in Python; shared memory needs a cross-origin isolated page.
  const interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  let worker = null;
  let ready = null; // a promise: resolves when Python is ready, rejects with the boot error
  let isReady = false;
  let current = null; // the run in progress: {id, resolve, stopped, posted, started, limit, deadline, hardStop}
  let port = null; // the page's end of the worker's channel
  let nextId = 1;
  let cancelWaiting = null; // set while a run waits for Python to load: cancels it
  let runsDone = 0; // by this worker: a crash in a worker that ran other code first is retried once
  let restarting = null; // while a fresh worker boots: the status shown in place of its own

  function start() {
    isReady = false;
    runsDone = 0;
    const started = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const lock = `autograd-playground-worker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const channel = new MessageChannel();
    worker = started;
    port = channel.port1;
    ready = new Promise((resolve, reject) => {
      // Python itself failed (the learner's exceptions come back as results): replace the worker.
      const crashed = (detail) => {
        if (started !== worker) return; // one we replaced already
        if (!isReady) return reject(new Error(detail)); // a failed boot is reported, not retried
        if (!current) {
          return restart("Python stopped after your last run (did your code close it?); restarting it. Your code is safe.");
        }
        settle({ failure: crashMessage(detail), crashed: true, retry: runsDone > 0 });
        restart("Python crashed; restarting it…");
      };
      channel.port1.onmessage = ({ data }) => {
        if (data.type === "status") onStatus(restarting ?? data.text);
        else if (data.type === "alive") navigator.locks.request(lock, () => crashed("the worker closed"));
        else if (data.type === "ready") {
          isReady = true;
          restarting = null;
          onReady(data);
          resolve();
        } else if (data.type === "boot-error") reject(new Error(data.message));
        else if (current && data.id === current.id) (data.type === "started" ? begin : finish)(data);
      };
      started.onerror = (event) => {
        event.preventDefault();
        crashed(event.message || "unknown error");
      };
    });
    ready.catch(() => {}); // handled by whoever waits for it
    const boot = { type: "boot", baseUrl, port: channel.port2, interruptBuffer: interrupt };
    started.postMessage({ ...boot, lock: navigator.locks ? lock : null }, [channel.port2]);
  }

  function restart(status = "Restarting Python…") {
    restarting = status;
    onStatus(status);
    worker.terminate();
    port.close();
    start();
  }

  function settle(outcome) {
    clearTimeout(current.deadline);
    clearTimeout(current.hardStop);
    const { resolve, started, posted } = current;
    current = null;
    resolve({ ...outcome, seconds: (performance.now() - (started ?? posted)) / 1000 });
  }

  // The worker picked the run up: from now on the time limit counts.
  function begin() {
    current.started = performance.now();
    clearTimeout(current.deadline);
    current.deadline = setTimeout(() => stop("time"), current.limit * 1000);
  }

  // The time limit passed and the worker has not even picked the run up: it is busy with what an earlier run
  // left behind (a callback or a loop still going after that run ended). The learner's code did not run.
  function notPickedUp() {
    settle({ failure: busyMessage(current.limit) });
    restart("Restarting Python: it was still busy with work left from your previous run…");
  }

  function finish(data) {
    const { stopped } = current;
    if (data.type === "results") {
      runsDone += 1;
      if (data.heap) onHeap(data.heap);
      settle(stopped ? { stopped, results: data.results } : { results: data.results });
      if (data.heap?.bytes > MAX_HEAP_BYTES) restart("Restarting Python to free the memory your code used…");
      else if (data.results?.restart_python) { // the run did something that can't be undone (an audit hook)
        restart("Starting a fresh Python: your code changed Python in a way that can't be undone. Your code is safe.");
      }
      return;
    }
    // The interrupt landed just outside the harness: Python is fine.
    if (stopped && /KeyboardInterrupt/.test(data.message)) return settle({ stopped });
    // Not the learner's exception (the harness catches those): Python itself may be broken. Start afresh.
    if (stopped) settle({ stopped, restarted: true });
    else settle({ failure: crashMessage(data.message), crashed: true, retry: runsDone > 0 });
    restart(stopped ? "Restarting Python…" : "Python crashed; restarting it…");
  }

  // Raise KeyboardInterrupt in Python; if it does not come back soon, replace the worker.
  function stop(reason) {
    if (!current || current.stopped) return;
    current.stopped = reason;
    clearTimeout(current.deadline);
    if (!interrupt || !current.started) return stopHard();
    interrupt[0] = 2;
    current.hardStop = setTimeout(stopHard, GRACE_MS);
  }

  // Python did not come back: a fresh worker (its boot takes a few seconds).
  function stopHard() {
    settle({ stopped: current.stopped, restarted: true });
    restart();
  }

  // One run in the worker we have (waiting for it to be ready).
  async function attempt(timeLimitSeconds, message) {
    const cancelled = new Promise((resolve) => { cancelWaiting = () => resolve(true); });
    try {
      if (await Promise.race([ready.then(() => false), cancelled])) return { stopped: "user", cancelled: true };
    } catch (error) {
      return { failure: `Python could not load: ${error.message}. Reload the page to try again.` };
    } finally {
      cancelWaiting = null;
    }
    if (interrupt) interrupt[0] = 0;
    return new Promise((resolve) => {
      current = { id: nextId++, resolve, stopped: null, posted: performance.now(), started: null };
      current.limit = timeLimitSeconds;
      current.deadline = setTimeout(notPickedUp, timeLimitSeconds * 1000);
      port.postMessage({ ...message, id: current.id });
    });
  }

  start();

  return {
    get isReady() {
      return isReady;
    },

    // message: what the worker is asked to do (runScript passes its own); the id is added here.
    async run(problemId, code, timeLimitSeconds, message = { type: "run", problemId, code }) {
      const { retry, ...outcome } = await attempt(timeLimitSeconds, message);
      // Earlier code in that worker may have broken it (replaced what the harness uses): once more, in the fresh one.
      return retry ? attempt(timeLimitSeconds, message) : outcome;
    },

    // Run code: the editor's code as a script (what it prints, the graphs it draws), under the same
    // time limit and Stop as a test run. Like run(), one at a time: the caller waits for the last to end.
    runScript(code, timeLimitSeconds) {
      return this.run(null, code, timeLimitSeconds, { type: "script", code });
    },

    // The learner's Stop button: ends the run in progress, or cancels one waiting for Python.
    stop() {
      cancelWaiting?.();
      stop("user");
    },
  };
}

function busyMessage(limit) {
  return `Your code did not run: for ${limit} s Python stayed busy with work left from your previous run `
    + "(a timer, a callback or a promise that was still going after that run ended), so it was restarted. "
    + "Run your code again.";
}

// What the learner reads when Python itself fails, from the error the worker saw.
function crashMessage(detail) {
  const exit = /exit\((\d+)\)/.exec(detail); // os._exit(3): "Program terminated with exit(3)"
  const cause = exit ? `your code ended it, with exit code ${exit[1]}`
    : /out of memory|Cannot enlarge memory|allocation fail|Array buffer allocation/i.test(detail) ? "out of memory"
      : /call stack|too much recursion/i.test(detail) ? "stack overflow: too much recursion"
        : /worker closed/.test(detail) ? "your code closed it"
          : detail.split("\n")[0].slice(0, 200);
  return `Python crashed (${cause}) and was restarted; your code is safe in the editor. Try again when `
    + "Python is ready; if it crashes again, look for what your code does that could break Python itself.";
}
