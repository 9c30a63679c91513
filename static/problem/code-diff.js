// A diff of two Python files that ignores comments, docstrings and the spaces inside a line, for the merge
// view's diffConfig.override: a one-line bug then shows as one change, whatever the comments around it.
// Indentation still counts: in Python it is code.

import { Change, diff } from "@codemirror/merge";
import { parser } from "@lezer/python";

// The text with its comments and lone strings (docstrings) blanked out: same length, newlines kept.
export function blankComments(text) {
  const blanks = [];
  parser.parse(text).iterate({
    enter(node) {
      const lone = node.name === "ExpressionStatement" && node.node.firstChild?.name === "String"
        && node.node.firstChild.to === node.to;
      if (node.name === "Comment" || lone) blanks.push([node.from, node.to]);
      return !lone;
    },
  });
  let out = "";
  let at = 0;
  for (const [from, to] of blanks) {
    out += text.slice(at, from) + text.slice(from, to).replace(/[^\n]/g, " ");
    at = to;
  }
  return out + text.slice(at);
}

// Each line that holds code: [start offset, end offset, what it says (indentation, then no spaces)].
export function codeLines(text) {
  const lines = [];
  let start = 0;
  for (const line of blankComments(text).split("\n")) {
    const code = line.trim().replace(/\s+/g, "");
    if (code) lines.push([start, start + line.length, line.match(/^\s*/)[0] + code]);
    start += line.length + 1;
  }
  return lines;
}

// The changes between a and b, as CodeMirror's diff gives them (Change: fromA, toA, fromB, toB, in offsets),
// found line by line over the lines that hold code.
export function diffIgnoringComments(a, b) {
  const [linesA, linesB] = [codeLines(a), codeLines(b)];
  // Each distinct line becomes one character, so that the diff of two strings is the diff of two lists of lines.
  const symbols = new Map();
  const encode = (lines) => lines.map(([, , code]) => {
    if (!symbols.has(code)) symbols.set(code, String.fromCharCode(0x4e00 + symbols.size));
    return symbols.get(code);
  }).join("");
  const changes = diff(encode(linesA), encode(linesB));
  const span = (lines, text, from, to) => (to > from ? [lines[from][0], lines[to - 1][1]]
    : Array(2).fill(from < lines.length ? lines[from][0] : text.length));
  return changes.map(({ fromA, toA, fromB, toB }) => {
    const [startA, endA] = span(linesA, a, fromA, toA);
    const [startB, endB] = span(linesB, b, fromB, toB);
    return new Change(startA, endA, startB, endB);
  });
}
