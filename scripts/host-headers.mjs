// A Vite plugin that writes dist/_headers: the headers scripts/serve.mjs sends, in the file format static hosts
// such as Netlify and Cloudflare Pages read. With it, the page is cross-origin isolated from the first visit,
// so Stop interrupts Python instead of restarting it. A host that reads no such file (GitHub Pages) still
// works: see docs/deploying.md.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { IMMUTABLE, SECURITY_HEADERS } from "./headers.mjs";

export function hostHeaders() {
  let outDir;
  return {
    name: "playground-host-headers",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      writeFileSync(path.join(outDir, "_headers"), headersFile());
    },
  };
}

function headersFile() {
  const block = (pattern, headers) => [pattern, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join("\n");
  return [
    // No Cache-Control here: hosts join the values of every block that matches a path, and these hosts
    // revalidate other files by default.
    block("/*", SECURITY_HEADERS),
    // Named by version or content hash: such a file never changes.
    block("/assets/*", { "Cache-Control": IMMUTABLE }),
    block("/v/*", { "Cache-Control": IMMUTABLE }),
  ].join("\n\n") + "\n";
}
