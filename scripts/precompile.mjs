// Build step: inside real Pyodide under Node, compile the standard library, pytest (from our pinned wheels)
// and our harness to bytecode, and pack each problem in an archive of its own (scripts/precompile.py says why).
//
// Usage: node scripts/precompile.mjs   (reads build/wheels, py/playground and $PLAYGROUND_PROBLEMS, default
// py/problems; writes build/public/v/ and build/public/manifest.json)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadPyodide } from "pyodide";
import { PY_HOME } from "../static/run/python-setup.js";
import { mistakes, shippedFiles } from "./problem-files.mjs";

const WHEELS = "build/wheels";
const PUBLIC = "build/public";
const HARNESS = "py/playground";
const RESULT_SCHEMA = "py/result.schema.json"; // the harness reads it from beside its package
const PROBLEMS = process.env.PLAYGROUND_PROBLEMS || "py/problems";
// Where the build's copies live inside Pyodide: the same layout as the worker's (python-setup.js).
const BUILD_PY = "/build/py";

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name === "__pycache__") continue;
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// Every folder of PROBLEMS that holds a problem.json (names starting with _ or . are skipped), checked to be
// named by its id: the worker finds a problem by its id.
function problemFolders() {
  return readdirSync(PROBLEMS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .filter((entry) => existsSync(join(PROBLEMS, entry.name, "problem.json")))
    .map((entry) => {
      const file = join(PROBLEMS, entry.name, "problem.json");
      let meta;
      try {
        meta = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new Error(`${file}: ${error.message}`);
      }
      const { id } = meta;
      if (id !== entry.name) throw new Error(`${file}: "id" is ${JSON.stringify(id)}, but the folder is ${entry.name}`);
      const expectations = JSON.parse(readFileSync(join(PROBLEMS, entry.name, "mistakes", "expectations.json"), "utf8"));
      return { id, folder: join(PROBLEMS, entry.name), meta, expectations };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

// What the build runs each problem's tests on to learn which modules a run imports: the starter, the reference
// and every mistake (wrong answers reach failure paths the others do not). [problem folder in Pyodide, code].
function codeToRun({ id, folder, expectations }) {
  const code = [readFileSync(join(folder, "starter.py"), "utf8"), readFileSync(join(folder, "solution.py"), "utf8"),
    ...Object.values(mistakes(folder, expectations))];
  return code.map((text) => [`${BUILD_PY}/problems/${id}`, text]);
}

function writeIn(pyodide, bytes, target) {
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, bytes);
}

// A fixed hash seed: set constants are marshalled in hash order, and builds should be reproducible. No column
// positions in the bytecode (PYTHONNODEBUGRANGES): a quarter fewer bytes to download, and only tracebacks through
// the library, pytest and the harness lose their ^^^ marks; learner code, compiled in the browser, keeps them.
const pyodide = await loadPyodide({
  env: { PYTHONHASHSEED: "0", PYTHONNODEBUGRANGES: "1" }, stdout: () => {}, stderr: (line) => console.error(line),
});
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']").replace(/^\/+/, "/");
const before = new Set(pyodide.FS.readdir(sitePackages));
const wheels = readdirSync(WHEELS).filter((name) => name.endsWith(".whl"));
await pyodide.loadPackage(wheels.map((name) => join(process.cwd(), WHEELS, name)), { messageCallback: () => {} });
const installed = pyodide.FS.readdir(sitePackages).filter((name) => !before.has(name) && !name.startsWith(".")).sort();

for (const path of files(HARNESS)) writeIn(pyodide, readFileSync(path), `${BUILD_PY}/playground/${relative(HARNESS, path)}`);
writeIn(pyodide, readFileSync(RESULT_SCHEMA), `${BUILD_PY}/result.schema.json`);
const problems = problemFolders();
for (const { id, folder, meta } of problems) {
  for (const [name, bytes] of shippedFiles(folder, meta)) writeIn(pyodide, bytes, `${BUILD_PY}/problems/${id}/${name}`);
}

pyodide.runPython(readFileSync("scripts/precompile.py", "utf8"));
pyodide.globals.set("WORKER_HOME", PY_HOME);
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(BUILD_PY)})`);
const call = (name, ...args) => pyodide.globals.get(name)(...args);
const hot = call("hot_files", pyodide.toPy(problems.flatMap(codeToRun)));
const stdlibZip = pyodide.runPython("next(p for p in sys.path if p.endswith('.zip'))");
call("precompile_stdlib", stdlibZip, "/build/python_stdlib.zip", "/build/python_lazy.zip", hot);
call("bundle_python", sitePackages, pyodide.toPy(installed), `${BUILD_PY}/playground`, "/build/py-bundle.zip",
  "/build/python_lazy.zip", hot);

// Named by content, under v/: cached for good, and a new build can never mix with an old one.
function publish(fsPath, stem) {
  const bytes = pyodide.FS.readFile(fsPath);
  const name = `v/${stem}-${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}.zip`;
  writeFileSync(join(PUBLIC, name), bytes);
  return name;
}

mkdirSync(join(PUBLIC, "v"), { recursive: true });
const archives = {};
for (const { id } of problems) {
  call("pack_problem", `${BUILD_PY}/problems/${id}`, `/build/problem-${id}.zip`, hot);
  archives[id] = publish(`/build/problem-${id}.zip`, `problem-${id}`);
}
const manifest = {
  pyodide: `v/pyodide-${pyodide.version}/`,
  stdlib: publish("/build/python_stdlib.zip", "python_stdlib"),
  bundle: publish("/build/py-bundle.zip", "py-bundle"),
  lazy: publish("/build/python_lazy.zip", "python_lazy"), // fetched on the first import of one of its modules
  problems: archives, // {id: its archive}: a visit to one problem fetches that one only
};
writeFileSync(join(PUBLIC, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`precompiled: the standard library, ${installed.filter((n) => !n.endsWith(".dist-info")).join(", ")}; `
  + `problems: ${problems.map(({ id }) => id).join(", ")}`);
