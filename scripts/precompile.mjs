// Build step: inside real Pyodide under Node, compile the standard library, pytest (from our
// pinned wheels) and our harness to bytecode (scripts/precompile.py says why).
//
// Usage: node scripts/precompile.mjs   (reads build/wheels and py/, writes build/public/)
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadPyodide } from "pyodide";

const WHEELS = "build/wheels";
const PUBLIC = "build/public";
const OUR_PY = ["py/playground", "py/problems"];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// A fixed hash seed: set constants are marshalled in hash order, and builds should be reproducible.
const pyodide = await loadPyodide({ env: { PYTHONHASHSEED: "0" }, stdout: () => {}, stderr: (line) => console.error(line) });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']").replace(/^\/+/, "/");
const before = new Set(pyodide.FS.readdir(sitePackages));
const wheels = readdirSync(WHEELS).filter((name) => name.endsWith(".whl"));
await pyodide.loadPackage(wheels.map((name) => join(process.cwd(), WHEELS, name)), { messageCallback: () => {} });
const installed = pyodide.FS.readdir(sitePackages).filter((name) => !before.has(name) && !name.startsWith(".")).sort();

for (const dir of OUR_PY) {
  for (const path of files(dir)) {
    if (path.includes("__pycache__") || path.endsWith("solution.py") || path.includes("/mistakes/")) continue; // answers stay home
    const target = `/build/py/${relative("py", path)}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, readFileSync(path));
  }
}

pyodide.runPython(readFileSync("scripts/precompile.py", "utf8"));
pyodide.runPython("import sys; sys.path.insert(0, '/build/py')");
const hot = pyodide.globals.get("hot_files")("/build/py/problems/basic_autograd");
const stdlibZip = pyodide.runPython("next(p for p in sys.path if p.endswith('.zip'))");
pyodide.globals.get("precompile_stdlib")(stdlibZip, "/build/python_stdlib.zip", hot);
pyodide.globals.get("bundle_python")(sitePackages, pyodide.toPy(installed), "/build/py", "/build/py-bundle.zip", hot);

// Named by content, under v/: cached for good, and a new build can never mix with an old one.
function publish(fsPath, stem) {
  const bytes = pyodide.FS.readFile(fsPath);
  const name = `v/${stem}-${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}.zip`;
  writeFileSync(join(PUBLIC, name), bytes);
  return name;
}

mkdirSync(join(PUBLIC, "v"), { recursive: true });
const manifest = {
  pyodide: `v/pyodide-${pyodide.version}/`,
  stdlib: publish("/build/python_stdlib.zip", "python_stdlib"),
  bundle: publish("/build/py-bundle.zip", "py-bundle"),
  problems: readdirSync("py/problems").filter((name) => !name.startsWith("_")).sort(),
};
writeFileSync(join(PUBLIC, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`precompiled: the standard library, ${installed.filter((n) => !n.endsWith(".dist-info")).join(", ")}`);
