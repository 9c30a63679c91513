// The page's one Python, shared by the problem views in turn. The runner (run/runner-client.js) takes one run
// at a time; a view opened while the last view's run is still ending must wait for it. Here every run waits
// for the one before it, and stop() also drops the runs still waiting: they resolve to null, having not run.

export function shareRunner(runner) {
  let last = Promise.resolve();
  let waiting = new Set(); // the runs queued behind another: {cancel()}

  function queued(call) {
    const before = last;
    let cancel;
    const cancelled = new Promise((resolve) => { cancel = () => resolve(false); });
    const entry = { cancel };
    waiting.add(entry);
    const result = Promise.race([before.then(() => true), cancelled]).then((go) => {
      waiting.delete(entry);
      return go ? call() : null;
    });
    last = Promise.all([before, result]).then(() => {}, () => {}); // a dropped run still waits for its turn
    return result;
  }

  return {
    get isReady() {
      return runner.isReady;
    },
    run: (problemId, code, limit) => queued(() => runner.run(problemId, code, limit)),
    runScript: (problemId, code, limit) => queued(() => runner.runScript(problemId, code, limit)),
    stop() {
      for (const entry of waiting) entry.cancel();
      waiting = new Set();
      runner.stop();
    },
  };
}
