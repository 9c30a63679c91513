// A problem's runs: Run tests and Run code. A click while Python loads or while a run goes is queued, never
// lost; clicks made in the meantime collapse into one run of the latest code. Runs go one at a time, each in a
// Python of its own (run/runner-client.js); leaving the problem stops its run and forgets its queue.

import { markSolved, saveResults } from "../track/storage.js";

// python: {status, ready}, the page's news of Python. latestCode(): resolves to the editor's code, once saved.
// views: the problem's plugins' views of each run (plugins/plugins.js createRunViews), or null.
// keepsResults(): whether a run's results are kept (not while code from a share link is on show).
export function createRuns({ problem, runner, python, status, results, output, views, stopButton, runTestsButton,
  latestCode, onSolved, keepsResults = () => true }) {
  const limit = problem.time_limit_seconds;
  let queuedCode = null;
  let queuedScript = null; // Run code: the code waiting to run as a script; it shares the queue with the tests
  let running = false;
  let left = false; // the learner opened another problem: nothing more is shown or saved here

  let waiting = null; // "tests" or "code": what waits for Python to be ready, or null
  // Before the first Python is up, its news; after, a run waits only for the next fresh Python to be ready.
  const waitingFor = (what) => (python.ready ? `Starting a fresh Python for your ${what}…`
    : `${python.status} Your ${what} will run as soon as Python is ready.`);
  const runningWords = (what) => (what === "tests" ? "Running tests…" : "Running your code…");

  // Starts a run, or says what it waits for; Python's news then keeps saying it (pythonNews), and the run says
  // when it starts (started).
  function announce(what) {
    waiting = runner.isReady ? null : what;
    status.say(waiting ? waitingFor(waiting) : runningWords(what));
  }

  function started() {
    if (!waiting || left) return;
    status.say(runningWords(waiting));
    waiting = null;
  }

  async function runTests() {
    status.newRun();
    output.clear(); // the last Run code's output is stale now
    results.setBusy(true); // at once, even while the editor loads
    const code = await latestCode();
    if (left) return;
    queuedCode = code;
    drain();
  }

  async function runScript() {
    status.newRun();
    output.setBusy(true);
    const code = await latestCode();
    if (left) return;
    queuedScript = code;
    drain();
  }

  // One run at a time: queued tests first, then queued Run code.
  async function drain() {
    if (running) return;
    running = true;
    stopButton.disabled = false;
    while (queuedCode !== null || queuedScript !== null) {
      if (queuedCode === null) {
        const code = queuedScript;
        announce("code");
        views?.begin();
        const result = await runner.runScript(problem, code, { onLive: views?.live, onStart: started });
        if (left) return;
        if (queuedScript === code) queuedScript = null;
        output.show(result, limit);
        views?.finish(result);
        continue;
      }
      const code = queuedCode;
      announce("tests");
      views?.begin();
      const result = await runner.runTests(problem, code, { onLive: views?.live, onStart: started });
      if (left) return;
      if (queuedCode === code) queuedCode = null;
      show(result);
      views?.finish(result);
    }
    running = false;
    waiting = null;
    if (document.activeElement === stopButton) runTestsButton.focus(); // a disabled button would drop the focus
    stopButton.disabled = true;
    results.setBusy(false);
    output.setBusy(false);
    status.python(python.ready ? "Ready" : python.status);
  }

  // result: a Result (results/schema.js), from Python or made by the page when Python could not answer.
  function show(result) {
    results.showResults(result);
    if (result.stopped?.phase === "waiting") return; // nothing ran: nothing to keep, nowhere new to look
    results.focusVerdict(result);
    if (!keepsResults()) return;
    saveResults(problem.id, result);
    if (result.solved) {
      markSolved(problem.id);
      onSolved();
    }
  }

  return {
    runTests,
    runScript,
    pythonNews() { // Python's state changed (python.status): a run that waits for it says so, then that it runs
      if (!waiting) return status.python(python.ready ? "Ready" : python.status);
      if (!python.ready) status.say(waitingFor(waiting));
    },
    stop() { // the learner's Stop: no run waits behind the one stopped
      queuedCode = null;
      queuedScript = null;
      runner.stop();
      status.say("Stopping…");
    },
    leave() {
      left = true;
      queuedCode = null;
      queuedScript = null;
      if (running) runner.stop();
    },
  };
}
