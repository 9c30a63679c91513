// The page's wiring: statement, editor, Python worker and results view, for one problem.
// Follow a click: requestRun() → runner.run() (runner-client.js) → worker.js → Python → results.js.

import problem from "../py/problems/basic_autograd/problem.json";
import statement from "../py/problems/basic_autograd/statement.md?raw";
import starter from "../py/problems/basic_autograd/starter.py?raw";
import { createRunner } from "./run/runner-client.js";
import { createResultsView } from "./results/results.js";
import { isCurrent, pendingTests } from "./results/results-model.js";
import { keepWorkingOffline } from "./offline/offline.js";
import { createScriptOutput } from "./results/script-output.js";
import { isSolved, loadCode, loadResults, markSolved, saveResults } from "./track/storage.js";
import { keepWork } from "./editor/keep-work.js";

const $ = (id) => document.getElementById(id);

// Status line (a polite live region): what Python is doing, or what just happened.
let bootStatus = "Loading Python…";
// Runs: a click while Python loads or while tests run is queued, never lost; clicks made in
// the meantime collapse into one run of the latest code.
let queuedCode = null;
let queuedScript = null; // Run code: the code waiting to run as a script; it shares the queue with the tests
let running = false;
// A reply to something the learner did ("Reset to starter — press Ctrl+Z to undo.") stays until their
// next run or Stop: Python's own news ("Loading pytest…", "Ready") does not replace it.
let replying = false;
const say = (text) => { replying = false; $("status").textContent = text; }; // a run's progress
const tell = (text) => { replying = true; $("status").textContent = text; }; // a reply that stays
const setStatus = (text) => { if (!replying) $("status").textContent = text; }; // Python's state

// Python boots first, in the background: nothing below waits for it.
const runner = createRunner({
  baseUrl: new URL(import.meta.env.BASE_URL, location.href).href,
  problemId: problem.id,
  onStatus(text) {
    bootStatus = text;
    document.documentElement.dataset.python = "loading";
    setStatus(queuedCode === null ? text : `${text} Your tests will run as soon as Python is ready.`);
  },
  onReady({ seconds, pytestSeconds }) {
    bootStatus = "Ready";
    console.info(`Python ready in ${seconds.toFixed(2)} s (pytest and our harness: ${pytestSeconds.toFixed(2)} s)`);
    if (!running) setStatus("Ready");
    document.documentElement.dataset.python = "ready"; // for tests: the status line may hold a reply instead
    keepWorkingOffline(); // after the boot: the precache then comes from the HTTP cache, not the network
  },
  onHeap({ bytes, used }) { // the worker's memory after each run, for the soak test (tests/browser/test_soak.py)
    Object.assign($("results").dataset, { heapBytes: bytes, heapUsed: used });
  },
});

document.documentElement.dataset.release = __RELEASE__; // eslint-disable-line no-undef

const results = createResultsView({
  region: $("results"),
  parts: {
    summary: $("summary"),
    note: $("results-note"),
    errorBox: $("load-error"),
    completion: $("completion"),
    list: $("test-list"),
    challenge: $("challenge"),
    challengeHeading: $("challenge-heading"),
    challengeList: $("challenge-list"),
  },
  onGoToLine: (line) => editor?.goToLine(line),
  next: problem.next ?? null,
  timeLimit: problem.time_limit_seconds,
});
showLastVisit();
$("solved-badge").hidden = !isSolved(problem.id);
const output = createScriptOutput({
  region: $("run-output"), onGoToLine: (line) => editor?.goToLine(line), drawing: Boolean(problem.plugins?.autograd?.graph),
});

// The statement (marked + KaTeX) and the editor (CodeMirror) are chunks of their own, loaded side by
// side once Python has started.
let editor = null;
let saver = null;
import("./problem/statement.js").then(({ renderStatement }) => renderStatement({
  problem,
  markdown: statement,
  titleEl: $("problem-title"),
  difficultyEl: $("problem-difficulty"),
  bodyEl: $("statement-body"),
}));
const editorLoaded = import("./editor/editor.js").then(({ createEditor }) => {
  editor = createEditor($("editor"), {
    doc: loadCode(problem.id) ?? starter,
    onChange: () => saver.schedule(),
    onRun: () => requestRun(),
    describedBy: "editor-hint",
  });
  saver = keepWork({
    problemId: problem.id,
    editor,
    bars: { conflict: $("conflict-bar"), loadOther: $("load-other"), keepMine: $("keep-mine"),
      failed: $("save-failed-bar"), copy: $("copy-code") },
    tell,
  });
});

// The results of the learner's last run, from an earlier visit; or every test, not run yet.
function showLastVisit() {
  const last = loadResults(problem.id);
  if (!isCurrent(last?.results, problem)) return results.showPending(pendingTests(problem)); // none, or older
  results.showResults(last.results, { lastVisit: last.at });
}

async function requestRun() {
  replying = false;
  output.clear(); // the last Run code's output is stale now
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
  replying = false;
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
      say(runner.isReady ? "Running your code…" : `${bootStatus} Your code will run as soon as Python is ready.`);
      const result = await runner.runScript(problem, code);
      if (queuedScript === code) queuedScript = null;
      output.show(result, problem.time_limit_seconds);
      continue;
    }
    const code = queuedCode;
    say(runner.isReady ? "Running tests…" : `${bootStatus} Your tests will run as soon as Python is ready.`);
    const result = await runner.run(problem, code);
    if (queuedCode === code) queuedCode = null;
    show(result);
  }
  running = false;
  if (document.activeElement === $("stop")) $("run").focus(); // a disabled button would drop the focus
  $("stop").disabled = true;
  results.setBusy(false);
  output.setBusy(false);
  setStatus(runner.isReady ? "Ready" : bootStatus);
}

// result: a Result (results/schema.js), from Python or made by the runner when Python could not answer.
function show(result) {
  results.showResults(result);
  if (result.stopped?.phase === "waiting") return; // nothing ran: nothing to keep, nowhere new to look
  results.focusVerdict(result);
  saveResults(problem.id, result);
  if (result.solved) {
    markSolved(problem.id);
    $("solved-badge").hidden = false;
  }
}

$("stop").addEventListener("click", () => {
  queuedCode = null; // no run waits behind the one stopped
  queuedScript = null;
  runner.stop();
  say("Stopping…");
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
  if (editor.getCode() === starter) return tell("The editor already holds the starter code.");
  editor.replaceAll(starter);
  editor.focus();
  tell("Reset to starter — press Ctrl+Z to undo.");
});

// Phones: the sections sit one under another; a sticky bar jumps between them (style.css shows it there).
for (const button of document.querySelectorAll(".jump-bar button")) {
  button.addEventListener("click", () => {
    const target = $(button.dataset.target);
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });
}
