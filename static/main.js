// The page's wiring: statement, editor, Python worker and results view, for one problem.
// Follow a click: requestRun() → runner.run() (runner-client.js) → worker.js → Python → results.js.

import problem from "../py/problems/basic_autograd/problem.json";
import statement from "../py/problems/basic_autograd/statement.md?raw";
import starter from "../py/problems/basic_autograd/starter.py?raw";
import { createRunner } from "./runner-client.js";
import { createResultsView } from "./results.js";
import { keepWorkingOffline } from "./offline.js";
import { createScriptOutput } from "./script-output.js";
import { autosave, loadCode } from "./storage.js";

const $ = (id) => document.getElementById(id);

// Status line (a polite live region): what Python is doing, or what just happened.
let bootStatus = "Loading Python…";
// Runs: a click while Python loads or while tests run is queued, never lost; clicks made in
// the meantime collapse into one run of the latest code.
let queuedCode = null;
let queuedScript = null; // Run code: the code waiting to run as a script; it shares the queue with the tests
let running = false;
const setStatus = (text) => { $("status").textContent = text; };

// Python boots first, in the background: nothing below waits for it.
const runner = createRunner({
  baseUrl: new URL(import.meta.env.BASE_URL, location.href).href,
  onStatus(text) {
    bootStatus = text;
    setStatus(queuedCode === null ? text : `${text} Your tests will run as soon as Python is ready.`);
  },
  onReady({ seconds, pytestSeconds }) {
    bootStatus = "Ready";
    console.info(`Python ready in ${seconds.toFixed(2)} s (pytest and our harness: ${pytestSeconds.toFixed(2)} s)`);
    if (!running) setStatus("Ready");
    keepWorkingOffline(); // after the boot: the precache then comes from the HTTP cache, not the network
  },
  onHeap({ bytes, used }) { // the worker's memory after each run, for the soak test (tests/browser/test_soak.py)
    Object.assign($("results").dataset, { heapBytes: bytes, heapUsed: used });
  },
});

document.documentElement.dataset.release = __RELEASE__; // eslint-disable-line no-undef

const results = createResultsView({
  region: $("results"),
  summary: $("summary"),
  errorBox: $("load-error"),
  list: $("test-list"),
  onGoToLine: (line) => editor?.goToLine(line),
});
results.showPending(problem.tests);
const output = createScriptOutput({ region: $("run-output"), onGoToLine: (line) => editor?.goToLine(line) });

// The statement (marked + KaTeX) and the editor (CodeMirror) are chunks of their own, loaded side by
// side once Python has started.
let editor = null;
let saver = null;
import("./statement.js").then(({ renderStatement }) => renderStatement({
  problem,
  markdown: statement,
  titleEl: $("problem-title"),
  difficultyEl: $("problem-difficulty"),
  bodyEl: $("statement-body"),
}));
const editorLoaded = import("./editor.js").then(({ createEditor }) => {
  editor = createEditor($("editor"), {
    doc: loadCode(problem.id) ?? starter,
    onChange: () => saver.schedule(),
    onRun: () => requestRun(),
    describedBy: "editor-hint",
  });
  saver = autosave(problem.id, editor.getCode);
});

async function requestRun() {
  if (!editor) { // a click in the first moments, before the editor has loaded: it waits, it is not lost
    results.setBusy(true);
    await editorLoaded;
  }
  queuedCode = editor.getCode();
  saver.flush();
  results.setBusy(true);
  drain();
}

async function requestScript() {
  output.setBusy(true);
  await editorLoaded;
  queuedScript = editor.getCode();
  saver.flush();
  drain();
}

// One run at a time in the worker: queued tests first, then queued Run code.
async function drain() {
  if (running) return;
  running = true;
  $("stop").disabled = false;
  while (queuedCode !== null || queuedScript !== null) {
    if (queuedCode === null) {
      const code = queuedScript;
      setStatus(runner.isReady ? "Running your code…" : `${bootStatus} Your code will run as soon as Python is ready.`);
      const outcome = await runner.runScript(code, problem.time_limit_seconds);
      if (queuedScript === code) queuedScript = null;
      output.show(outcome, problem.time_limit_seconds);
      continue;
    }
    const code = queuedCode;
    setStatus(runner.isReady ? "Running tests…" : `${bootStatus} Your tests will run as soon as Python is ready.`);
    const outcome = await runner.run(problem.id, code, problem.time_limit_seconds);
    if (queuedCode === code) queuedCode = null;
    show(outcome);
  }
  running = false;
  if (document.activeElement === $("stop")) $("run").focus(); // a disabled button would drop the focus
  $("stop").disabled = true;
  results.setBusy(false);
  output.setBusy(false);
  setStatus(runner.isReady ? "Ready" : bootStatus);
}

function show(outcome) {
  const { results: found, stopped, failure, cancelled } = outcome;
  if (failure) return results.showFailure(failure, problem.tests);
  if (cancelled) return results.showCancelled(problem.tests);
  results.showResults(stopped ? stoppedResults(found, outcome) : found);
}

// An interrupted run: tests that had not finished are marked "timeout"; finished ones keep their verdict.
// The harness says "Stopped before this test finished. It was running line 7 of your code." (or "...started.",
// or "Stopped while your code was loading."): the reason takes the place of its first word.
function stoppedResults(found, { stopped: reason, seconds }) {
  const limit = problem.time_limit_seconds;
  const why = reason === "time" ? `Stopped after the ${limit} s time limit,` : "Stopped by you";
  const hint = reason === "time" ? " Is there a loop that never ends?" : "";
  const restarted = `${why.replace(/,$/, "")}: Python was restarted to stop your code (your code is safe).${hint}`;
  const message = (test) => (found
    ? test.message.replace(/^Stopped/, why) + (/started\.$/.test(test.message) ? "" : hint)
    : restarted);
  const tests = (found?.tests ?? problem.tests).map((test) => found && test.outcome !== "timeout"
    ? test : { ...test, outcome: "timeout", message: message(test), output: test.output ?? "" });
  return {
    error: found?.error ?? null,
    output: found?.output ?? "",
    tests,
    passed: tests.filter((test) => test.outcome === "passed").length,
    total: tests.length,
    duration: found?.duration ?? seconds ?? limit,
    note: reason === "time" ? `stopped after the ${limit} s time limit` : "stopped by you",
  };
}

$("stop").addEventListener("click", () => {
  queuedCode = null; // no run waits behind the one stopped
  queuedScript = null;
  runner.stop();
  setStatus("Stopping…");
});

$("run").addEventListener("click", requestRun);
$("run-code").addEventListener("click", requestScript);

// Ctrl/Cmd+Enter anywhere on the page (inside the editor, CodeMirror's keymap handles it first).
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault();
    requestRun();
  }
});
if (/Mac|iPhone|iPad/.test(navigator.userAgent)) {
  document.querySelector("#run .shortcut").textContent = "⌘+Enter";
}

$("reset").addEventListener("click", () => {
  if (!editor) return;
  if (editor.getCode() === starter) return setStatus("The editor already holds the starter code.");
  editor.replaceAll(starter);
  editor.focus();
  setStatus("Reset to starter — press Ctrl+Z to undo.");
});
