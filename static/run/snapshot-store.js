// Return visits boot Python from a memory snapshot: the worker's whole Python heap, taken once pytest and the
// harness are imported and warmed up and before any learner code runs (worker.js). Restoring it skips
// Python's start-up and the imports. The page writes it to Cache Storage, never the worker: learner code runs
// in the worker, which has no Cache Storage (lockdown.js), so no run can write a snapshot for the next visit.
// The worker only looks it up, the moment it starts and before it locks itself down.
//
// One snapshot is kept, under a key made of the hashed names of Pyodide, the standard library and our Python
// bundle: a new release (or any change to them) finds no snapshot, boots normally and takes a new one.

export const SNAPSHOT_CACHE = "autograd-playground-snapshot"; // spared by the service worker (offline/sw.js)
const FILES = __PYTHON_FILES__;

// null where the page cannot keep one (no Cache Storage).
export function snapshotStore(storage = globalThis.caches) {
  if (!storage) return null;
  const names = [FILES.pyodide, FILES.stdlib, FILES.bundle].map((path) => path?.replace(/[^\w.-]+/g, "_"));
  // Beside this module: the page's script and the worker's, which both hold it, sit in one folder. (Through a
  // name: Vite would take `new URL(…, import.meta.url)` for a file of ours to bundle.)
  const here = import.meta.url;
  const key = new URL(`snapshot/${names.join("+")}`, here).href;
  const open = () => storage.open(SNAPSHOT_CACHE);

  return {
    // The snapshot kept for this release, as a Response whose body is still to be read, or null.
    async find() {
      try {
        return (await (await open()).match(key)) ?? null;
      } catch {
        return null;
      }
    },

    // bytes: an ArrayBuffer, or null to drop the one kept (the worker could not boot from it, nor take one).
    async save(bytes) {
      try {
        await storage.delete(SNAPSHOT_CACHE); // an older release's, or the one that failed
        if (bytes) await (await open()).put(key, new Response(bytes));
      } catch {
        // storage full or refused: the next visit boots normally
      }
    },
  };
}
