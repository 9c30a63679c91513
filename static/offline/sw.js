// The service worker: it keeps every file of this release, so that the page works offline, and it serves only
// our files. The lazy ones (the rarely imported part of Python's standard library) it keeps once first fetched.
// Cache Storage is open to every script of the origin, so what it holds is not trusted: each file
// is checked against the SHA-256 this script was built with (Cache Storage cannot touch a service worker's own
// script) and served with our fixed headers, never the stored ones. A file that does not match is dropped and
// the request goes to the network.
//
// A new release installs beside the old one (a cache of its own) and takes over only when the page asks
// ({type: "SKIP_WAITING"}, when the learner accepts the reload): old and new files never mix in one page.

// Filled in at build time (scripts/service-worker.mjs): {release, files: {path: sha256 base64}, lazy: {the same,
// for files not precached}, headers}.
const BUILD = __SERVICE_WORKER_BUILD__;
const HASHES = { ...BUILD.files, ...BUILD.lazy };
const CACHE = `playground-${BUILD.release}`;
const SCOPE = self.registration.scope;
const TYPES = {
  html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8", json: "application/json", wasm: "application/wasm", zip: "application/zip",
  svg: "image/svg+xml", woff2: "font/woff2",
};

self.addEventListener("install", (event) => event.waitUntil(precache()));
self.addEventListener("activate", (event) => event.waitUntil(dropOtherCaches()));
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") self.skipWaiting();
});
self.addEventListener("fetch", (event) => {
  const path = pathOf(event.request);
  if (path) event.respondWith(serve(event.request, path));
});

// One of our files, or null: the request is left to the browser.
function pathOf(request) {
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return null;
  const path = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length) || "index.html";
  return Object.hasOwn(HASHES, path) ? path : null;
}

async function serve(request, path) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(new URL(path, SCOPE).href);
  const body = cached && await bodyIfGenuine(cached, path);
  if (body) return new Response(body, { headers: headersFor(path) });
  if (cached) await cache.delete(new URL(path, SCOPE).href);
  const response = await fetch(request);
  const fresh = response.ok && await bodyIfGenuine(response.clone(), path);
  if (fresh) await cache.put(new URL(path, SCOPE).href, new Response(fresh));
  return response;
}

// Every file of the release, checked; a file an earlier release kept unchanged is copied, not downloaded (a lazy
// file too, if an earlier release had fetched it).
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(Object.keys(BUILD.lazy).map(async (path) => {
    const url = new URL(path, SCOPE).href;
    const body = await keptBody(url, path);
    if (body) await cache.put(url, new Response(body));
  }));
  await Promise.all(Object.keys(BUILD.files).map(async (path) => {
    const url = new URL(path, SCOPE).href;
    let body = await keptBody(url, path);
    if (!body) {
      const response = await fetch(url, { cache: "no-cache" });
      body = response.ok && await bodyIfGenuine(response, path);
    }
    // A server in the middle of a deploy: the install fails, and the browser tries again on a later visit.
    if (!body) throw new Error(`${path} does not match this release`);
    await cache.put(url, new Response(body));
  }));
}

// The file's body as some release's cache keeps it, if it is this release's file; or null.
async function keptBody(url, path) {
  const kept = await caches.match(url);
  return kept ? bodyIfGenuine(kept, path) : null;
}

// The page's Python snapshot (run/snapshot-store.js) is not ours to drop: it names its release itself.
const SNAPSHOT_CACHE = "autograd-playground-snapshot";

async function dropOtherCaches() {
  const names = await caches.keys();
  const others = names.filter((name) => name !== CACHE && name !== SNAPSHOT_CACHE);
  await Promise.all(others.map((name) => caches.delete(name)));
}

async function bodyIfGenuine(response, path) {
  const body = await response.arrayBuffer();
  return await sha256(body) === HASHES[path] ? body : null;
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return btoa(String.fromCharCode(...digest));
}

function headersFor(path) {
  return { ...BUILD.headers, "Content-Type": TYPES[path.split(".").pop()] };
}
