// What learner code may reach in the worker. Python reaches the worker's whole global scope through Pyodide's
// `js` module, so the scope keeps only what is listed here (an allowlist): every other name is removed from the
// global object and the prototypes it inherits from (DedicatedWorkerGlobalScope, WorkerGlobalScope, EventTarget),
// navigator included, and so is any API a browser adds tomorrow. Gone, among the rest: what the page keeps across
// visits (Cache Storage, IndexedDB, the legacy FileSystem, the service worker, Web Locks), every way to speak to
// the page or another context (postMessage, BroadcastChannel, nested workers), and every way out of the origin
// (fetch, XMLHttpRequest, WebSocket, WebTransport, EventSource, importScripts, fonts), on any host, whatever
// headers it sends. Nor can code be compiled from a string (eval, Function and its kin, a string given to a timer):
// a dynamic import() would fetch another origin's script.
// The worker keeps what it needs (fetching our own files, a port to the page) in closures Python cannot reach.
// tests/browser/test_security.py lists what learner code sees.

// The language's own globals: none reaches storage, the network or another context. Function is a stand-in that
// compiles nothing (refuseCodeFromStrings); eval is not kept.
const LANGUAGE = [
  "AggregateError", "Array", "ArrayBuffer", "AsyncDisposableStack", "Atomics", "BigInt", "BigInt64Array",
  "BigUint64Array", "Boolean", "DataView", "Date", "DisposableStack", "Error", "EvalError", "FinalizationRegistry",
  "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array",
  "Intl", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError",
  "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "SuppressedError", "Symbol",
  "SyntaxError", "Temporal", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array",
  "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet", "WebAssembly", "decodeURI", "decodeURIComponent",
  "encodeURI", "encodeURIComponent", "escape", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt",
  "undefined", "unescape",
];
// What Python needs while learner code runs: the clock (Python's and the worker's), randomness (os.urandom),
// text decoding, the console (Pyodide's warnings and fatal errors) and timers (asyncio's delayed callbacks and
// pyodide.ffi.wrappers; those a run leaves go with its worker). `self`, the global itself, as globalThis is.
// close(), which ends only this worker, whose run is its only one. And two numbers
// the browser won't let go (non-configurable): the legacy FileSystem's TEMPORARY and PERSISTENT, 0 and 1.
const WEB = [
  "self", "console", "performance", "crypto", "TextDecoder",
  "setTimeout", "clearTimeout", "setInterval", "clearInterval", "close", "TEMPORARY", "PERSISTENT",
];
// What only Pyodide's boot needs, removed by finishLockDown() once Python is up and before any learner code
// runs: fetch for its files (location and URL to resolve their addresses), WorkerGlobalScope and navigator to
// find out where it runs (a worker; Safari or not), MessageChannel for asyncio's scheduler (taken once, as
// Pyodide loads) and TextEncoder for the memory snapshot.
const BOOT = ["fetch", "location", "URL", "WorkerGlobalScope", "navigator", "MessageChannel", "TextEncoder"];

export const KEPT = [...LANGUAGE, ...WEB];

export function lockDown(scope = self) {
  refuseCodeFromStrings(scope);
  const kept = new Set([...KEPT, ...BOOT]);
  const names = chain(scope).flatMap((link) => Object.getOwnPropertyNames(link));
  removeEverywhere(scope, names.filter((name) => !kept.has(name)));
}

export function finishLockDown(scope = self) {
  removeEverywhere(scope, BOOT);
}

// eval goes; Function, AsyncFunction, GeneratorFunction and AsyncGeneratorFunction, which any function reaches
// through `.constructor`, are replaced by stand-ins that throw (with the same name and prototype, so that
// `instanceof Function` and `.constructor.name` still work); timers take functions only.
function refuseCodeFromStrings(scope) {
  removeEverywhere(scope, ["eval"]);
  for (const kind of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    const prototype = Object.getPrototypeOf(kind);
    const { name } = prototype.constructor;
    const standIn = function () {
      throw new EvalError(`${name}: code from a string can't run here`);
    };
    Object.defineProperty(standIn, "name", { value: name });
    standIn.prototype = prototype;
    Object.defineProperty(prototype, "constructor", { value: standIn }); // read-only on some: redefined
  }
  scope.Function = Function.prototype.constructor;
  for (const name of ["setTimeout", "setInterval"]) {
    const start = scope[name].bind(scope);
    removeEverywhere(scope, [name]); // the browser's own, on a prototype, would take a string
    scope[name] = (handler, ...rest) => {
      if (typeof handler !== "function") throw new TypeError(`${name}: the handler must be a function`);
      return start(handler, ...rest);
    };
  }
}

// The object and the prototypes it inherits from, up to (not including) Object.prototype, which every object
// shares and which holds only the language's own.
function chain(object) {
  const links = [];
  for (let link = object; link && link !== Object.prototype; link = Object.getPrototypeOf(link)) links.push(link);
  return links;
}

// Deletes each name from the object and from every prototype it inherits from, then checks that it is gone:
// a worker that could not remove something refuses to run learner code (boot fails).
function removeEverywhere(object, names) {
  const links = chain(object);
  for (const link of links) for (const name of names) Reflect.deleteProperty(link, name);
  const left = names.filter((name) => links.some((link) => Object.hasOwn(link, name)));
  if (left.length) throw new Error(`could not shut learner code out of: ${left.join(", ")}`);
}
