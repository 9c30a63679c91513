// The headers every response of ours carries, whoever serves it: scripts/serve.mjs, and the service worker
// (static/offline/sw.js, which gets them at build time: see scripts/service-worker.mjs).

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'", // Pyodide compiles WebAssembly
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'", // KaTeX and CodeMirror position things with inline styles
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS = {
  // Cross-origin isolated, so that Stop can interrupt Python (SharedArrayBuffer).
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

// For files named by version or content hash (assets/ from Vite, v/ from scripts/precompile.mjs).
export const IMMUTABLE = "public, max-age=31536000, immutable";
