// What a problem folder holds, resolved: the modules it provides (wherever they live), the files a learner's
// browser gets of it, and its variants in mistakes/. The page's build (problems.mjs, precompile.mjs), the checks
// (validate-problems.mjs, check-problems.mjs, node-pyodide.mjs) read a problem through these; the CPython side
// does the same in py/playground/problem.py (provided_files) and tests/problems.py (mistakes).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// problem.json's "provides", resolved: [{name, file}]. A list names files of the problem's provided/; an object maps
// each module's file name to a file relative to the problem's folder, another problem's too
// ({"engine.py": "../more_operations/solution.py"}).
export function providedFiles(dir, meta) {
  const provides = meta.provides ?? [];
  const entries = Array.isArray(provides) ? provides.map((name) => [name, `provided/${name}`]) : Object.entries(provides);
  return entries.map(([name, source]) => ({ name, file: path.resolve(dir, source) }));
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(file);
    else yield file;
  }
}

// What a learner's browser gets of a problem, as [path in its folder, bytes]: every file but the answer
// (solution.py), the wrong answers (mistakes/) and bytecode, with each module it provides at provided/<name>,
// wherever it comes from, and a problem.json that lists them by name.
export function shippedFiles(dir, meta) {
  const provided = providedFiles(dir, meta);
  const own = [...walk(dir)].map((file) => path.relative(dir, file).split(path.sep).join("/"))
    .filter((name) => !/^(solution\.py$|mistakes\/|problem\.json$|provided\/)|__pycache__/.test(name));
  return [
    ...own.map((name) => [name, readFileSync(path.join(dir, name))]),
    ...provided.map(({ name, file }) => [`provided/${name}`, readFileSync(file)]),
    ["problem.json", Buffer.from(`${JSON.stringify({ ...meta, provides: provided.map(({ name }) => name) }, null, 2)}\n`)],
  ];
}

// A variant that mistakes/edits.json makes: the file it names "from" (solution.py unless it says), with each
// [old, new] replacement made in turn; a side may be a list of lines. Each old text must be found exactly once.
function edited(dir, name, { from = "solution.py", replace }) {
  let text = readFileSync(path.join(dir, from), "utf8");
  for (const [old, by] of replace.map((pair) => pair.map((side) => (Array.isArray(side) ? side.join("\n") : side)))) {
    const found = text.split(old).length - 1;
    if (found !== 1) {
      throw new Error(`${path.join(dir, "mistakes", "edits.json")}: ${name}: ${JSON.stringify(old)} is found ${found} times in ${from}, not once`);
    }
    text = text.replace(old, () => by);
  }
  return text;
}

// Each variant's code, by its name in mistakes/expectations.json: a file of mistakes/, or one that
// mistakes/edits.json makes. {name: code}.
export function mistakes(dir, expectations) {
  const editsFile = path.join(dir, "mistakes", "edits.json");
  const edits = existsSync(editsFile) ? JSON.parse(readFileSync(editsFile, "utf8")) : {};
  return Object.fromEntries(Object.keys(expectations).map((name) => [name, Object.hasOwn(edits, name)
    ? edited(dir, name, edits[name]) : readFileSync(path.join(dir, "mistakes", name), "utf8")]));
}
