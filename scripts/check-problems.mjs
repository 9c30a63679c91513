// The authoring check (`make check-problems`, run by `make test`): every problem under $PLAYGROUND_PROBLEMS
// (default py/problems) is validated, its statement rendered as the page renders it, and its files run
// through the real harness in real Pyodide under Node (one boot for all problems):
//   - the reference solution passes every test, challenges too, in under half the time limit;
//   - the starter fails every required test, each with a message, and breaks nothing;
//   - each variant in mistakes/ fails exactly the tests mistakes/expectations.json lists, saying what it says,
//     so a correct variant passes every required test.
// One line per problem; a broken problem fails the check with a message naming its file.
//
// Usage: node scripts/check-problems.mjs   (needs build/public: `make build`)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { statementHtml } from "../static/problem/markdown.js";
import { VERSION } from "../static/results/schema.js";
import { runTests } from "../static/run/python-setup.js";
import { bootPython, installProblem, problemDir } from "./node-pyodide.mjs";
import { mistakes } from "./problem-files.mjs";
import { readProblems } from "./validate-problems.mjs";

const MARKDOWN = ["statement.md", "hints.md"];

// What the page will show: Markdown with KaTeX, which must read every formula.
function renderingErrors(folder) {
  const errors = [];
  for (const name of MARKDOWN.filter((name) => existsSync(join(folder, name)))) {
    try {
      statementHtml(readFileSync(join(folder, name), "utf8"), { throwOnError: true });
    } catch (error) {
      errors.push(`${join(folder, name)}: ${error.message.split("\nPlease report")[0]}`); // marked's own tail
    }
  }
  return errors;
}

function notPassed(result) {
  return result.tests.filter((test) => test.outcome !== "passed").map((test) => test.id);
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

// A run of any file: did the harness answer in the page's schema, with every test named and tiered?
function answerErrors(file, result, meta) {
  const errors = [];
  if (result.version !== VERSION) errors.push(`${file}: the harness answered with schema version ${result.version}, not ${VERSION}`);
  if (result.status === "crashed" || result.error?.type === "HarnessError") {
    errors.push(`${file}: broke the harness: ${result.error.message}`);
  }
  const listed = meta.tests.map((test) => test.id);
  const reported = result.tests.map((test) => test.id);
  if (reported.join() !== listed.join()) errors.push(`${file}: the run reported tests ${reported.join(", ")}, not problem.json's`);
  for (const test of result.tests) {
    if (!test.name?.trim()) errors.push(`${file}: ${test.id} came back without a display name`);
    if (!["required", "challenge"].includes(test.tier)) errors.push(`${file}: ${test.id} came back without a tier`);
  }
  return errors;
}

function referenceErrors(file, result, ms, meta) {
  const errors = [];
  const failing = notPassed(result);
  if (result.error) errors.push(`${file}: did not load: ${result.error.message}`);
  if (failing.length) errors.push(`${file}: the reference does not pass ${failing.join(", ")}`);
  if (ms > (meta.time_limit_seconds * 1000) / 2) {
    errors.push(`${file}: the reference took ${Math.round(ms)} ms, over half the time limit (${meta.time_limit_seconds} s)`);
  }
  return errors;
}

function starterErrors(file, result) {
  const errors = [];
  if (result.status !== "finished") errors.push(`${file}: the run ended "${result.status}": ${result.error?.message}`);
  for (const test of result.tests.filter((test) => test.tier === "required")) {
    if (!["failed", "error"].includes(test.outcome)) errors.push(`${file}: ${test.id} is "${test.outcome}", not failed`);
    else if (!test.message.trim() && !result.shared_message?.trim()) errors.push(`${file}: ${test.id} fails without a message`);
  }
  return errors;
}

function variantErrors(file, result, expected) {
  const errors = [];
  const failing = notPassed(result);
  if (result.status !== "finished") errors.push(`${file}: the run ended "${result.status}": ${result.error?.message}`);
  if (!sameSet(failing, expected.fails)) {
    errors.push(`${file}: fails ${failing.join(", ") || "nothing"}; mistakes/expectations.json says ${expected.fails.join(", ") || "nothing"}`);
  }
  for (const [id, text] of Object.entries(expected.message_contains ?? {})) {
    const test = result.tests.find((t) => t.id === id);
    const said = `${test?.message ?? ""}\n${result.shared_message ?? ""}`;
    if (!said.includes(text)) errors.push(`${file}: ${id}'s message does not say "${text}": ${JSON.stringify(test?.message)}`);
  }
  return errors;
}

function timed(pyodide, id, file, code = readFileSync(file, "utf8")) {
  const started = performance.now();
  try {
    const result = runTests(pyodide, id, code);
    return { result, ms: performance.now() - started };
  } catch (error) {
    throw new Error(`${file}: Python crashed running it: ${error.message}`);
  }
}

// Every check of one problem: its errors, and its line of the report.
function checkProblem(pyodide, { id, folder, meta, expectations }) {
  const rendering = renderingErrors(folder);
  const errors = [...rendering];
  installProblem(pyodide, folder);
  pyodide.pyimport("playground").warm_up(problemDir(id));

  const solution = join(folder, "solution.py");
  // The faster of two runs: a busy machine's pauses are not the problem's.
  const reference = [timed(pyodide, id, solution), timed(pyodide, id, solution)].sort((a, b) => a.ms - b.ms)[0];
  errors.push(...answerErrors(solution, reference.result, meta), ...referenceErrors(solution, reference.result, reference.ms, meta));

  const starter = join(folder, "starter.py");
  const { result: started } = timed(pyodide, id, starter);
  errors.push(...answerErrors(starter, started, meta), ...starterErrors(starter, started));

  const variants = mistakes(folder, expectations);
  for (const [name, expected] of Object.entries(expectations)) {
    const file = join(folder, "mistakes", name);
    errors.push(...variantErrors(file, timed(pyodide, id, file, variants[name]).result, expected));
  }

  const { passed, total, challenge } = reference.result;
  const correct = Object.values(expectations).filter((e) => e.correct).length;
  const wrong = Object.keys(expectations).length - correct;
  const line = `${id}: reference ${passed}/${total} + ${challenge.passed}/${challenge.total} challenge in ${Math.round(reference.ms)} ms`
    + ` (limit ${meta.time_limit_seconds} s) · starter fails ${started.total - started.passed}/${started.total} required`
    + ` · ${wrong} wrong and ${correct} correct variants`
    + ` · ${rendering.length ? "Markdown does not render" : `renders ${MARKDOWN.filter((n) => existsSync(join(folder, n))).join(", ")}`}`;
  return { errors, line };
}

const { problems, errors } = readProblems();
if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
// An error that ends the check (no build, Python dead) is said in its own words, without Pyodide's stack.
process.on("uncaughtException", (error) => {
  console.error(`check-problems: ${error.message}`);
  process.exit(1);
});

const booting = performance.now();
const pyodide = await bootPython();
console.log(`Pyodide ready in ${Math.round(performance.now() - booting)} ms`);
let broken = 0;
for (const problem of problems) {
  const { errors, line } = checkProblem(pyodide, problem);
  console.log(`${errors.length ? "FAIL" : "ok  "} ${line}`);
  for (const error of errors) console.error(`  ${error}`);
  broken += errors.length > 0;
}
if (broken) {
  console.error(`check-problems: ${broken} of ${problems.length} problem(s) broken`);
  process.exit(1);
}
console.log(`check-problems: ${problems.length} problem(s) ok`);
