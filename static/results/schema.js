// The one result schema, py/result.schema.json: every run answers with a Result, whether it finished, its code
// did not load, it was stopped or Python crashed; tests and Run code alike. Python reads the same file
// (py/playground/schema.py); the meaning of each field is there. Here: its VERSION, and new Results and tests
// made from each field's default.

import schema from "../../py/result.schema.json" with { type: "json" };

export const VERSION = schema.properties.version.const;

// The fields of one of the schema's objects that have a default, each with a fresh copy of it.
function defaults(part) {
  return Object.fromEntries(Object.entries(part.properties)
    .filter(([, field]) => "default" in field).map(([name, field]) => [name, structuredClone(field.default)]));
}

// A Result with nothing in it yet. kind: "tests" | "script"; problem: its id, or null.
export const newResult = (kind, problem) => ({ ...defaults(schema), version: VERSION, kind, problem });

// A test's entry: the defaults, and fields ({id, name, tier, outcome, hint}).
export const newTest = (fields) => ({ ...defaults(schema.$defs.test), ...fields });
