// How much plotting slows training: the plotting problem's reference trained in real Pyodide under Node, with
// plot_loss/plot_boundary on (each update parsed, as the page would) and with those lines taken out, in turn.
// Usage (after `make build`): node bench/plots.mjs [RUNS]   ->  the median of the first test's time, each way.
import { readFileSync } from "node:fs";
import { runTests } from "../static/run/python-setup.js";
import { BOUNDARY_GRID } from "../static/plots/plot-data.js";
import { bootPython, installProblem } from "../scripts/node-pyodide.mjs";
import { readProblems } from "../scripts/validate-problems.mjs";

const RUNS = Number(process.argv[2]) || 5;
const { problems } = readProblems();
const problem = problems.find((p) => p.meta.plugins?.plots);
const solution = readFileSync(`${problem.folder}/solution.py`, "utf8");
const without = solution.split("\n").filter((line) => !/plot_(loss|boundary)\(/.test(line)).join("\n");

const pyodide = await bootPython();
installProblem(pyodide, problem.folder);
let updates = 0;
const send = (json) => { JSON.parse(json); updates += 1; };
const times = { off: [], on: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let i = 0; i < RUNS; i += 1) {
  for (const [name, code, live] of [["off", without, {}], ["on", solution, { send, grid: BOUNDARY_GRID }]]) {
    const result = runTests(pyodide, problem.id, code, live);
    if (!result.solved) throw new Error(`${name}: the reference did not pass`);
    times[name].push(result.tests[0].duration); // the first test trains the model
  }
}
const [off, on] = [median(times.off), median(times.on)];
console.log(`${problem.id}: training ${off.toFixed(2)} s without plotting, ${on.toFixed(2)} s with (${
  ((on / off - 1) * 100).toFixed(1)}% slower); medians of ${RUNS}; ${updates / RUNS} updates a run`);
console.log(JSON.stringify(times));
