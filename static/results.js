// The "Test results" region: a summary, an error that stopped every test, one entry per test.
// Everything that comes from the learner's code is inserted as text, never as HTML.

import { cancelGraphs, graphDisclosure } from "./graph-disclosure.js";

const VERDICTS = {
  pending: { icon: "○", text: "Not run yet" },
  passed: { icon: "✓", text: "Passed" },
  failed: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  timeout: { icon: "■", text: "Stopped" }, // at the time limit, or by the Stop button
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children.filter((child) => child != null && child !== ""));
  return node;
}

// A symbol beside the verdict's words, so the verdict never rests on colour alone.
function icon(symbol) {
  const node = el("span", { className: "verdict-icon", textContent: symbol });
  node.setAttribute("aria-hidden", "true");
  return node;
}

function seconds(duration) {
  return duration < 10 ? duration.toFixed(2) : duration.toFixed(1);
}

export function createResultsView({ region, summary, errorBox, list, onGoToLine }) {
  function graphButton(test) {
    return test.graph ? graphDisclosure(test.graph) : null; // closed: only a click lays out a graph
  }

  function lineButton(line) {
    if (!line || !onGoToLine) return null;
    const button = el("button", { type: "button", className: "link-button", textContent: `Show line ${line} in the editor` });
    button.addEventListener("click", () => onGoToLine(line));
    return button;
  }

  function traceback(text) {
    if (!text) return null;
    return el("details", { className: "traceback" },
      el("summary", { textContent: "Traceback" }),
      el("pre", { textContent: text }));
  }

  function printed(text, label = "Printed:") {
    if (!text) return null;
    return el("div", { className: "printed" },
      el("p", { className: "printed-label", textContent: label }),
      el("pre", { textContent: text, tabIndex: 0 })); // focusable: a long output scrolls
  }

  function testItem(test) {
    const status = VERDICTS[test.outcome] ? test.outcome : "error";
    const verdict = VERDICTS[status];
    const item = el("li", { className: "test" },
      el("p", { className: "test-head" },
        el("span", { className: "verdict" },
          icon(verdict.icon),
          el("span", { className: "verdict-text", textContent: verdict.text })),
        el("span", { className: "test-name", textContent: test.name })),
      test.message ? el("div", { className: "test-message", textContent: test.message }) : null,
      lineButton(test.line),
      graphButton(test),
      traceback(test.traceback),
      printed(test.output));
    item.dataset.status = status;
    item.dataset.testId = test.id;
    return item;
  }

  function showTests(tests) {
    list.replaceChildren(...tests.map(testItem));
  }

  function showError(title, error, output) {
    if (!error) {
      errorBox.hidden = !output;
      errorBox.replaceChildren(...(output ? [printed(output, "Your code printed while loading:")] : []));
      return;
    }
    errorBox.hidden = false;
    errorBox.replaceChildren(...[
      el("h3", { textContent: title }),
      el("div", { className: "test-message", textContent: error.message }),
      lineButton(error.line),
      traceback(error.traceback),
      printed(output, "Your code printed while loading:"),
    ].filter(Boolean));
  }

  // Before any run: every test by name, pending.
  function showPending(tests) {
    showTests(tests.map((test) => ({ ...test, outcome: "pending", message: "" })));
  }

  return {
    showPending,

    setBusy(busy) {
      region.setAttribute("aria-busy", String(busy));
      if (busy) summary.textContent = ""; // cleared so the next summary is always announced
      if (busy) cancelGraphs(list); // a layout still running for the last results
    },

    // results: what runTests returned, perhaps with outcomes turned to "timeout" (and a note) by the caller.
    showResults(results) {
      const broke = results.error?.type === "HarnessError"; // it loaded, then broke what the tests use
      showError(broke ? "The tests could not run" : "Your code did not load", results.error, results.output);
      showTests(results.tests);
      summary.textContent = `${results.passed}/${results.total} passed in ${seconds(results.duration)} s`
        + (results.note ? `: ${results.note}` : ""); // e.g. "stopped by you"
      summary.scrollIntoView({ block: "nearest" }); // on a short screen, bring the verdict into view
    },

    // A run stopped before Python was even ready: back to the list of tests not run yet.
    showCancelled(tests) {
      errorBox.hidden = true;
      showPending(tests);
      summary.textContent = "Run cancelled.";
    },

    // Nothing could run (Python did not load, the worker crashed): every test is an error.
    showFailure(message, tests) {
      showError("The tests could not run", { message, line: null, traceback: "" }, "");
      showTests(tests.map((test) => ({ ...test, outcome: "error", message })));
      summary.textContent = `0/${tests.length} passed`;
    },
  };
}
