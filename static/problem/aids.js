// What a problem gives besides its statement: the modules it provides (what it builds on, read-only: the
// learner's code imports them) and its hints, each opened on purpose, one at a time.

import { el } from "../dom.js";
import { statementHtml } from "./markdown.js";

// provided: [{name, source}]. One disclosure per file; its code as text, never as HTML.
export function providedFiles(provided) {
  return provided.map(({ name, source }) => el("details", { className: "provided-file" },
    el("summary", {}, el("code", { textContent: name })),
    el("pre", { className: "provided-source", tabIndex: 0 }, el("code", { textContent: source }))));
}

// hints.md: "## Hint 1", "## Hint 2", … each section a disclosure of its own, so a learner reads only what they
// need. Our own Markdown from the repository: innerHTML is safe here.
export function hintList(markdown) {
  const sections = markdown.split(/^## /m).map((part) => part.trim()).filter(Boolean);
  return sections.map((section) => {
    const [title, ...body] = section.split("\n");
    const text = el("div", { className: "hint-text" });
    text.innerHTML = statementHtml(body.join("\n"));
    return el("details", { className: "hint-disclosure" }, el("summary", { textContent: title.trim() }), text);
  });
}
