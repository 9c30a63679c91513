// Results as data: what the page renders, built from what the harness sent (the schema at the top of
// results.js), from a stopped run, or from a run that could not happen. The page works with the
// harness's older results too: a missing field gets its default here, and tiers and hints not sent
// come from problem.json.

const counts = (tests) => ({ passed: tests.filter((test) => test.outcome === "passed").length, total: tests.length });

// problemTests: problem.json's tests ({id, name, tier?, hint?}).
export function normalize(raw, problemTests) {
  const declared = new Map(problemTests.map((test) => [test.id, test]));
  const tests = raw.tests.map((test) => ({
    message: "", output: "", line: null, traceback: "", graph: null, duration: 0,
    ...test,
    tier: test.tier ?? declared.get(test.id)?.tier ?? "required",
    hint: test.hint ?? declared.get(test.id)?.hint ?? null,
  }));
  const required = counts(tests.filter((test) => test.tier !== "challenge"));
  return {
    problem: raw.problem ?? null,
    error: raw.error ?? null,
    stopped: Boolean(raw.stopped),
    output: raw.output ?? "",
    tests,
    ...required, // passed, total: required tests only
    challenge: counts(tests.filter((test) => test.tier === "challenge")),
    solved: required.total > 0 && required.passed === required.total,
    // The load error is said once, above the list: older harnesses also copy it into every test.
    shared_message: raw.shared_message ?? raw.error?.message ?? null,
    duration: raw.duration ?? null, // null: nothing ran, so no time to tell
    note: raw.note ?? null, // the page's own: "stopped by you"
  };
}

export function pendingResults(problemTests) {
  return normalize({ tests: problemTests.map((test) => ({ ...test, outcome: "pending" })) }, problemTests);
}

// Nothing could run (Python did not load, the worker crashed): every test is an error, for one reason.
export function failureResults(message, problemTests) {
  const tests = problemTests.map((test) => ({ ...test, outcome: "error", message }));
  return normalize({ error: { type: "PythonFailure", message, line: null, traceback: "" }, tests }, problemTests);
}

// An interrupted run: tests that had not finished are marked "timeout"; finished ones keep their verdict.
// The harness says "Stopped before this test finished. It was running line 7 of your code." (or "...started.",
// or "Stopped while your code was loading."): the reason takes the place of its first word.
// found: the harness's results, if Python came back with some; reason: "time" | "user".
export function stoppedResults(found, { reason, seconds, limit, problemTests }) {
  const why = reason === "time" ? `Stopped after the ${limit} s time limit,` : "Stopped by you";
  const hint = reason === "time" ? " Is there a loop that never ends?" : "";
  const restarted = `${why.replace(/,$/, "")}: Python was restarted to stop your code (your code is safe).${hint}`;
  const message = (test) => (found
    ? test.message.replace(/^Stopped/, why) + (/started\.$/.test(test.message) ? "" : hint)
    : restarted);
  const tests = (found?.tests ?? problemTests).map((test) => found && test.outcome !== "timeout"
    ? test : { ...test, outcome: "timeout", message: message(test), output: test.output ?? "" });
  return normalize({
    ...found,
    stopped: true,
    tests,
    shared_message: sharedWhenStopped(found, message, restarted),
    duration: found?.duration ?? seconds ?? limit,
    note: reason === "time" ? `stopped after the ${limit} s time limit` : "stopped by you",
  }, problemTests);
}

function sharedWhenStopped(found, message, restarted) {
  if (!found) return restarted;
  const shared = found.shared_message;
  return shared && /^Stopped/.test(shared) ? message({ message: shared }) : shared;
}
