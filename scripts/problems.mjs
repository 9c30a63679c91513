// A Vite plugin: the problems, found at build time in their folder ($PLAYGROUND_PROBLEMS, default py/problems).
// Nothing in static/ names a problem; the page imports two kinds of virtual module instead:
//
//   virtual:track          the track's index, small: [{id, title, builds, difficulty, position}] in track order, and
//                          load(id), which imports that one problem (null for an id not in the track)
//   virtual:problem/<id>   one problem: {meta (its problem.json), statement (statement.md), starter (starter.py),
//                          provided: [{name, source}] (each module meta.provides names, providedFiles()),
//                          hints (hints.md, or null), solutionUrl}: a chunk of its own, so a visit to one problem
//                          downloads no other problem's files
//
// solution.py is not in the chunk: Vite emits it as a file of its own (assets/solution-<hash>.py), and the chunk
// holds only its URL, fetched when the learner asks for the reference (static/problem/reference.js).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { providedFiles } from "./problem-files.mjs";

const TRACK = "virtual:track";
const PROBLEM = "virtual:problem/";

export function problemsFolder(root = process.cwd()) {
  return path.resolve(root, process.env.PLAYGROUND_PROBLEMS || "py/problems");
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
}

// Every folder holding a problem.json, in track order (position, then id), as tests/problems.py orders them.
export function findProblems(folder) {
  const found = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .map((entry) => path.join(folder, entry.name, "problem.json"))
    .filter((file) => existsSync(file))
    .map((file) => ({ dir: path.dirname(file), meta: readJson(file) }));
  return found.sort((a, b) => (a.meta.position ?? 0) - (b.meta.position ?? 0) || a.meta.id.localeCompare(b.meta.id));
}

function trackModule(problems) {
  const index = problems.map(({ meta }) => ({
    id: meta.id, title: meta.title, builds: meta.builds, difficulty: meta.difficulty, position: meta.position,
  }));
  const loaders = problems.map(({ meta }) => {
    const id = JSON.stringify(meta.id);
    return `  ${id}: () => import(${JSON.stringify(PROBLEM + meta.id)}),`;
  });
  return [
    `export const track = ${JSON.stringify(index)};`,
    `const loaders = {\n${loaders.join("\n")}\n};`,
    "export const load = async (id) => (Object.hasOwn(loaders, id) ? (await loaders[id]()).default : null);",
  ].join("\n");
}

function problemModule({ dir, meta }, watch) {
  const read = (name) => {
    const file = path.join(dir, name);
    watch(file);
    return readFileSync(file, "utf8");
  };
  watch(path.join(dir, "problem.json"));
  const problem = {
    meta,
    statement: read("statement.md"),
    starter: read("starter.py"),
    provided: providedFiles(dir, meta).map(({ name, file }) => ({ name, source: read(path.relative(dir, file)) })),
    hints: existsSync(path.join(dir, "hints.md")) ? read("hints.md") : null,
  };
  const solution = path.join(dir, "solution.py");
  return [
    `import solutionUrl from ${JSON.stringify(`${solution}?url`)};`,
    `export default { ...${JSON.stringify(problem)}, solutionUrl };`,
  ].join("\n");
}

export function problems() {
  let folder;
  const byId = () => new Map(findProblems(folder).map((problem) => [problem.meta.id, problem]));
  return {
    name: "playground-problems",
    configResolved(config) {
      folder = problemsFolder(config.root);
    },
    resolveId(id) {
      // The resolved id of a problem ends in its own name, which Rollup takes for its chunk's name.
      if (id === TRACK) return `\0${TRACK}`;
      if (id.startsWith(PROBLEM)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${TRACK}`) {
        const found = findProblems(folder);
        for (const { dir } of found) this.addWatchFile(path.join(dir, "problem.json")); // a new folder: restart
        return trackModule(found);
      }
      if (!id.startsWith(`\0${PROBLEM}`)) return null;
      const problem = byId().get(id.slice(PROBLEM.length + 1));
      if (!problem) throw new Error(`${id.slice(1)}: no such problem in ${folder}`);
      return problemModule(problem, (file) => this.addWatchFile(file));
    },
  };
}
