// The page's one Python, shared by the problem views in turn. The runner (run/runner-client.js) takes one run
// at a time; a view opened while the last view's run is still ending must wait for it. Here every run waits
// for the one before it, and stop() also drops the runs still waiting: each resolves to a Result that says
// it was stopped while waiting (results-model.js), as the runner's own do.

import { stoppedResult } from "../results/results-model.js";

export function shareRunner(runner) {
  let last = Promise.resolve();
  let waiting = new Set(); // the runs queued behind another: {cancel()}

  // dropped: the Result of a run stopped before its turn came.
  function queued(call, dropped) {
    const before = last;
    let cancel;
    const cancelled = new Promise((resolve) => { cancel = () => resolve(false); });
    const entry = { cancel };
    waiting.add(entry);
    const result = Promise.race([before.then(() => true), cancelled]).then((go) => {
      waiting.delete(entry);
      return go ? call() : dropped();
    });
    last = Promise.all([before, result]).then(() => {}, () => {}); // a dropped run still waits for its turn
    return result;
  }

  return {
    get isReady() {
      return runner.isReady;
    },
    // Resolves once every run asked for so far is over.
    whenIdle: () => last,
    // problem: its problem.json; plots: {onPlot, grid} or nothing. Resolve to a Result, as the runner's run() and
    // runScript() do.
    run: (problem, code, plots) => queued(() => runner.run(problem, code, plots), () => droppedRun(problem, "tests")),
    runScript: (problem, code, plots) => queued(() => runner.runScript(problem, code, plots),
      () => droppedRun(problem, "script")),
    stop() {
      for (const entry of waiting) entry.cancel();
      waiting = new Set();
      runner.stop();
    },
  };
}

function droppedRun(problem, kind) {
  return stoppedResult({ problem, kind, reason: "user", phase: "waiting" });
}
