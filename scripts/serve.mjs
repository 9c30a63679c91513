// Serve dist/ as production should: cross-origin isolated (so Stop can interrupt Python),
// a Content-Security-Policy that allows only our own origin, files precompressed at build time,
// and hashed files cached for good.
//
// Usage: HOST=127.0.0.1 PORT=8000 node scripts/serve.mjs [dist]
import http from "node:http";
import sirv from "sirv";

const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 8000);
const root = process.argv[2] || "dist";

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

function setHeaders(res, pathname) {
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // assets/ (Vite) and v/ (scripts/precompile.mjs) hold files named by version or content hash:
  // such a file never changes.
  const hashed = pathname.startsWith("/assets/") || pathname.startsWith("/v/");
  res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
}

const serve = sirv(root, { etag: true, brotli: true, gzip: true, setHeaders });

http
  .createServer((req, res) => {
    // A file removed while it is being sent (a rebuild, a redeploy) must fail that one response,
    // not the server: sirv pipes a read stream into res without an error handler.
    res.on("pipe", (file) => file.on("error", () => res.destroy()));
    serve(req, res, () => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Not found\n");
    });
  })
  .listen(port, host, () => console.log(`Serving ${root}/ on http://${host}:${port}/`));
