// Run the harness inside real Pyodide under Node, as the browser's worker does.
// Usage: node run_harness.mjs cases.json  ->  prints {timings, results} as JSON.
// cases.json: [{"name": "...", "code": "...", "problem": "basic_autograd"}, ...]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { preparePython, runTests } from "../../static/run/python-setup.js";

const publicDir = fileURLToPath(new URL("../../build/public/", import.meta.url));
const manifest = JSON.parse(readFileSync(`${publicDir}manifest.json`, "utf8"));
const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));

const started = performance.now();
// The standard library the page ships (precompiled), not the one in node_modules.
const stdLibURL = `${publicDir}${manifest.stdlib}`;
const pyodide = await loadPyodide({ stdLibURL, stdout: () => {}, stderr: () => {} });
const booted = performance.now();
const read = (path) => new Uint8Array(readFileSync(`${publicDir}${path}`));
preparePython(pyodide, { bundle: read(manifest.bundle), problems: Object.values(manifest.problems).map(read) });
const prepared = performance.now();

const results = {};
const runs = [];
for (const { name, code, problem = "basic_autograd" } of cases) {
  process.stderr.write(`case: ${name}\n`); // which case was running, should Pyodide die
  const t0 = performance.now();
  results[name] = runTests(pyodide, problem, code);
  runs.push({ name, ms: performance.now() - t0 });
}
process.stdout.write(JSON.stringify({
  timings: { bootMs: booted - started, prepareMs: prepared - booted, runs },
  results,
}));
