// Our own Markdown, with $…$ and $$…$$ math typeset by KaTeX: the problem statement's text, as HTML.
// No DOM and no CSS here, so scripts/check-problems.mjs renders every statement under Node just as the page does.

import { Marked } from "marked";
import katex from "katex";

function mathExtensions(katexOptions) {
  function typeset(tex, displayMode) {
    // MathML rides along with the HTML, so screen readers can read the formulas.
    return katex.renderToString(tex.trim(), { ...katexOptions, displayMode, output: "htmlAndMathml" });
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

  return [blockMath, inlineMath];
}

const escapes = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text) => text.replace(/[&<>"']/g, (char) => escapes[char]);

// A code block, one element per line: a line too long for its pane wraps under itself, indented (style.css),
// rather than hiding past the pane's edge.
const renderer = {
  code({ text, lang }) {
    const lines = text.replace(/\n$/, "").split("\n")
      .map((line) => `<span class="code-line">${escape(line) || " "}</span>`).join("");
    const language = lang ? ` class="language-${escape(lang)}"` : "";
    return `<pre><code${language}>${lines}</code></pre>\n`;
  },
};

// The page shows a formula KaTeX cannot read as red source text; the authoring check throws instead.
const lenient = new Marked({ extensions: mathExtensions({ throwOnError: false }), renderer });
const strict = new Marked({ extensions: mathExtensions({ throwOnError: true }), renderer });

// The title comes from problem.json, so a leading "# Title" in the Markdown is not repeated.
function withoutTitle(markdown) {
  return markdown.replace(/^\s*#\s[^\n]*\n/, "");
}

export function statementHtml(markdown, { throwOnError = false } = {}) {
  return (throwOnError ? strict : lenient).parse(withoutTitle(markdown));
}
