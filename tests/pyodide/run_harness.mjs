// Run the harness inside real Pyodide under Node, as the browser's worker does: one boot for every case.
// Usage: node run_harness.mjs cases.json  ->  prints {timings, results} as JSON.
// cases.json: [{"name": "...", "code": "...", "problem": "<id>"}, ...]; without "problem", the track's
// first problem. Problems are read from $PLAYGROUND_PROBLEMS (default py/problems).
import { readFileSync } from "node:fs";
import { runTests } from "../../static/run/python-setup.js";
import { bootPython, installProblem } from "../../scripts/node-pyodide.mjs";
import { readProblems } from "../../scripts/validate-problems.mjs";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { problems } = readProblems();

const started = performance.now();
const pyodide = await bootPython();
const booted = performance.now();

const installed = new Set();
function install(id) {
  if (installed.has(id)) return;
  installProblem(pyodide, problems.find((problem) => problem.id === id).folder);
  installed.add(id);
}

const results = {};
const runs = [];
for (const { name, code, problem = problems[0].id } of cases) {
  process.stderr.write(`case: ${name}\n`); // which case was running, should Pyodide die
  install(problem);
  const t0 = performance.now();
  results[name] = runTests(pyodide, problem, code);
  runs.push({ name, ms: performance.now() - t0 });
}
process.stdout.write(JSON.stringify({ timings: { bootMs: booted - started, runs }, results }));
