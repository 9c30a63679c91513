import { existsSync, readFileSync, statSync } from "node:fs";
import { defineConfig } from "vite";
import { problems } from "./scripts/problems.mjs";
import { progressSchema } from "./scripts/progress-schema.mjs";
import { hostHeaders } from "./scripts/host-headers.mjs";
import { serviceWorker } from "./scripts/service-worker.mjs";

// Pyodide's interrupt buffer needs a cross-origin isolated page.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// Written by scripts/precompile.mjs: where Pyodide, the standard library and our Python bundle are.
const manifestPath = "build/public/manifest.json";
const pythonFiles = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : {};
// The size of each file the worker downloads while Python boots, for the page's progress bar: {path: bytes}.
const pythonSizes = Object.fromEntries(
  [`${pythonFiles.pyodide}pyodide.asm.wasm`, pythonFiles.stdlib, pythonFiles.bundle, ...Object.values(pythonFiles.problems ?? {})]
    .filter((path) => path && existsSync(`build/public/${path}`))
    .map((path) => [path, statSync(`build/public/${path}`).size]));
// Shown on the page as <html data-release>: which release a learner (or a test) is looking at.
const release = process.env.PLAYGROUND_RELEASE || JSON.parse(readFileSync("package.json", "utf8")).version;

// A service worker (static/offline/sw.js, completed by scripts/service-worker.mjs) keeps every file the page
// needs, so a return visit reads nothing from the network and the page works offline; the lazy part of Python's
// standard library it keeps once an import first fetches it.
export default defineConfig({
  // Relative: dist/ works from any folder of any static host (a GitHub Pages project site is under /<repo>/).
  base: "./",
  publicDir: "build/public", // Pyodide and our precompiled Python (scripts/build_public.py, precompile.mjs)
  // assetsInlineLimit 0: no font or image inlined as a data: URL, which the CSP (font-src 'self') refuses
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", assetsInlineLimit: 0 },
  worker: { format: "es" },
  define: {
    __PYTHON_FILES__: JSON.stringify(pythonFiles),
    __PYTHON_SIZES__: JSON.stringify(pythonSizes),
    __RELEASE__: JSON.stringify(release),
  },
  plugins: [problems(), progressSchema(), serviceWorker({ lazy: [pythonFiles.lazy].filter(Boolean) }), hostHeaders()],
  server: { headers: isolation },
  preview: { headers: isolation },
});
