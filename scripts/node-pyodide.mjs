// Python under Node, prepared as the page's worker prepares it: real Pyodide with the standard library
// and bundle the build wrote to build/public/, then python-setup.js's own steps. Problems are installed
// from their source folders, as the page installs a problem's archive, so a check needs no per-problem
// build. Used by scripts/check-problems.mjs and tests/pyodide/run_harness.mjs.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { connectLazyLibrary, preparePython, problemDir } from "../static/run/python-setup.js";
import { shippedFiles } from "./problem-files.mjs";

const PUBLIC = fileURLToPath(new URL("../build/public/", import.meta.url));
const STAGING = "/tmp/problem-sources";
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

// The problem in folder, as the build packs it (shippedFiles: no answers), put where the worker puts it
// (problemDir(id)); returns its id.
export function installProblem(pyodide, folder) {
  const staging = `${STAGING}/${basename(folder)}`;
  const meta = JSON.parse(readFileSync(join(folder, "problem.json"), "utf8"));
  for (const [name, bytes] of shippedFiles(folder, meta)) {
    const target = `${staging}/${name}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, new Uint8Array(bytes));
  }
  return installers.get(pyodide)(staging);
}

export { problemDir };
