// One problem on the page: its statement, the editor and its toolbar, Run output and the test results. Made
// from index.html's <template id="problem-view"> when the learner opens the problem; destroyed, listeners and
// all (one AbortController), when they leave it. Follow a click: Run tests → runs.js → the page's one Python
// (run/runner-client.js) → results/results.js.

import { createResultsView } from "../results/results.js";
import { isCurrent, pendingTests } from "../results/results-model.js";
import { createScriptOutput } from "../results/script-output.js";
import { cancelViews, createRunViews, runCodeHint } from "../plugins/plugins.js";
import { keepWork } from "../editor/keep-work.js";
import { loadCode, loadHintsShown, loadResults, progressOf, saveHintsShown, storedProgress } from "../track/storage.js";
import { createRuns } from "./runs.js";
import { createStatusLine } from "./status-line.js";
import { createReference } from "./reference.js";
import { createPanes } from "./panes.js";
import { showPythonProgress } from "./python-progress.js";

// The chunks every problem view uses: asked for while the problem's own chunk loads, not after it.
export function preloadProblemView() {
  const loading = [import("./statement.js"), import("./aids.js"), import("../editor/editor.js")];
  Promise.allSettled(loading); // a chunk that fails is reported where it is used
}

// problem: {meta (problem.json), statement, starter, provided, hints, solutionUrl} (scripts/problems.mjs).
// next: {title, href} of the track's next problem, or null.
// runner: the page's runs of Python (run/runner-client.js); python: {status, ready}, kept up to date by main.js.
// shared: a share link's data (share.js), whose code is offered in place of the learner's.
// Returns the view: {heading, python() (Python has news: python.status), destroy()}.
export function openProblem(container, { problem, next, runner, python, shared }) {
  const { meta, statement, starter } = problem;
  const control = new AbortController();
  const { signal } = control;
  const on = (target, type, listener) => target.addEventListener(type, listener, { signal });
  container.replaceChildren(document.getElementById("problem-view").content.cloneNode(true));
  const $ = (id) => container.querySelector(`#${id}`);

  document.title = `${meta.title} · Autograd Playground`;
  $("problem-title").textContent = meta.title;
  createPanes(container.querySelector(".layout"), { signal });
  const status = createStatusLine($("status"));
  status.python(python.ready ? "Ready" : python.status);
  showPythonProgress($("python-progress"), python);

  let editor = null;
  let saver = null;
  let hints = null; // the hint steps (aids.js), once its chunk is in
  const goToLine = (line) => editor?.goToLine(line);
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
    problemId: meta.id,
    onGoToLine: goToLine,
    next,
    timeLimit: meta.time_limit_seconds,
    hintNumberOf: (testId) => (problem.hints ? meta.tests.find((test) => test.id === testId)?.hint_number : null),
    onSeeHint: (number) => hints?.reveal(number),
  });
  showLastVisit(results, meta);
  const showProgress = () => {
    const progress = progressOf(meta.id);
    $("solved-badge").hidden = !progress.startsWith("solved");
    $("solved-text").textContent = progress === "solved-with-solution" ? "Solved with the solution shown" : "Solved";
  };
  showProgress();
  $("run-code-hint").textContent = runCodeHint(meta);
  const output = createScriptOutput({ region: $("run-output"), onGoToLine: goToLine, problem: meta });

  // The statement (marked + KaTeX) and the editor (CodeMirror) are chunks of their own, shared by every problem.
  const statementShown = Promise.all([import("./statement.js"), import("./aids.js")]).then(([{ renderStatement }, aids]) => {
    if (signal.aborted) return;
    renderStatement({
      problem: meta, markdown: statement, titleEl: $("problem-title"), difficultyEl: $("problem-difficulty"),
      bodyEl: $("statement-body"),
    });
    hints = showAids(container, problem, aids);
  });
  const editorLoaded = import("../editor/editor.js").then(({ createEditor }) => {
    if (signal.aborted) return;
    editor = createEditor($("editor"), {
      doc: loadCode(meta.id) ?? starter,
      onChange: () => saver.schedule(),
      onRun: () => runs.runTests(),
      describedBy: "editor-hint",
    });
    saver = keepWork({
      problemId: meta.id,
      editor,
      bars: { conflict: $("conflict-bar"), loadOther: $("load-other"), keepMine: $("keep-mine"),
        failed: $("save-failed-bar"), copy: $("copy-code") },
      tell: status.tell,
      signal,
    });
    if (shared !== undefined) offerSharedCode(shared);
  });
  const sharing = import("./share.js");
  // After the statement is in: on a phone the bar is scrolled to, below it, once it has its height.
  const offerSharedCode = async (data) => {
    const [{ offerShared }] = await Promise.all([sharing, statementShown]);
    if (signal.aborted) return;
    offerShared({
      data, editor, saver, tell: status.tell, signal,
      bars: { shared: $("shared-bar"), keep: $("keep-shared"), back: $("back-to-mine"), error: $("share-error") },
    });
  };

  const runs = createRuns({
    keepsResults: () => !saver?.held, // someone else's code, not kept yet: its results are not the learner's
    problem: meta, runner, python, status, results, output, stopButton: $("stop"), runTestsButton: $("run-tests"),
    views: createRunViews(meta, { container: $("plugin-views"), timeLimit: meta.time_limit_seconds }),
    async latestCode() {
      await editorLoaded;
      saver?.flush();
      return editor?.getCode() ?? null;
    },
    onSolved: () => {
      showProgress();
      reference.update();
    },
  });
  const reference = createReference({
    problemId: meta.id,
    solutionUrl: problem.solutionUrl,
    parts: { button: $("compare"), note: $("reference-note"), news: $("reference-news"), panel: $("compare-panel"),
      heading: $("compare-heading"), view: $("compare-view"), hide: $("compare-hide"), dialog: $("solution-dialog"),
      ignore: $("compare-ignore"), previous: $("compare-previous"), next: $("compare-next"),
      panelNews: $("compare-news") },
    async latestCode() {
      await editorLoaded;
      return editor?.getCode() ?? null;
    },
    onShown: showProgress,
    signal,
  });
  on($("run-tests"), "click", runs.runTests);
  on($("run-code"), "click", runs.runScript);
  on($("stop"), "click", runs.stop);
  on($("reset"), "click", () => resetToStarter(editor, starter, status));
  on($("copy-link"), "click", async () => {
    await editorLoaded;
    const { copyLink } = await sharing;
    if (editor && !signal.aborted) {
      copyLink({ problemId: meta.id, code: editor.getCode(), field: $("share-link"), tell: status.tell });
    }
  });
  // Ctrl/Cmd+Enter anywhere on the page (inside the editor, CodeMirror's keymap handles it first).
  on(document, "keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      runs.runTests();
    }
  });
  if (/Mac|iPhone|iPad/.test(navigator.userAgent)) $("run-tests").querySelector(".shortcut").textContent = "⌘+Enter";
  // Phones: the sections sit one under another; a sticky bar jumps between them (style.css shows it there).
  for (const button of container.querySelectorAll(".jump-bar button")) {
    on(button, "click", () => {
      const target = $(button.dataset.target);
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  return {
    heading: $("problem-title"),
    python() {
      runs.pythonNews();
      showPythonProgress($("python-progress"), python);
    },
    destroy() {
      runs.leave();
      control.abort(); // every listener goes; keep-work saves the code first
      cancelViews(container);
      reference.destroy();
      editor?.destroy();
      container.replaceChildren();
    },
  };
}

// The results of the learner's last run, from an earlier visit; or every test, not run yet. Kept results that
// can't be shown (damaged, from another version of the page or of the problem's tests) are said and left aside:
// whatever storage holds, the problem opens.
function showLastVisit(results, meta) {
  const last = loadResults(meta.id);
  if (isCurrent(last?.results, meta)) {
    try {
      return results.showResults(last.results, { lastVisit: last.at });
    } catch (error) {
      console.error("The last visit's results could not be shown:", error);
    }
  }
  const kept = storedProgress(meta.id).results !== undefined;
  results.showPending(pendingTests(meta), kept ? { note: "Your last results could not be shown (they are damaged, "
    + "or from an earlier version of this page), so every test is listed as not run yet." } : {});
}

// The provided files and the hints, when the problem has them. Returns the hint steps (aids.js), or null.
function showAids(container, { meta, provided, hints }, { providedFiles, hintSteps }) {
  const $ = (id) => container.querySelector(`#${id}`);
  if (provided.length) {
    $("provided-example").textContent = `from ${provided[0].name.replace(/\.py$/, "")} import …`;
    $("provided-files").replaceChildren(...providedFiles(provided));
    $("provided").hidden = false;
  }
  if (!hints) return null;
  $("hints").hidden = false;
  // The hints sit at the statement's end, out of sight in its pane: a link at its top says they are there.
  $("to-hints").hidden = false;
  $("to-hints").addEventListener("click", () => {
    $("hints").scrollIntoView({ block: "start" });
    $("hints-heading").focus({ preventScroll: true });
  });
  return hintSteps($("hint-list"), hints, {
    shown: loadHintsShown(meta.id),
    onShown: (count) => saveHintsShown(meta.id, count),
  });
}

function resetToStarter(editor, starter, status) {
  if (!editor) return;
  if (editor.getCode() === starter) return status.tell("The editor already holds the starter code.");
  editor.replaceAll(starter);
  editor.focus();
  status.tell("Reset to starter — press Ctrl+Z to undo.");
}
