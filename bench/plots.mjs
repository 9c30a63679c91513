// How much plotting slows training: the plotting problem's reference trained in real Pyodide under Node, with
// plot_loss/plot_boundary on (each update parsed, as the page would) and with those lines taken out, in turn.
// Usage (after `make build`): node bench/plots.mjs [RUNS]   ->  medians, each way, of the CPU time of the whole run
// (the process's, so that other work on a busy machine counts less) and of the first test's (training's) time.
import { readFileSync } from "node:fs";
import { runTests } from "../static/run/python-setup.js";
import { bootPython, installProblem } from "../scripts/node-pyodide.mjs";
import { readProblems } from "../scripts/validate-problems.mjs";

const RUNS = Number(process.argv[2]) || 5;
const { problems } = readProblems();
const problem = problems.find((p) => p.meta.plugins?.plots);
const solution = readFileSync(`${problem.folder}/solution.py`, "utf8");
const without = solution.split("\n").filter((line) => !/plot_(loss|boundary)\(/.test(line)).join("\n");
const lossOnly = solution.split("\n").filter((line) => !/plot_boundary\(/.test(line)).join("\n");

const pyodide = await bootPython();
installProblem(pyodide, problem.folder);
let updates = 0;
const send = (json) => { JSON.parse(json); updates += 1; };
const times = { off: [], on: [], loss: [] };
const cpu = { off: [], on: [], loss: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let i = 0; i < RUNS; i += 1) {
  for (const [name, code, live] of [["off", without, {}], ["on", solution, { send }], ["loss", lossOnly, { send }]]) {
    const before = process.cpuUsage();
    const result = runTests(pyodide, problem.id, code, live);
    const used = process.cpuUsage(before);
    if (!result.solved) throw new Error(`${name}: the reference did not pass`);
    times[name].push(result.tests[0].duration); // the first test trains the model
    cpu[name].push((used.user + used.system) / 1e6);
  }
}
const least = (xs) => Math.min(...xs);
const more = (a, b) => `${((median(a) / median(b) - 1) * 100).toFixed(1)}%`;
const say = (what, { off, on, loss }) => `${what} ${median(off).toFixed(2)} s without plotting, ${median(on).toFixed(2)} s `
  + `with (${more(on, off)} more; plot_loss alone ${more(loss, off)}; fastest runs ${least(off).toFixed(2)} s and `
  + `${least(on).toFixed(2)} s)`;
console.log(`${problem.id}, medians of ${RUNS}: ${say("CPU time of the run", cpu)}; ${say("training (wall)", times)}; `
  + `${(updates / RUNS).toFixed(1)} updates a run`);
console.log(JSON.stringify({ cpu, times }));
