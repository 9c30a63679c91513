// Which of KaTeX's twenty fonts the problems' statements and hints use, found at build time so that the service
// worker keeps only those for offline use (a few of the twenty; the rest are fetched if a page ever asks).
//
// Every statement and hint is rendered as the page renders it (static/problem/markdown.js), and the classes of
// its elements are matched against katex.min.css's rules that set a font-family. KaTeX_Main regular is the
// base font of all math.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { statementHtml } from "../static/problem/markdown.js";
import { readProblems } from "./validate-problems.mjs";

const BASE_FONT = "KaTeX_Main-Regular";

// [{classes, font}]: a rule of katex.min.css whose last selector part sets a font, as the file name it loads
// (KaTeX_Math-Italic).
function fontRules() {
  const css = readFileSync(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"), "utf8");
  const rules = [];
  for (const [, selectors, body] of css.matchAll(/([^{}@]+)\{([^{}]*font-family:(KaTeX_\w+)[^{}]*)\}/g)) {
    const family = /font-family:(KaTeX_\w+)/.exec(body)[1];
    const bold = /font-weight:(700|bold)/.test(body);
    const italic = /font-style:italic/.test(body);
    const font = `${family}-${bold && italic ? "BoldItalic" : bold ? "Bold" : italic ? "Italic" : "Regular"}`;
    for (const selector of selectors.split(",")) {
      const last = selector.trim().split(/\s+/).pop();
      rules.push({ classes: last.split(".").filter(Boolean), font });
    }
  }
  return rules;
}

export function fontsUsed(htmls) {
  const rules = fontRules();
  const used = new Set([BASE_FONT]);
  for (const html of htmls) {
    for (const [, value] of html.matchAll(/class="([^"]*)"/g)) {
      const classes = new Set(value.split(/\s+/));
      for (const rule of rules) if (rule.classes.every((name) => classes.has(name))) used.add(rule.font);
    }
  }
  return used;
}

// The fonts every problem's statement.md and hints.md use.
export function problemFonts() {
  const htmls = readProblems().problems.flatMap(({ folder }) => ["statement.md", "hints.md"]
    .map((name) => { try { return readFileSync(join(folder, name), "utf8"); } catch { return ""; } })
    .map((markdown) => statementHtml(markdown)));
  return fontsUsed(htmls);
}
