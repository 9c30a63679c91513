// Python under Node, prepared as the page's worker prepares it: real Pyodide with the standard library
// and bundle the build wrote to build/public/, then python-setup.js's own steps. Problems are installed
// from their source folders, as the page installs a problem's archive, so a check needs no per-problem
// build. Used by scripts/check-problems.mjs and tests/pyodide/run_harness.mjs.
import { readFileSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { connectLazyLibrary, preparePython, problemDir } from "../static/run/python-setup.js";

const PUBLIC = fileURLToPath(new URL("../build/public/", import.meta.url));
const STAGING = "/tmp/problem-sources";
const NOT_SHIPPED = new Set(["solution.py", "mistakes", "__pycache__"]); // answers stay home
// Taken at boot, before any learner code runs: code a test runs can replace Python's globals, not this.
const installers = new WeakMap();

export async function bootPython() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(PUBLIC, "manifest.json"), "utf8"));
  } catch {
    throw new Error("build/public is missing: run `make build` first");
  }
  const stdLibURL = join(PUBLIC, manifest.stdlib); // the page's (precompiled), not node_modules'
  const pyodide = await loadPyodide({ stdLibURL, stdout: () => {}, stderr: () => {} });
  preparePython(pyodide, { bundle: new Uint8Array(readFileSync(join(PUBLIC, manifest.bundle))) });
  connectLazyLibrary(pyodide, () => new Uint8Array(readFileSync(join(PUBLIC, manifest.lazy))));
  pyodide.runPython(`
import io, shutil, zipfile
from pathlib import Path
import playground.problem

def install_folder(staging):
    """Zip the folder as the build zips a problem (entries <id>/...), install it, return its id."""
    root = Path(staging)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(root.parent).as_posix())
    shutil.rmtree(root)
    return playground.problem.install(buffer.getvalue())
`);
  installers.set(pyodide, pyodide.globals.get("install_folder"));
  return pyodide;
}

function* shippedFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SHIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* shippedFiles(path);
    else yield path;
  }
}

// The problem in folder, put where the worker puts it (problemDir(id)); returns its id.
export function installProblem(pyodide, folder) {
  const staging = `${STAGING}/${basename(folder)}`;
  for (const path of shippedFiles(folder)) {
    const target = `${staging}/${relative(folder, path)}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, new Uint8Array(readFileSync(path)));
  }
  return installers.get(pyodide)(staging);
}

export { problemDir };
