// A Vite plugin that writes dist/sw.js from static/offline/sw.js, with what it must know built in: the SHA-256
// of every file it keeps (html, scripts, styles, wasm, zips, json, svg, woff2), which of them it fetches only
// when first asked for (lazy: paths below dist/, and the KaTeX fonts no statement or hint uses), and the headers
// it serves them with (scripts/headers.mjs).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SECURITY_HEADERS } from "./headers.mjs";
import { problemFonts } from "./katex-fonts.mjs";

const KEPT = /\.(html|js|mjs|css|wasm|zip|json|svg|woff2)$/;
const SOURCE = "static/offline/sw.js";
const PLACEHOLDER = "__SERVICE_WORKER_BUILD__";
const KATEX_FONT = /^assets\/(KaTeX_\w+?-(?:Regular|Bold|Italic|BoldItalic))-[^/]+\.woff2$/; // Vite adds -<hash>

export function serviceWorker({ lazy = [] } = {}) {
  let outDir;
  return {
    name: "playground-service-worker",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      writeServiceWorker(outDir, new Set(lazy));
    },
  };
}

function writeServiceWorker(outDir, lazy) {
  const fonts = problemFonts();
  const unusedFont = (file) => KATEX_FONT.test(file) && !fonts.has(KATEX_FONT.exec(file)[1]);
  const files = {};
  const lazyFiles = {};
  for (const name of readdirSync(outDir, { recursive: true }).sort()) {
    const file = name.split(path.sep).join("/");
    if (!KEPT.test(file) || file === "sw.js") continue;
    (lazy.has(file) || unusedFont(file) ? lazyFiles : files)[file] = hash(readFileSync(path.join(outDir, name)), "base64");
  }
  const release = hash(JSON.stringify([files, lazyFiles]), "hex").slice(0, 16);
  const source = readFileSync(SOURCE, "utf8");
  if (!source.includes(PLACEHOLDER)) throw new Error(`${SOURCE} lacks ${PLACEHOLDER}`);
  const build = JSON.stringify({ release, files, lazy: lazyFiles, headers: SECURITY_HEADERS });
  writeFileSync(path.join(outDir, "sw.js"), source.replace(PLACEHOLDER, build));
}

function hash(bytes, encoding) {
  return createHash("sha256").update(bytes).digest(encoding);
}
