// How a stopped run is said, from its data (a Result's `stopped`: {reason, phase, line, restarted}) and the
// problem's time limit in seconds. Python sends no sentences about stops: they are all said here.

const byTime = (stopped) => stopped.reason === "time";

// "Stopped by you" | "Stopped after the 10 s time limit"
function who(stopped, limit) {
  return byTime(stopped) ? `Stopped after the ${limit} s time limit` : "Stopped by you";
}

const loopHint = (stopped) => (byTime(stopped) ? " Is there a loop that never ends?" : "");

// A server that sends no isolation headers (see docs/deploying.md) leaves Stop no way to interrupt Python,
// only to end it. The offline copy (offline/sw.js) serves the page with those headers from the next load on.
function isolationNote() {
  if (globalThis.crossOriginIsolated) return "";
  return "serviceWorker" in navigator
    ? " On this server Python can only be ended, not interrupted; once you reload the page, Stop can say where your"
      + " code was."
    : " On this server Python can only be ended, not interrupted.";
}

// After the summary's counts: "stopped by you" | "stopped after the 10 s time limit".
export function stopNote(stopped, limit) {
  return byTime(stopped) ? `stopped after the ${limit} s time limit` : "stopped by you";
}

// Said once, above the tests, when no test can say it: Python was replaced to stop the code, the code was
// still loading, or Python was not ready yet. Null when each test says it.
export function runStopSentence(stopped, limit) {
  if (stopped.restarted) {
    return `${who(stopped, limit)}: Python was ended to stop your code, so it could not say how far the tests got.`
      + `${loopHint(stopped)}`
      + isolationNote();
  }
  if (stopped.phase === "waiting") return "Stopped before Python was ready: your code did not run.";
  if (stopped.phase === "loading") {
    const line = stopped.line ? ` (line ${stopped.line})` : "";
    return `${who(stopped, limit)} while your code was loading${line}.${loopHint(stopped)}`;
  }
  return null;
}

// What one test says about the stop: it was running ("stopped"), or it had not started ("not_run").
// Null when the run says it for every test (runStopSentence), or the test was not touched by the stop.
export function testStopSentence(test, stopped, limit) {
  if (!stopped || runStopSentence(stopped, limit) !== null) return null;
  const when = byTime(stopped) ? `${who(stopped, limit)}, before` : `${who(stopped, limit)} before`;
  if (test.outcome === "not_run") return `${when} this test started.`;
  if (test.outcome !== "stopped") return null;
  const line = test.line ? ` It was running line ${test.line} of your code.` : "";
  const { what, count } = test.progress ?? {};
  const progress = count ? ` By then: ${count.toLocaleString("en")} ${what}.` : "";
  const hint = count && byTime(stopped) ? " Does it do more work than fits in the time limit?" : loopHint(stopped);
  return `${when} this test finished.${line}${progress}${hint}`;
}
