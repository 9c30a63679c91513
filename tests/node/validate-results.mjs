// Checks Results against py/result.schema.json with ajv (the page's own build dependency): reads a JSON list of
// Results on stdin, prints a JSON list of the first error of each, or null. Used by tests/test_result_schema.py.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

export function resultValidator() {
  const schema = JSON.parse(readFileSync(new URL("../../py/result.schema.json", import.meta.url), "utf8"));
  return new Ajv2020({ allErrors: false }).compile(schema);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const validate = resultValidator();
  const results = JSON.parse(readFileSync(0, "utf8"));
  console.log(JSON.stringify(results.map((result) => (validate(result) ? null : validate.errors[0]))));
}
