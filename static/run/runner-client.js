// The page's side of the Python worker: boot it at once, wait for it, run tests, stop runs that
// take too long (or that the learner stops).
//
// run() and runScript() always resolve to a Result (results/schema.js). Python makes it when it can; the
// reason of a stop (`stopped.reason`: "user" or "time") is filled in here, since only the page knows which
// interrupt it sent. When Python cannot answer (it crashed, it had to be replaced to stop the run, it never
// picked the run up, it did not load) the Result is made here (results/results-model.js).
//
// The worker answers on a MessageChannel port given to it at boot, never on the worker itself: learner code
// runs in the worker and could post there (worker.js). It acknowledges each run when it picks it up; a run
// not picked up within the time limit means the worker is stuck in work an earlier run left behind, and the
// learner is told so (not that their code loops).
//
// A worker that dies shows no error event when the learner's code closes it (`import js; js.close()`):
// the worker holds a Web Lock while it lives, and the lock coming free tells us it is gone.

import { failedResult, stoppedResult } from "../results/results-model.js";
import { snapshotStore } from "./snapshot-store.js";

// After an interrupt, how long Python gets to come back before the worker is replaced. A stopped run answers
// in ~0.1 s in CPython (it frees what it made at the next run); a busy machine can take several times that.
const GRACE_MS = 1500;
const MAX_HEAP_BYTES = 512 * 1024 * 1024; // WebAssembly never gives memory back: past this, a fresh worker
const DEFAULT_LIMIT_SECONDS = 10; // a script run with no problem open

// problemId: the problem the page opened, whose files the worker fetches while Python boots (or null).
export function createRunner({ baseUrl, problemId = null, onStatus = () => {}, onProgress = () => {}, onReady = () => {},
  onBootError = () => {}, onHeap = () => {} }) {
  // Writing 2 here raises KeyboardInterrupt in Python; shared memory needs a cross-origin isolated page.
  const interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  let worker = null;
  let ready = null; // a promise: resolves when Python is ready, rejects with the boot error
  let isReady = false;
  // The run in progress: {id, resolve, stopped, posted, started, limit, deadline, hardStop, problem, kind}
  let current = null;
  let port = null; // the page's end of the worker's channel
  let nextId = 1;
  let cancelWaiting = null; // set while a run waits for Python to load: cancels it
  let runsDone = 0; // by this worker: a crash in a worker that ran other code first is retried once
  let restarting = null; // while a fresh worker boots: the status shown in place of its own
  let bootProblem = problemId; // a fresh worker fetches the problem of the last run while it boots
  const snapshots = snapshotStore(); // Python's memory snapshot, which a fresh worker boots from: the page saves it

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
        settleCrash(detail);
        restart("Python crashed; restarting it…");
      };
      channel.port1.onmessage = ({ data }) => {
        if (data.type === "status") onStatus(restarting ?? data.text);
        else if (data.type === "progress") onProgress({ loaded: data.loaded, total: data.total });
        else if (data.type === "snapshot") snapshots?.save(data.bytes);
        else if (data.type === "alive") navigator.locks.request(lock, () => crashed("the worker closed"));
        else if (data.type === "ready") {
          isReady = true;
          restarting = null;
          onReady(data);
          resolve();
        } else if (data.type === "boot-error") reject(new Error(data.message));
        else if (current && data.id === current.id) answered(data);
      };
      started.onerror = (event) => {
        event.preventDefault();
        crashed(event.message || "unknown error");
      };
    });
    // Said at once (the page shows it on the status line); each run waiting for Python gets it too (attempt below).
    ready.catch((error) => { if (started === worker) onBootError(couldNotLoad(error)); });
    const boot = { type: "boot", baseUrl, port: channel.port2, problemId: bootProblem, interruptBuffer: interrupt };
    started.postMessage({ ...boot, lock: navigator.locks ? lock : null }, [channel.port2]);
  }

  function restart(status = "Restarting Python…") {
    restarting = status;
    onStatus(status);
    worker.terminate();
    port.close();
    start();
  }

  const elapsed = () => (performance.now() - (current.started ?? current.posted)) / 1000;

  // The run is over: its Result goes to whoever waits for it. retry: run it once more, in a fresh worker.
  function settle(result, retry = false) {
    clearTimeout(current.deadline);
    clearTimeout(current.hardStop);
    const { resolve } = current;
    current = null;
    resolve({ result, retry });
  }

  const failed = (message) => failedResult({ problem: current.problem, kind: current.kind, message, seconds: elapsed() });

  // Not the learner's exception (the harness catches those): Python itself broke. Earlier code in this worker
  // may have broken it (replaced what the harness uses): retried once in the fresh one.
  function settleCrash(detail) {
    settle(failed(crashMessage(detail)), runsDone > 0);
  }

  // Stopped, with nothing from Python: restarted, when the worker had to be replaced to stop it.
  function settleStopped(restarted) {
    const phase = current.started === null ? "waiting" : current.kind === "tests" ? "testing" : "running";
    settle(stoppedResult({ problem: current.problem, kind: current.kind, reason: current.stopped, phase, restarted,
      seconds: elapsed() }));
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
    settle(failed(busyMessage(current.limit)));
    restart("Restarting Python: it was still busy with work left from your previous run…");
  }

  function answered(data) {
    if (data.type === "started") return begin();
    if (data.type === "plot") return current.onPlot(String(data.json), elapsed());
    if (data.type === "result") return finish(data);
    if (data.type === "missing") return settle(failed(missingMessage(data.message)));
    // A crash report. The interrupt landed just outside the harness: Python is fine.
    const { stopped } = current;
    if (stopped && /KeyboardInterrupt/.test(data.message)) return settleStopped(false);
    // Python itself may be broken: start afresh.
    if (stopped) settleStopped(true);
    else settleCrash(data.message);
    restart(stopped ? "Restarting Python…" : "Python crashed; restarting it…");
  }

  function finish({ result, heap }) {
    const { stopped } = current;
    runsDone += 1;
    if (heap) onHeap(heap);
    if (result.stopped) result.stopped.reason = stopped ?? "user"; // a stop Python saw is always one we sent
    else if (stopped) markStopped(result, stopped);
    settle(result);
    if (heap?.bytes > MAX_HEAP_BYTES) restart("Restarting Python to free the memory your code used…");
    else if (result.restart_python) { // the run did something that can't be undone (an audit hook)
      restart("Starting a fresh Python: your code changed Python in a way that can't be undone. Your code is safe.");
    }
  }

  // The interrupt came while Python was ending the run, after the tests (freeing what the code made, where a
  // __del__ may loop): the run still took until the stop, and says so. A stopped run is never solved.
  function markStopped(result, reason) {
    const phase = current.kind === "tests" ? "testing" : "running";
    Object.assign(result, { status: "stopped", stopped: { reason, phase, line: null, restarted: false }, solved: false });
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
    settleStopped(true);
    restart();
  }

  // One run in the worker we have (waiting for it to be ready): {result, retry}.
  async function attempt(problem, kind, message, onPlot) {
    const posted = performance.now();
    const limit = problem?.time_limit_seconds ?? DEFAULT_LIMIT_SECONDS;
    const cancelled = new Promise((resolve) => { cancelWaiting = () => resolve(true); });
    try {
      if (await Promise.race([ready.then(() => false), cancelled])) {
        const seconds = (performance.now() - posted) / 1000;
        return { result: stoppedResult({ problem, kind, reason: "user", phase: "waiting", seconds }) };
      }
    } catch (error) {
      return { result: failedResult({ problem, kind, message: couldNotLoad(error) }) };
    } finally {
      cancelWaiting = null;
    }
    if (interrupt) interrupt[0] = 0;
    return new Promise((resolve) => {
      current = { id: nextId++, resolve, stopped: null, posted: performance.now(), started: null, limit, problem, kind,
        onPlot };
      current.deadline = setTimeout(notPickedUp, limit * 1000);
      port.postMessage({ ...message, id: current.id });
    });
  }

  // A run, and once more in a fresh worker if this one was broken by earlier code.
  // onPlot(json, seconds): a plot update while the run goes (JSON text, from the plots plugin), and the seconds
  // since Python started the run.
  async function runOnce(problem, kind, message, { onPlot = () => {}, grid = null } = {}) {
    if (problem) bootProblem = problem.id;
    const { result, retry } = await attempt(problem, kind, { ...message, grid }, onPlot);
    return retry ? (await attempt(problem, kind, { ...message, grid }, onPlot)).result : result;
  }

  start();

  return {
    get isReady() {
      return isReady;
    },

    // problem: its problem.json (its id, time limit and tests). Resolves to a Result of kind "tests".
    // plots: {onPlot, grid}, for a problem whose code may plot (see runOnce), or nothing.
    run(problem, code, plots) {
      return runOnce(problem, "tests", { type: "run", problemId: problem.id, code }, plots);
    },

    // Run code: the editor's code as a script (what it prints, the graphs it draws, with the plugins of the
    // problem, if any), under the same time limit and Stop as a test run. Like run(), one at a time: the
    // caller waits for the last to end. Resolves to a Result of kind "script".
    runScript(problem, code, plots) {
      return runOnce(problem, "script", { type: "script", problemId: problem?.id ?? null, code }, plots);
    },

    // The learner's Stop button: ends the run in progress, or cancels one waiting for Python.
    stop() {
      cancelWaiting?.();
      stop("user");
    },
  };
}

function couldNotLoad(error) {
  return `Python could not load: ${error.message}. Reload the page to try again.`;
}

function missingMessage(detail) {
  return `The tests could not be fetched (${detail}), so your code did not run. Check your connection and run `
    + "your code again.";
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
