import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// Pyodide's interrupt buffer needs a cross-origin isolated page.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// Written by scripts/precompile.mjs: where Pyodide, the standard library and our Python bundle are.
const manifestPath = "build/public/manifest.json";
const pythonFiles = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : {};
// Shown on the page as <html data-release>: which release a learner (or a test) is looking at.
const release = process.env.PLAYGROUND_RELEASE || JSON.parse(readFileSync("package.json", "utf8")).version;

// A service worker precaches every file the page needs, so a return visit reads nothing from the
// network and the page works offline. A new release installs beside the old one and takes over only
// when the learner accepts the reload, so old and new files never mix in one page.
const offline = VitePWA({
  registerType: "prompt",
  injectRegister: false, // static/offline.js registers it
  manifest: false,
  workbox: {
    globPatterns: ["**/*.{html,js,mjs,css,wasm,zip,json,svg,woff2}"],
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024, // Pyodide's wasm is ~10 MB
    dontCacheBustURLsMatching: /^(assets|v)\//, // content-hashed or versioned: fetched through the HTTP cache
    cleanupOutdatedCaches: true,
    navigateFallback: null,
  },
});

export default defineConfig({
  publicDir: "build/public", // Pyodide and our precompiled Python (scripts/build_public.py, precompile.mjs)
  // assetsInlineLimit 0: no font or image inlined as a data: URL, which the CSP (font-src 'self') refuses
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", assetsInlineLimit: 0 },
  worker: { format: "es" },
  define: { __PYTHON_FILES__: JSON.stringify(pythonFiles), __RELEASE__: JSON.stringify(release) },
  plugins: [offline],
  server: { headers: isolation },
  preview: { headers: isolation },
});
