// Results the page makes itself, in the one schema (schema.js): for the runs Python could not answer (it
// crashed, it had to be replaced to stop a run, it never picked the run up, it did not load) and for the
// tests before any run. Python's own Results are shown as they come.

import { VERSION, newResult, newTest } from "./schema.js";

// problem: its problem.json ({id, tests: [{id, name, tier?, hint?}]}). Each test, with the outcome given.
export function testsOf(problem, outcome) {
  return problem.tests.map((test) => newTest({
    id: test.id, name: test.name, tier: test.tier ?? "required", outcome, hint: test.hint ?? null,
  }));
}

// Before any run: every test by name, not run yet.
export const pendingTests = (problem) => testsOf(problem, "pending");

function pageResult({ problem, kind, status, error = null, stopped = null, seconds }) {
  const tests = kind === "tests" ? testsOf(problem, "not_run") : [];
  const required = tests.filter((test) => test.tier === "required").length;
  return {
    ...newResult(kind, problem?.id ?? null), status, error, stopped, tests, total: required,
    challenge: { passed: 0, total: tests.length - required }, timings: { total: seconds },
  };
}

// Python failed (it crashed, could not load, stayed busy with an earlier run's work, or a problem's files
// could not be fetched): message says what happened, in the learner's words. Nothing ran to the end.
export function failedResult({ problem, kind, message, seconds = 0 }) {
  const error = { type: "PythonFailure", line: null, message, traceback: "" };
  return pageResult({ problem, kind, status: "crashed", error, seconds });
}

// A run stopped without a Result from Python: it was waiting for Python to load (phase "waiting"), Python had
// to be replaced to stop it (restarted), or the interrupt landed outside the harness.
// reason: "user" | "time"; phase: what was going on ("waiting", or "testing" / "running" by kind).
export function stoppedResult({ problem, kind, reason, phase, restarted = false, seconds = 0 }) {
  const stopped = { reason, phase, line: null, restarted };
  return pageResult({ problem, kind, status: "stopped", stopped, seconds });
}

// Results a run of this page could have made: saved ones from another version, or from a
// problem.json whose tests have changed since, are not shown.
export function isCurrent(result, problem) {
  if (result?.version !== VERSION || !Array.isArray(result.tests)) return false;
  const ids = new Set(result.tests.map((test) => test.id));
  return problem.tests.every((test) => ids.has(test.id));
}
