// The reference solution. Once the problem is solved, "Compare with the reference" shows it beside the
// learner's code (compare-view.js, loaded then), in a dialog the window's width, with the next and previous
// change a key away, and comments, docstrings and spaces ignored unless the learner asks. Before that, a dialog asks first; showing it then is kept
// (storage.js markSolutionShown), and a later first solve counts as "solved with the solution shown".
// solution.py is a file of its own (scripts/problems.mjs), fetched here on the main thread when asked for:
// never in the worker, and not kept offline by the service worker (it keeps only the page's own files).

import { isSolved, markSolutionShown, wasSolutionShown } from "../track/storage.js";

// parts: index.html's #reference section and #solution-dialog. latestCode(): the editor's code.
// onShown(): the solution was shown before a solve (the page updates what it says about progress).
export function createReference({ problemId, solutionUrl, parts, latestCode, onShown, signal }) {
  const { button, note, news, panel, heading, view: viewBox, hide, dialog, ignore, previous, next,
    panelNews } = parts;
  let comparison = null;
  let codes = null; // {mine, reference}: what the comparison on show compares
  const on = (target, type, listener) => target.addEventListener(type, listener, { signal });

  async function compare() {
    news.textContent = "Loading the reference…";
    let reference;
    let showComparison;
    try {
      const response = await fetch(solutionUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      reference = await response.text();
      ({ showComparison } = await import("./compare-view.js"));
    } catch {
      news.textContent = "The reference could not be loaded. Are you offline? Nothing has changed; try again later.";
      return;
    }
    const mine = await latestCode();
    if (signal.aborted || mine === null) return;
    if (!isSolved(problemId)) {
      markSolutionShown(problemId);
      update();
      onShown();
    }
    news.textContent = "";
    codes = { mine, reference };
    panel.showModal(); // first: the merge view measures itself in a box on show
    show(showComparison);
    heading.focus();
  }

  function show(showComparison) {
    comparison?.destroy();
    comparison = showComparison(viewBox, { ...codes, ignoreComments: ignore.checked });
    const count = comparison.differences;
    const parts = count === 0 ? "no part differs" : count === 1 ? "1 part differs" : `${count} parts differ`;
    const ignoring = ignore.checked ? " (comments, docstrings and spaces ignored)" : "";
    panelNews.textContent = comparison.sideBySide
      ? `Your code is on the left, the reference on the right: ${parts}${ignoring}.`
      : `The reference, with your differing lines marked above its own: ${parts}${ignoring}.`;
    previous.disabled = next.disabled = count === 0;
  }

  function go(by) {
    if (!comparison?.differences) return;
    const shown = comparison.go(by);
    panelNews.textContent = `Change ${shown} of ${comparison.differences}.`;
  }

  on(ignore, "change", async () => {
    const { showComparison } = await import("./compare-view.js");
    if (codes) show(showComparison);
  });
  on(previous, "click", () => go(-1));
  on(next, "click", () => go(1));
  on(panel, "keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const by = { n: 1, p: -1 }[event.key.toLowerCase()];
    if (!by) return;
    event.preventDefault();
    go(by);
  });
  on(hide, "click", () => panel.close());
  on(panel, "close", () => { // Hide, or Esc
    comparison?.destroy();
    comparison = null;
    codes = null;
    button.focus();
  });

  on(button, "click", () => {
    if (isSolved(problemId) || wasSolutionShown(problemId)) compare();
    else dialog.showModal(); // its first button, "Keep trying", has the focus
  });
  on(dialog, "close", () => {
    if (dialog.returnValue === "show") compare();
    else button.focus();
    dialog.returnValue = "";
  });
  for (const choice of dialog.querySelectorAll("button[value]")) {
    on(choice, "click", () => dialog.close(choice.value));
  }

  // What the section says, by progress: the page calls it again after a solve.
  function update() {
    if (isSolved(problemId)) note.textContent = "Solved: see how the reference did it.";
    else if (wasSolutionShown(problemId)) note.textContent = "You have seen the solution: keep trying, it is yours to finish.";
    else note.textContent = "Solve the problem first, or ask to see the solution: you can keep trying after.";
  }
  update();
  return { update, destroy: () => comparison?.destroy() };
}
