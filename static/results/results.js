// The "Test results" region: a summary, what applies to every test (said once), the required tests,
// the challenge tests apart, and a "Solved" panel once every required test passes.
//
// What the harness sends, one object per run (results-model.js fills in what an older harness leaves out):
//
//   {problem, error: {type, line, message, traceback} | null,  // set when the code did not load (or broke the harness)
//    stopped: bool, output: str,                               // output: what the code printed while loading
//    tests: [{id, name, tier: "required" | "challenge",       // tier: "required" when missing (or from problem.json)
//             outcome: "passed" | "failed" | "error" | "timeout" | "pending",
//             message, output, duration, line, traceback, graph, hint: str | null}],
//    passed, total,            // required tests only
//    challenge: {passed, total},
//    solved: bool,             // every required test passed
//    shared_message: str|null, // applies to every non-passing test: shown once above the list, not on each card
//    duration}

import { el } from "../dom.js";
import { cancelGraphs, graphDisclosure } from "../graph/graph-disclosure.js";
import { lineButton, message, printed, testItem, traceback } from "./result-card.js";
import { completionPanel } from "./completion.js";

function seconds(duration) {
  return duration < 10 ? duration.toFixed(2) : duration.toFixed(1);
}

const SHORT_DATE = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };

// parts: the elements of index.html's results region. next: what comes after this problem (completion.js).
export function createResultsView({ region, parts, onGoToLine, next }) {
  const { summary, note, errorBox, completion, list, challenge, challengeHeading, challengeList } = parts;

  function graphButton(test) {
    // closed: only a click lays out a graph. The doctor's sentence is in the test's message already.
    const doctorSaid = Boolean(test.graph?.flag) && test.outcome !== "passed";
    return test.graph ? graphDisclosure(test.graph, { doctorSaid }) : null;
  }

  function showTests(results) {
    const card = (test) => testItem(test, { sharedMessage: results.shared_message, onGoToLine, graph: graphButton(test) });
    const challenges = results.tests.filter((test) => test.tier === "challenge");
    list.replaceChildren(...results.tests.filter((test) => test.tier !== "challenge").map(card));
    challengeList.replaceChildren(...challenges.map(card));
    challenge.hidden = challenges.length === 0;
    const ran = challenges.some((test) => test.outcome !== "pending");
    challengeHeading.textContent = ran ? `Challenge: ${results.challenge.passed}/${results.challenge.total}` : "Challenge";
  }

  // Said once, above the list: the error that kept the code from loading, and a message every test shares.
  function showShared({ error, output, shared_message: shared }) {
    const title = !error ? null
      : error.type === "HarnessError" || error.type === "PythonFailure" ? "The tests could not run"
        : "Your code did not load";
    const parts = [
      title && el("h3", { textContent: title }),
      error && message(error.message),
      error && lineButton(error.line, onGoToLine),
      error && traceback(error.traceback),
      shared !== error?.message ? message(shared) : null,
      printed(output, "Your code printed while loading:"),
    ].filter(Boolean);
    errorBox.replaceChildren(...parts);
    errorBox.hidden = parts.length === 0;
  }

  function show(results) {
    showShared(results);
    showTests(results);
    completion.replaceChildren(...(results.solved ? completionPanel(results, next) : []));
    completion.hidden = !results.solved;
  }

  // After a run: where the learner's eyes (and the keyboard focus) should go.
  function firstProblem(results) {
    if (results.error) return errorBox;
    return list.querySelector('li:not([data-status="passed"])') ?? summary;
  }

  return {
    // Before any run: every test by name, pending.
    showPending(results) {
      show(results);
      summary.textContent = "Not run yet.";
    },

    setBusy(busy) {
      region.setAttribute("aria-busy", String(busy));
      if (!busy) return;
      cancelGraphs(region); // a new run: layouts in progress stop, and no graph redraws on its own
      summary.textContent = ""; // cleared so the next summary is always announced
      note.hidden = true;
    },

    // results: normalized (results-model.js). lastVisit: a Date when they are a past visit's, restored.
    showResults(results, { lastVisit = null } = {}) {
      show(results);
      summary.textContent = (results.duration === null ? `${results.passed}/${results.total} passed`
        : `${results.passed}/${results.total} passed in ${seconds(results.duration)} s`)
        + (results.note ? `: ${results.note}` : "") // e.g. "stopped by you"
        + (results.solved ? ": Solved" : "");
      note.hidden = !lastVisit;
      note.textContent = lastVisit ? `From your last visit (${lastVisit.toLocaleString(undefined, SHORT_DATE)}).` : "";
    },

    // A run stopped before Python was even ready.
    showCancelled(results) {
      show(results);
      summary.textContent = "Run cancelled.";
    },

    // Bring the verdict into view and give it the focus: the first problem, or the summary.
    focusVerdict(results) {
      const target = firstProblem(results);
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    },
  };
}
