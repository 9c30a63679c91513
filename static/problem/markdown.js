// A problem's Markdown as HTML, with $…$ and $$…$$ math typeset by KaTeX. Plain functions, no DOM and no CSS:
// the page (statement.js) and the authoring check under Node (make check-problems) render statements alike.

import { Marked } from "marked";
import katex from "katex";

// throwOnError: the authoring check wants a bad formula to fail; the page shows it in red instead.
function typeset(tex, displayMode, throwOnError) {
  // MathML rides along with the HTML, so screen readers can read the formulas.
  return katex.renderToString(tex.trim(), { displayMode, throwOnError, output: "htmlAndMathml" });
}

// $$ … $$ on lines of their own: a displayed formula.
const blockMath = (throwOnError) => ({
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const match = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (match) return { type: "blockMath", raw: match[0], tex: match[1] };
  },
  // Focusable: on a narrow screen a wide formula scrolls sideways, and the keyboard must reach it.
  renderer: (token) => `<div class="math-display" tabindex="0">${typeset(token.tex, true, throwOnError)}</div>\n`,
});

// $$ … $$ or $ … $ inside a paragraph. As in Pandoc, an inline $ formula must not start or end
// with a space and must not be followed by a digit, so "costs $5 and $6" stays text.
const inlineMath = (throwOnError) => ({
  name: "inlineMath",
  level: "inline",
  start: (src) => src.indexOf("$") >= 0 ? src.indexOf("$") : undefined,
  tokenizer(src) {
    const display = /^\$\$([\s\S]+?)\$\$/.exec(src);
    if (display) return { type: "inlineMath", raw: display[0], tex: display[1], display: true };
    const inline = /^\$(?!\s)((?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (inline) return { type: "inlineMath", raw: inline[0], tex: inline[1], display: false };
  },
  renderer: (token) => typeset(token.tex, token.display, throwOnError),
});

const markedFor = (throwOnError) => new Marked({ extensions: [blockMath(throwOnError), inlineMath(throwOnError)] });
const lenient = markedFor(false);
const strict = markedFor(true);

// The title comes from problem.json, so a leading "# Title" in the Markdown is not repeated.
function withoutTitle(markdown) {
  return markdown.replace(/^\s*#\s[^\n]*\n/, "");
}

// The statement's HTML. throwOnError: a formula KaTeX cannot typeset throws (a ParseError naming it).
export function renderMarkdown(markdown, { throwOnError = false } = {}) {
  return (throwOnError ? strict : lenient).parse(withoutTitle(markdown));
}
