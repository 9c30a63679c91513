// A Vite plugin: the progress file's JSON Schema (static/track/progress.schema.json, whose results are the Results of
// py/result.schema.json), compiled at build time by
// ajv's standalone code generation into plain functions, the module "virtual:progress-schema":
//
//   validateFile(data)     a whole progress file
//   validateStored(data)   one problem's last run as stored: {at, results: a Result}
//
// Each returns true or false, and keeps its first error in .errors, as ajv's do. The page gets a few KB of
// generated code instead of ajv itself (~120 KB).
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

const MODULE = "virtual:progress-schema";
const SCHEMA = "static/track/progress.schema.json";
const RESULT_SCHEMA = "py/result.schema.json";

export function progressValidators(file, resultFile = RESULT_SCHEMA) {
  const schema = JSON.parse(readFileSync(file, "utf8"));
  // messages: false: the page words errors itself (static/track/transfer.js), from their keyword and params.
  const ajv = new Ajv2020({ messages: false, code: { source: true, esm: true } });
  ajv.addSchema(JSON.parse(readFileSync(resultFile, "utf8")));
  ajv.addSchema(schema);
  return standaloneCode(ajv, { validateFile: schema.$id, validateStored: `${schema.$id}#/$defs/stored` });
}

export function progressSchema() {
  let file;
  let resultFile;
  return {
    name: "playground-progress-schema",
    configResolved(config) {
      file = path.resolve(config.root, SCHEMA);
      resultFile = path.resolve(config.root, RESULT_SCHEMA);
    },
    resolveId: (id) => (id === MODULE ? `\0${MODULE}` : null),
    load(id) {
      if (id !== `\0${MODULE}`) return null;
      this.addWatchFile(file);
      this.addWatchFile(resultFile);
      return progressValidators(file, resultFile);
    },
  };
}
