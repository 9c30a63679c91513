// What learner code must not reach from the worker. Python reaches the worker's whole global scope
// through Pyodide's `js` module, so the worker removes, before any learner code runs:
// - what the page keeps across visits (Cache Storage, IndexedDB, the service worker, storage buckets,
//   the origin private file system, Web Locks shared with other tabs), which could poison the next visit;
// - every way to speak to the page or to another context (postMessage, BroadcastChannel, nested workers,
//   whose globals would be intact);
// - the interfaces through which they could be found again (prototypes, constructors).
// The worker keeps what it needs (a bound postMessage on its own port) in closures Python cannot reach.

const GLOBALS = [
  "caches", "indexedDB", "postMessage", "Worker", "SharedWorker", "BroadcastChannel", "cookieStore",
  "requestAnimationFrame", "cancelAnimationFrame", // nothing here paints; one less way to schedule work
  "CacheStorage", "Cache", "StorageManager", "StorageBucketManager", "StorageBucket", "LockManager", "Lock",
  "ServiceWorker", "ServiceWorkerContainer", "ServiceWorkerRegistration", "CookieStore",
  "FileSystemHandle", "FileSystemFileHandle", "FileSystemDirectoryHandle", "FileSystemSyncAccessHandle",
  "FileSystemWritableFileStream",
];
const NAVIGATOR = ["serviceWorker", "storage", "storageBuckets", "locks"];

export function lockDown(scope = self) {
  const idb = Object.getOwnPropertyNames(scope).filter((name) => name.startsWith("IDB"));
  removeEverywhere(scope, [...GLOBALS, ...idb]);
  removeEverywhere(scope.navigator, NAVIGATOR);
}

// Deletes each name from the object and from every prototype it inherits from, then checks that it is gone:
// a worker that could not remove something refuses to run learner code (boot fails).
function removeEverywhere(object, names) {
  for (let link = object; link; link = Object.getPrototypeOf(link)) {
    for (const name of names) Reflect.deleteProperty(link, name);
  }
  const left = names.filter((name) => name in object);
  if (left.length) throw new Error(`could not shut learner code out of: ${left.join(", ")}`);
}
