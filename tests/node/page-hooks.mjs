// Module hooks (node:module register) that let Node import the page's modules as Vite builds them: the module
// "virtual:progress-schema" (the progress file's validators, compiled by scripts/progress-schema.mjs), and
// named imports from the CommonJS package lz-string. A test registers them, then imports the page dynamically.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { progressValidators } from "../../scripts/progress-schema.mjs";

const ROOT = new URL("../../", import.meta.url);
const require = createRequire(ROOT);
const SCHEMA = "virtual:progress-schema";
const LZ_STRING = "page-hooks:lz-string";

export function resolve(specifier, context, next) {
  if (specifier === SCHEMA) return { url: SCHEMA, shortCircuit: true };
  if (specifier === "lz-string") return { url: LZ_STRING, shortCircuit: true };
  return next(specifier, context);
}

export function load(url, context, next) {
  if (url === SCHEMA) {
    const source = progressValidators(new URL("static/track/progress.schema.json", ROOT).pathname,
      new URL("py/result.schema.json", ROOT).pathname);
    return { format: "module", source, shortCircuit: true };
  }
  if (url === LZ_STRING) {
    const file = require.resolve("lz-string");
    const names = Object.keys(require(file)).join(", ");
    const source = `import lz from ${JSON.stringify(pathToFileURL(file).href)}; export default lz;
      export const { ${names} } = lz;`;
    return { format: "module", source, shortCircuit: true };
  }
  return next(url, context);
}
