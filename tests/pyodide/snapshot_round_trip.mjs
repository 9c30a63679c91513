// For each problem: a first visit to it, whose worker takes a memory snapshot as the page's does (python-setup.js:
// preparePython, then the snapshot, then warmUp), then a return visit that restores it and warms the problem up.
// Prints one JSON line per problem: {id, heap, restored, error}.
// Usage: node tests/pyodide/snapshot_round_trip.mjs <problem archive.zip> ...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { preparePython, restorePython, warmUp } from "../../static/run/python-setup.js";

const PUBLIC = fileURLToPath(new URL("../../build/public/", import.meta.url));
const manifest = JSON.parse(readFileSync(join(PUBLIC, "manifest.json"), "utf8"));
const options = { stdLibURL: join(PUBLIC, manifest.stdlib), stdout: () => {}, stderr: () => {} };
const bundle = new Uint8Array(readFileSync(join(PUBLIC, manifest.bundle)));

for (const path of process.argv.slice(2)) {
  const files = { bundle, problems: [new Uint8Array(readFileSync(path))] };
  const first = await loadPyodide({ ...options, _makeSnapshot: true });
  const ids = preparePython(first, files);
  const snapshot = first.makeMemorySnapshot();
  warmUp(first, ids);
  const report = { id: ids[0], heap: first._module.HEAP8.length, restored: false, error: null };
  try {
    const restored = await loadPyodide({ ...options, _loadSnapshot: snapshot });
    warmUp(restored, restorePython(restored, files));
    report.restored = true;
  } catch (error) {
    report.error = String(error?.message ?? error);
  }
  console.log(JSON.stringify(report));
}
