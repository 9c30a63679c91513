// The Results the page makes itself (static/results/results-model.js, made by runner-client.js when Python
// cannot answer) are Results of py/result.schema.json. Run by `node --test tests/node/` (tests/test_result_schema.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { failedResult, isCurrent, pendingTests, stoppedResult } from "../../static/results/results-model.js";
import { VERSION } from "../../static/results/schema.js";
import schema from "../../py/result.schema.json" with { type: "json" };
import { resultValidator } from "./validate-results.mjs";

const validate = resultValidator();
const problem = { id: "demo", time_limit_seconds: 5, tests: [{ id: "test_a", name: "A" },
  { id: "test_b", name: "B", tier: "challenge", hint: "Look at b." }] };

function assertValid(result) {
  assert.ok(validate(result), JSON.stringify(validate.errors));
}

test("a crash, a stop and a cancelled run, of tests and of a script, are Results of the schema", () => {
  for (const kind of ["tests", "script"]) {
    assertValid(failedResult({ problem, kind, message: "Python crashed", seconds: 1.5 }));
    assertValid(stoppedResult({ problem, kind, reason: "time", phase: kind === "tests" ? "testing" : "running",
      restarted: true, seconds: 5 }));
    assertValid(stoppedResult({ problem, kind, reason: "user", phase: "waiting" }));
  }
  assertValid(failedResult({ problem: null, kind: "script", message: "Run code with no problem open" }));
});

test("the tests the page lists every field of a test, progress too", () => {
  const tests = pendingTests(problem);
  assert.deepEqual(tests.map((t) => [t.outcome, t.tier, t.hint]), [["pending", "required", null],
    ["pending", "challenge", "Look at b."]]);
  assert.deepEqual(Object.keys(tests[0]).sort(), [...schema.$defs.test.required].sort());
  assert.equal(tests[0].progress, null);
  const run = failedResult({ problem, kind: "tests", message: "x" });
  assert.deepEqual([run.total, run.challenge], [1, { passed: 0, total: 1 }]);
  assertValid({ ...run, tests });
});

test("results of another version are not current", () => {
  const run = failedResult({ problem, kind: "tests", message: "x" });
  assert.ok(isCurrent(run, problem));
  assert.ok(!isCurrent({ ...run, version: VERSION - 1 }, problem));
});

test("new Results do not share their defaults", () => {
  const one = failedResult({ problem, kind: "tests", message: "x" });
  one.challenge.passed = 1;
  assert.equal(failedResult({ problem, kind: "tests", message: "x" }).challenge.passed, 0);
});
