// The cost of recording backward() for the step-through view (py/playground/plugins/autograd/replay.py): each
// problem with autograd graphs, its reference's hidden tests run in real Pyodide under Node with the recording
// and without it (replay.start turned off), alternately, RUNS times each. Prints one JSON line per problem:
// {problem, withMs, withoutMs} (medians). Used by bench/run.py; the goal is within 10% of the run's time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runTests } from "../static/run/python-setup.js";
import { bootPython, installProblem } from "../scripts/node-pyodide.mjs";
import { readProblems } from "../scripts/validate-problems.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
const draws = ({ meta }) => meta.plugins?.autograd !== undefined && meta.plugins.autograd.graph !== false;

const pyodide = await bootPython();
pyodide.runPython(`
from playground.plugins.autograd import replay
recording = replay.start
def record(on):
    replay.start = recording if on else (lambda root: None)
`);
const record = pyodide.globals.get("record");

for (const problem of readProblems().problems.filter(draws)) {
  installProblem(pyodide, problem.folder);
  const solution = readFileSync(join(problem.folder, "solution.py"), "utf8");
  const timed = (on) => {
    record(on);
    const started = performance.now();
    runTests(pyodide, problem.id, solution);
    return performance.now() - started;
  };
  timed(true); // the first run of a problem compiles its tests
  const times = { true: [], false: [] };
  for (let i = 0; i < RUNS; i++) for (const on of [true, false]) times[on].push(timed(on));
  record(true);
  console.log(JSON.stringify({ problem: problem.id, withMs: median(times.true), withoutMs: median(times.false) }));
}
