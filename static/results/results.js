// The "Test results" region: a summary, what applies to every test (said once), the required tests,
// the challenge tests apart, and a "Solved" panel once every required test passes.
//
// It renders a Result (schema.js) as it is, whoever made it (Python, or the page: results-model.js), and
// words what the data says: a stop (stop-words.js), a run that could not happen.

import { el } from "../dom.js";
import { cancelViews, testViews } from "../plugins/plugins.js";
import { lineButton, message, printed, testItem, traceback } from "./result-card.js";
import { completionPanel } from "./completion.js";
import { runStopSentence, stopNote, testStopSentence } from "./stop-words.js";
import { countShown } from "./shown.js";

function seconds(duration) {
  return duration < 10 ? duration.toFixed(2) : duration.toFixed(1);
}

const SHORT_DATE = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };

// parts: the elements of index.html's results region. problemId: whose plugins keep what (plugins.js). next: what comes after this problem (completion.js).
// timeLimit: the problem's, in seconds (a stop at the time limit says it). hintNumberOf(testId): the hint a
// failed test links to, or null; onSeeHint(number) shows it.
export function createResultsView({ region, parts, problemId, onGoToLine, next, timeLimit,
  hintNumberOf = () => null, onSeeHint = null }) {
  const { summary, note, errorBox, completion, list, challenge, challengeHeading, challengeList } = parts;

  function showTests(results) {
    const card = (test) => testItem(test, {
      sharedMessage: results.shared_message, onGoToLine, views: (describedBy) => testViews(test, { describedBy, problemId }),
      stopSentence: testStopSentence(test, results.stopped, timeLimit),
      hintNumber: hintNumberOf(test.id), onSeeHint,
    });
    const challenges = results.tests.filter((test) => test.tier === "challenge");
    list.replaceChildren(...results.tests.filter((test) => test.tier !== "challenge").map(card));
    challengeList.replaceChildren(...challenges.map(card));
    challenge.hidden = challenges.length === 0;
    const ran = challenges.some((test) => test.outcome !== "pending");
    challengeHeading.textContent = ran ? `Challenge: ${results.challenge.passed}/${results.challenge.total}` : "Challenge";
  }

  // Said once, above the list: the error that kept the code from loading, a stop no test can say, and a
  // message every test shares.
  function showShared({ error, stopped, output, shared_message: shared }) {
    const title = !error ? null
      : error.type === "HarnessError" || error.type === "PythonFailure" ? "The tests could not run"
        : "Your code did not load";
    const stopSaid = stopped && runStopSentence(stopped, timeLimit);
    const parts = [
      title && el("h3", { textContent: title }),
      stopSaid && message(stopSaid),
      stopSaid && lineButton(stopped.line, onGoToLine),
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

  // "5/7 passed in 0.12 s", then what became of the run: ": stopped by you", ": Solved".
  function summaryText({ passed, total, status, stopped, solved, timings }) {
    if (stopped?.phase === "waiting") return "Run cancelled.";
    const counts = `${passed}/${total} passed`;
    const when = status === "crashed" ? "" : ` in ${seconds(timings.total)} s`; // Python did not say how long
    return counts + when + (stopped ? `: ${stopNote(stopped, timeLimit)}` : "") + (solved ? ": Solved" : "");
  }

  // After a run: where the learner's eyes (and the keyboard focus) should go.
  function firstProblem(results) {
    if (results.error) return errorBox;
    return list.querySelector('li:not([data-status="passed"])') ?? summary;
  }

  return {
    // Before any run: every test by name, pending (results-model.js: pendingTests), with a note if given.
    showPending(tests, { note: text = "" } = {}) {
      const none = { passed: 0, total: 0 };
      show({ error: null, stopped: null, output: "", tests, challenge: none, solved: false, shared_message: null });
      summary.textContent = "Not run yet.";
      note.hidden = !text;
      note.textContent = text;
    },

    setBusy(busy) {
      region.setAttribute("aria-busy", String(busy));
      if (!busy) return;
      cancelViews(region); // a new run: drawings in progress stop, and none redraws on its own
      summary.textContent = ""; // cleared so the next summary is always announced
      // What stays on screen is the last run's (style.css dims it): said, so that no old failure looks current.
      const shown = list.querySelector('li:not([data-status="pending"])');
      note.hidden = !shown;
      note.textContent = shown ? "Running… Below, dimmed: your previous run's results." : "";
    },

    // result: a Result. lastVisit: a Date when it is a past visit's, restored.
    showResults(result, { lastVisit = null } = {}) {
      if (!lastVisit) countShown(region);
      show(result);
      summary.textContent = summaryText(result);
      note.hidden = !lastVisit;
      note.textContent = lastVisit ? `From your last visit (${lastVisit.toLocaleString(undefined, SHORT_DATE)}).` : "";
    },

    // Bring the verdict into view and give it the focus: the first problem, or the summary.
    focusVerdict(results) {
      const target = firstProblem(results);
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    },
  };
}

