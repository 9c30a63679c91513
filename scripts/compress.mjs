// Precompress what the server sends, once, at build time: file.br and file.gz beside each file.
// Brotli at its best setting takes ~20 s for Pyodide's wasm, so results are cached by content hash, and files are
// compressed side by side (zlib's async calls run on libuv's thread pool: every core works).
//
// Usage: node scripts/compress.mjs dist
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|txt|md|py|zip|tar|map|webmanifest)$/;
const MIN_BYTES = 1024;
const CACHE = "build/compressed";

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

async function compressed(bytes, kind) {
  const key = createHash("sha256").update(bytes).digest("hex");
  const cached = join(CACHE, `${key}.${kind}`);
  if (existsSync(cached)) return readFileSync(cached);
  const out = kind === "br"
    ? await brotliAsync(bytes, { params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    : await gzipAsync(bytes, { level: 9 });
  writeFileSync(cached, out);
  return out;
}

// [original size, brotli size] of a file it compressed, or null for one it left as it is.
async function compressFile(path) {
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) return null;
  const [br, gz] = await Promise.all([compressed(bytes, "br"), compressed(bytes, "gz")]);
  if (br.length >= bytes.length) return null; // already compressed (a zip of deflated files, say)
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  return [bytes.length, br.length];
}

mkdirSync(CACHE, { recursive: true });
const root = process.argv[2] || "dist";
const sizes = (await Promise.all([...files(root)].filter((path) => COMPRESSIBLE.test(path)).map(compressFile)))
  .filter(Boolean);
const before = sizes.reduce((sum, [size]) => sum + size, 0);
const after = sizes.reduce((sum, [, size]) => sum + size, 0);
console.log(`compressed ${(before / 1e6).toFixed(1)} MB to ${(after / 1e6).toFixed(1)} MB (brotli)`);
