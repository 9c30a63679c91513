// The page's runs of Python: one at a time, each in a fresh worker taken from the pool (worker-pool.js), under a
// time limit and the learner's Stop. runTests() and runScript() always resolve to a Result (results/schema.js).
// Python makes it when it can; the reason of a stop (`stopped.reason`: "user" or "time") is filled in here, since
// only the page knows why it stopped the run. When Python cannot answer (it crashed, it was ended to stop the
// run, it did not load) the Result is made here (results/results-model.js).
//
// Stop and the time limit end the run's worker. Where the page is cross-origin isolated, Python is interrupted
// first and gets GRACE_MS to answer with what it has (the verdicts so far, the line it was on).

import { failedResult, stoppedResult } from "../results/results-model.js";
import { startPythonWorker } from "./python-worker.js";
import { snapshotStore } from "./snapshot-store.js";
import { createWorkerPool } from "./worker-pool.js";

const GRACE_MS = 1000;
// Performance marks, for make bench (bench/run.py): a worker is ready, a run gets its worker, a run is over.
export const MARKS = { spareReady: "python-ready", runStart: "run-start", runEnd: "run-end" };
const DEFAULT_LIMIT_SECONDS = 10; // a script run with no problem open

// problemId: the problem the page opened, whose files a worker fetches while Python boots (or null).
// The callbacks tell of the first Python's boot: a spare's is not news.
export function createRunner({ baseUrl, problemId = null, onStatus = () => {}, onDownload = () => {},
  onReady = () => {}, onBootError = () => {} }) {
  const snapshots = snapshotStore(); // kept for the next visit; the page writes it, never a worker
  let snapshot = null; // a Blob of the snapshot the first Python took, for the spares
  let firstBoot = true;
  let openProblem = problemId; // a spare fetches the problem of the last run while it boots
  let last = Promise.resolve(); // the run asked for last: each waits for the one before it
  let waiting = new Set(); // runs not yet started: {cancel()}
  let current = null; // the run in its worker: {stop(reason)}

  const pool = createWorkerPool(() => {
    const first = firstBoot;
    firstBoot = false;
    const worker = startPythonWorker({
      baseUrl, problemId: openProblem, snapshot,
      on: first ? { status: onStatus, download: onDownload, snapshot: keepSnapshot } : { snapshot: keepSnapshot },
    });
    if (first) {
      worker.ready.then(onReady, (error) => onBootError(couldNotLoad(error)));
    }
    worker.ready.then(() => performance.mark(MARKS.spareReady), () => {});
    return worker;
  });

  function keepSnapshot(bytes) {
    snapshot = bytes ? new Blob([bytes]) : null;
    snapshots?.save(bytes);
  }

  // Runs call() once every run asked for before has ended; a stop before then drops it (dropped(): its Result).
  function queued(call, dropped) {
    const before = last;
    let cancel;
    const cancelled = new Promise((resolve) => { cancel = () => resolve(false); });
    const entry = { cancel };
    waiting.add(entry);
    const result = Promise.race([before.then(() => true), cancelled]).then((go) => {
      if (!go) return dropped();
      return call(cancelled).finally(() => waiting.delete(entry));
    });
    last = Promise.all([before, result]).then(() => {}, () => {});
    return result;
  }

  // One run in a fresh worker. cancelled: resolves if the learner stops the run before it has a worker.
  async function perform(problem, kind, message, { onLive = () => {}, onStart = () => {} }, cancelled) {
    if (problem) openProblem = problem.id;
    const posted = performance.now();
    const seconds = () => (performance.now() - posted) / 1000;
    let worker;
    try {
      worker = await Promise.race([pool.take(), cancelled]);
    } catch (error) {
      return failedResult({ problem, kind, message: couldNotLoad(error), seconds: seconds() });
    }
    if (!worker) return stoppedResult({ problem, kind, reason: "user", phase: "waiting", seconds: seconds() });
    performance.mark(MARKS.runStart);
    onStart();
    const limit = problem?.time_limit_seconds ?? DEFAULT_LIMIT_SECONDS;
    let started = null;
    let stopped = null; // "user" or "time"
    let ended; // resolves to a Result made here: the worker was ended before it answered
    const end = new Promise((resolve) => { ended = resolve; });
    const phase = () => (started === null ? "waiting" : kind === "tests" ? "testing" : "running");
    const endNow = () => ended(stoppedResult({ problem, kind, reason: stopped, phase: phase(), restarted: true,
      seconds: seconds() }));
    current = {
      stop(reason) {
        if (stopped) return;
        stopped = reason;
        if (!worker.canInterrupt || started === null) return endNow();
        worker.interrupt();
        setTimeout(endNow, GRACE_MS);
      },
    };
    const deadline = setTimeout(() => current?.stop("time"), limit * 1000);
    const answer = worker.run(message, {
      onStarted() { started = performance.now(); },
      onLive(plugin, data) { onLive(plugin, data, (performance.now() - (started ?? posted)) / 1000); },
    });
    const result = await Promise.race([answer.then((data) => resultOf(data, { problem, kind, seconds, stopped: () => stopped, phase })), end]);
    clearTimeout(deadline);
    current = null;
    pool.retire(worker);
    performance.mark(MARKS.runEnd);
    return result;
  }

  // The worker's answer as a Result. stopped(): why the page stopped the run, or null.
  function resultOf(data, { problem, kind, seconds, stopped, phase }) {
    const reason = stopped();
    if (data.type === "missing") {
      return failedResult({ problem, kind, message: missingMessage(data.message), seconds: seconds() });
    }
    if (data.type === "crash" && reason) { // the interrupt landed just outside the harness, or Python broke
      const restarted = !/KeyboardInterrupt/.test(data.message);
      return stoppedResult({ problem, kind, reason, phase: phase(), restarted, seconds: seconds() });
    }
    if (data.type === "crash") return failedResult({ problem, kind, message: crashMessage(data.message), seconds: seconds() });
    const { result } = data;
    if (result.stopped) result.stopped.reason = reason ?? "user"; // a stop Python saw is always one we sent
    else if (reason) markStopped(result, reason);
    if (data.droppedUpdates) result.output += droppedNote(data.droppedUpdates);
    return result;
  }

  pool.prepare();

  // kind: "tests" or "script", the Result's kind and the message's type alike.
  function runs(kind) {
    return (problem, code, options = {}) => queued(
      (cancelled) => perform(problem, kind, { type: kind, problemId: problem?.id ?? null, code }, options, cancelled),
      () => stoppedResult({ problem, kind, reason: "user", phase: "waiting" }),
    );
  }

  return {
    // Whether a run asked for now would start at once.
    get isReady() {
      return pool.spareIsReady;
    },
    // Resolves once every run asked for so far is over.
    whenIdle: () => last,
    // problem: its problem.json (its id, time limit and tests); options: onLive(plugin, data, seconds), given what
    // a plugin sends while the run goes (plugins/plugins.js), and onStart(), called when the run gets its Python.
    // Resolves to a Result of kind "tests".
    runTests: runs("tests"),
    // Run code: the editor's code as a script (what it prints, the graphs it draws, with the plugins of the
    // problem, if any), under the same time limit and Stop. Resolves to a Result of kind "script".
    runScript: runs("script"),
    // The learner's Stop: ends the run in progress and drops the runs waiting.
    stop() {
      for (const entry of waiting) entry.cancel();
      waiting = new Set();
      current?.stop("user");
    },
  };
}

// The interrupt came while Python was ending the run, after the tests: the run still took until the stop, and
// says so. A stopped run is never solved.
function markStopped(result, reason) {
  const phase = result.kind === "tests" ? "testing" : "running";
  Object.assign(result, { status: "stopped", stopped: { reason, phase, line: null, restarted: false }, solved: false });
}

function droppedNote(count) {
  return `\n[${count.toLocaleString("en")} of the updates your code sent the page while it ran were left out: `
    + "too many at once, or too large. The results below are whole.]\n";
}

function couldNotLoad(error) {
  return `Python could not load: ${error.message}. Reload the page to try again.`;
}

function missingMessage(detail) {
  return `The tests could not be fetched (${detail}), so your code did not run. Check your connection and run `
    + "your code again.";
}

// Plain Python recursion is stopped in time (py/playground/limits.py); these are not, in the browser.
const STACK_OVERFLOW = "the browser's stack overflowed: something was nested thousands deep, such as an exception "
  + "raised thousands of calls down, or a list of lists, a dict of dicts or a chain of objects thousands deep, "
  + "freed at once";

// What the learner reads when Python itself fails, from the error the worker saw.
function crashMessage(detail) {
  const exit = /exit\((\d+)\)/.exec(detail); // os._exit(3): "Program terminated with exit(3)"
  const cause = exit ? `your code ended it, with exit code ${exit[1]}`
    : /out of memory|Cannot enlarge memory|allocation fail|Array buffer allocation/i.test(detail) ? "out of memory"
      : /call stack|too much recursion/i.test(detail) ? STACK_OVERFLOW
        : /worker closed/.test(detail) ? "your code closed it"
          : detail.split("\n")[0].slice(0, 200);
  return `Python crashed (${cause}); your code is safe in the editor, and the next run gets a fresh Python. `
    + "If it crashes again, look for what your code does that could break Python itself.";
}
