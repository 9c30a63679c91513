// The problem statement: our own Markdown, with $…$ and $$…$$ math typeset by KaTeX.

import { Marked } from "marked";
import katex from "katex";
import "katex/dist/katex.min.css";

function typeset(tex, displayMode) {
  // MathML rides along with the HTML, so screen readers can read the formulas.
  return katex.renderToString(tex.trim(), { displayMode, throwOnError: false, output: "htmlAndMathml" });
}

// $$ … $$ on lines of their own: a displayed formula.
const blockMath = {
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const match = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (match) return { type: "blockMath", raw: match[0], tex: match[1] };
  },
  // Focusable: on a narrow screen a wide formula scrolls sideways, and the keyboard must reach it.
  renderer: (token) => `<div class="math-display" tabindex="0">${typeset(token.tex, true)}</div>\n`,
};

// $$ … $$ or $ … $ inside a paragraph. As in Pandoc, an inline $ formula must not start or end
// with a space and must not be followed by a digit, so "costs $5 and $6" stays text.
const inlineMath = {
  name: "inlineMath",
  level: "inline",
  start: (src) => src.indexOf("$") >= 0 ? src.indexOf("$") : undefined,
  tokenizer(src) {
    const display = /^\$\$([\s\S]+?)\$\$/.exec(src);
    if (display) return { type: "inlineMath", raw: display[0], tex: display[1], display: true };
    const inline = /^\$(?!\s)((?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (inline) return { type: "inlineMath", raw: inline[0], tex: inline[1], display: false };
  },
  renderer: (token) => typeset(token.tex, token.display),
};

const marked = new Marked({ extensions: [blockMath, inlineMath] });

// The title comes from problem.json, so a leading "# Title" in the Markdown is not repeated.
function withoutTitle(markdown) {
  return markdown.replace(/^\s*#\s[^\n]*\n/, "");
}

export function renderStatement({ problem, markdown, titleEl, difficultyEl, bodyEl }) {
  titleEl.textContent = problem.title;
  difficultyEl.textContent = `Difficulty: ${problem.difficulty}`;
  difficultyEl.dataset.difficulty = String(problem.difficulty).toLowerCase();
  document.title = `${problem.title} · Autograd Playground`;
  // Our own Markdown from the repository, never the learner's text: innerHTML is safe here.
  bodyEl.innerHTML = marked.parse(withoutTitle(markdown));
}
