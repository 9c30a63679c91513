// One test's entry in the results list, and the small parts the results view shares with it.
// Everything that comes from the learner's code goes in as text (visibleText), never as HTML.

import { el } from "../dom.js";
import { codeParts, visibleText } from "./learner-text.js";

// By a test's outcome (results/schema.js).
const VERDICTS = {
  pending: { icon: "○", text: "Not run yet" },
  passed: { icon: "✓", text: "Passed" },
  failed: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  stopped: { icon: "■", text: "Stopped" }, // it was running when the time limit or the Stop button came
  not_run: { icon: "–", text: "Not run" }, // it never started
};

// A symbol beside the verdict's words, so the verdict never rests on colour alone.
function icon(symbol) {
  const node = el("span", { className: "verdict-icon", textContent: symbol });
  node.setAttribute("aria-hidden", "true");
  return node;
}

// A message with its `code` spans shown as code, not as backticks.
export function message(text) {
  return text ? el("div", { className: "test-message learner-text" }, ...withCode(text)) : null;
}

export function withCode(text) {
  return codeParts(text).map((part) => (part.code ? el("code", { textContent: part.text }) : part.text));
}

export function lineButton(line, onGoToLine) {
  if (!line || !onGoToLine) return null;
  const button = el("button", { type: "button", className: "link-button", textContent: `Show line ${line} in the editor` });
  button.addEventListener("click", () => onGoToLine(line));
  return button;
}

export function traceback(text) {
  if (!text) return null;
  return el("details", { className: "traceback" },
    el("summary", { textContent: "Traceback" }),
    el("pre", { className: "learner-text", textContent: visibleText(text) }));
}

export function printed(text, label = "Printed:") {
  if (!text) return null;
  return el("div", { className: "printed" },
    el("p", { className: "printed-label", textContent: label }),
    el("pre", { className: "learner-text", textContent: visibleText(text), tabIndex: 0 })); // focusable: it scrolls
}

// A challenge test's hint, behind a disclosure: read only when wanted.
function hint(text) {
  if (!text) return null;
  return el("details", { className: "hint-disclosure" },
    el("summary", { textContent: "Hint" }),
    el("p", { textContent: text }));
}

// "See hint 2": opens the problem's hints up to the one that helps with this test (problem.json's hint_number).
function hintLink(number, onSeeHint) {
  if (!number || !onSeeHint) return null;
  const button = el("button", { type: "button", className: "link-button", textContent: `See hint ${number}` });
  button.addEventListener("click", () => onSeeHint(number));
  return button;
}

let names = 0; // ids for test names, unique on the page

// sharedMessage: said once above the list, so not repeated here; views(nameId): what the plugins show on the
// test (plugins/plugins.js testViews: "Show graph"), given the id of the test's name; stopSentence: what this test says about a stop (stop-words.js), or null; hintNumber and onSeeHint: the hint
// a failed test links to, and what shows it.
export function testItem(test, { sharedMessage, onGoToLine, views = () => [], stopSentence = null, hintNumber = null,
  onSeeHint = null }) {
  const status = VERDICTS[test.outcome] ? test.outcome : "error";
  const verdict = VERDICTS[status];
  const nameId = `test-name-${++names}`;
  const item = el("li", { className: "test", tabIndex: -1 }, // focused after a run when it is the first failure
    el("p", { className: "test-head" },
      el("span", { className: "verdict" },
        icon(verdict.icon),
        el("span", { className: "verdict-text", textContent: verdict.text })),
      el("span", { className: "test-name", id: nameId, textContent: test.name })),
    test.message && test.message === sharedMessage
      ? el("p", { className: "shared-ref", textContent: "Why: see the message above the list." })
      : message([stopSentence, test.message].filter(Boolean).join(" ")),
    lineButton(test.line, onGoToLine),
    ...views(nameId),
    traceback(test.traceback),
    printed(test.output),
    status === "passed" ? null : hint(test.hint),
    status === "passed" || status === "pending" ? null : hintLink(hintNumber, onSeeHint));
  Object.assign(item.dataset, { status, tier: test.tier, testId: test.id });
  return item;
}
