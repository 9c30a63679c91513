// Serve dist/ as production should: cross-origin isolated (so Stop can interrupt Python),
// a Content-Security-Policy that allows only our own origin, files precompressed at build time,
// and hashed files cached for good.
//
// Usage: HOST=127.0.0.1 PORT=8000 node scripts/serve.mjs [dist]
import http from "node:http";
import sirv from "sirv";
import { IMMUTABLE, SECURITY_HEADERS } from "./headers.mjs";

const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 8000);
const root = process.argv[2] || "dist";

function setSecurityHeaders(res) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function setHeaders(res, pathname) {
  setSecurityHeaders(res);
  // assets/ (Vite) and v/ (scripts/precompile.mjs) hold files named by version or content hash:
  // such a file never changes.
  const hashed = pathname.startsWith("/assets/") || pathname.startsWith("/v/");
  res.setHeader("Cache-Control", hashed ? IMMUTABLE : "no-cache");
}

const serve = sirv(root, { etag: true, brotli: true, gzip: true, setHeaders });

http
  .createServer((req, res) => {
    // A file removed while it is being sent (a rebuild, a redeploy) must fail that one response,
    // not the server: sirv pipes a read stream into res without an error handler.
    res.on("pipe", (file) => file.on("error", () => res.destroy()));
    serve(req, res, () => {
      setSecurityHeaders(res); // an error page is a page too
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Not found\n");
    });
  })
  .listen(port, host, () => console.log(`Serving ${root}/ on http://${host}:${port}/`));
