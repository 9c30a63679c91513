// Precompress what the server sends, once, at build time: file.br and file.gz beside each file.
// Brotli at its best setting takes ~20 s for Pyodide's wasm, so results are cached by content hash.
//
// Usage: node scripts/compress.mjs dist
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

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

function compressed(bytes, kind) {
  const key = createHash("sha256").update(bytes).digest("hex");
  const cached = join(CACHE, `${key}.${kind}`);
  if (existsSync(cached)) return readFileSync(cached);
  const out = kind === "br"
    ? brotliCompressSync(bytes, { params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    : gzipSync(bytes, { level: 9 });
  writeFileSync(cached, out);
  return out;
}

mkdirSync(CACHE, { recursive: true });
const root = process.argv[2] || "dist";
let before = 0;
let after = 0;
for (const path of [...files(root)]) {
  if (!COMPRESSIBLE.test(path)) continue;
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) continue;
  const br = compressed(bytes, "br");
  if (br.length >= bytes.length) continue; // already compressed (a zip of deflated files, say)
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, compressed(bytes, "gz"));
  before += bytes.length;
  after += br.length;
}
console.log(`compressed ${(before / 1e6).toFixed(1)} MB to ${(after / 1e6).toFixed(1)} MB (brotli)`);
