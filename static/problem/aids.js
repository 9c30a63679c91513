// What a problem gives besides its statement: the modules it provides (what it builds on, read-only: the
// learner's code imports them) and its hints, shown one at a time, on request.

import { el } from "../dom.js";
import { statementHtml } from "./markdown.js";

// provided: [{name, source}]. One disclosure per file; its code as text, never as HTML.
export function providedFiles(provided) {
  return provided.map(({ name, source }) => el("details", { className: "provided-file" },
    el("summary", {}, el("code", { textContent: name })),
    el("pre", { className: "provided-source", tabIndex: 0 }, el("code", { textContent: source }))));
}

// hints.md: "## Hint 1", "## Hint 2", … one hint per section (scripts/validate-problems.mjs counts them alike).
export function hintSections(markdown) {
  return markdown.split(/^## /m).map((part) => part.trim()).filter(Boolean).map((section) => {
    const [title, ...body] = section.split("\n");
    return { title: title.trim(), body: body.join("\n") };
  });
}

// "Hint 2 of 4", and the section's own title when it says more than "Hint 2".
function hintItem({ title, body }, number, total) {
  const name = `Hint ${number} of ${total}`;
  const heading = el("h3", { className: "hint-title", tabIndex: -1,
    textContent: title === `Hint ${number}` ? name : `${name}: ${title}` });
  const text = el("div", { className: "hint-text" });
  text.innerHTML = statementHtml(body); // our own Markdown from the repository: innerHTML is safe here
  return el("li", { className: "hint-step" }, heading, text);
}

// The hints as steps: "Show hint 1 of 3", then "Show the next hint" until all are shown. shown: how many the
// learner opened before (storage.js keeps it); onShown(count) when that grows. Returns {total, reveal(number)}:
// reveal shows every hint up to number, then focuses that one (a failing test's "See hint 2" uses it).
export function hintSteps(parent, markdown, { shown = 0, onShown }) {
  const hints = hintSections(markdown);
  const total = hints.length;
  const list = el("ol", { className: "hint-steps" });
  list.setAttribute("aria-label", "Hints shown");
  const next = el("button", { type: "button", className: "hint-next" });
  // Said aloud. aria-live, not role=status: the page has one status line, the toolbar's.
  const news = el("p", { className: "visually-hidden" });
  news.setAttribute("aria-live", "polite");

  function showUpTo(count) {
    while (list.children.length < Math.min(count, total)) {
      list.append(hintItem(hints[list.children.length], list.children.length + 1, total));
    }
    const opened = list.children.length;
    next.textContent = opened === 0 ? `Show hint 1 of ${total}` : `Show the next hint (${opened + 1} of ${total})`;
    next.hidden = opened === total;
    list.hidden = opened === 0;
  }

  function reveal(number) {
    const before = list.children.length;
    showUpTo(number);
    const opened = list.children.length;
    if (opened > before) {
      onShown?.(opened);
      news.textContent = opened === total ? `Hint ${opened} of ${total} shown: that is every hint.`
        : `Hint ${opened} of ${total} shown.`;
    }
    list.children[Math.min(number, total) - 1]?.querySelector(".hint-title").focus();
  }

  next.addEventListener("click", () => reveal(list.children.length + 1));
  showUpTo(shown);
  parent.replaceChildren(list, next, news);
  return { total, reveal };
}
