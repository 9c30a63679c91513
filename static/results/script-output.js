// The "Run output" region: what Run code printed, the error it stopped on, and what the problem's plugins show of
// the run (plugins/plugins.js: each graph drawn with draw(v)). Everything that comes from the learner's code is
// inserted as text, never as HTML.

import { el } from "../dom.js";
import { cancelViews, showScriptViews } from "../plugins/plugins.js";
import { visibleText } from "./learner-text.js";
import { message } from "./result-card.js";
import { countShown } from "./shown.js";

function seconds(duration) {
  return duration < 10 ? duration.toFixed(2) : duration.toFixed(1);
}

// problem: its problem.json (its plugins show their part of a run).
export function createScriptOutput({ region, onGoToLine, problem }) {
  const summary = el("p", { className: "summary" });
  summary.setAttribute("aria-live", "polite");
  const body = el("div", { className: "run-output-body" });
  region.append(summary, body);
  let waiting = false; // busy, with nothing shown yet

  function errorBox(error) {
    const line = error.line && onGoToLine
      ? el("button", { type: "button", className: "link-button", textContent: `Show line ${error.line} in the editor` })
      : null;
    line?.addEventListener("click", () => onGoToLine(error.line));
    return el("div", { className: "load-error" },
      el("h3", { textContent: "Your code stopped with an error" }),
      message(error.message),
      line,
      error.traceback ? el("details", { className: "traceback" },
        el("summary", { textContent: "Traceback" }),
        el("pre", { className: "learner-text", textContent: visibleText(error.traceback) })) : null);
  }

  function printed(text) {
    return el("div", { className: "printed" },
      el("p", { className: "printed-label", textContent: "Printed:" }),
      text ? el("pre", { className: "learner-text", textContent: visibleText(text), tabIndex: 0 }) // focusable: it scrolls
        : el("p", { className: "graph-note", textContent: "Nothing was printed." }));
  }

  // What the run printed and drew comes into view, beside the editor or (on a phone) under it.
  function render(text, result) {
    region.hidden = false;
    summary.textContent = text;
    if (result) {
      body.replaceChildren(...[result.error ? errorBox(result.error) : null, printed(result.output)].filter(Boolean));
      showScriptViews(body, problem, result);
    } else body.replaceChildren();
    region.scrollIntoView({ block: "start" });
  }

  return {
    // Run tests makes the last output stale: it goes, unless code is waiting to run (its output is to come).
    clear() {
      if (waiting) return;
      region.hidden = true;
      summary.textContent = "";
      body.replaceChildren();
    },

    setBusy(busy) {
      region.setAttribute("aria-busy", String(busy));
      if (busy) {
        cancelViews(body); // drawings still running for the last run (its draw() calls)
        region.hidden = false;
        summary.textContent = "Running your code…";
      } else if (waiting) { // Stop was pressed before this code had its turn
        summary.textContent = "Not run: stopped.";
      }
      waiting = busy;
    },

    // result: a Result of kind "script" (what runner.runScript resolved to); limit: the time limit in seconds.
    show(result, limit) {
      waiting = false;
      countShown(region);
      const { status, stopped } = result;
      if (status === "crashed") return render(result.error.message, null);
      if (stopped?.phase === "waiting") return render("Not run: you pressed Stop before Python was ready.", null);
      if (stopped) {
        const why = stopped.reason === "time"
          ? `Stopped after the ${limit} s time limit: is there a loop that never ends?` : "Stopped by you.";
        if (stopped.restarted) return render(`${why} Python was ended to stop your code.`, null);
        return render(`${why} Here is what it printed and drew until then.`, result);
      }
      const verdict = result.error ? "Your code stopped with an error" : "Ran";
      render(`${verdict} in ${seconds(result.timings.total)} s.`, result);
    },
  };
}
