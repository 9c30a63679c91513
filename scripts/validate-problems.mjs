// Is every problem folder well formed? Run by every build, before anything is compiled, and by
// scripts/check-problems.mjs. Each error names the file, and in a JSON file the field:
//   py/problems/x/problem.json: /tests/2/tier must be one of required, challenge
//
// Usage: node scripts/validate-problems.mjs   (reads $PLAYGROUND_PROBLEMS, default py/problems)
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { mistakes, providedFiles } from "./problem-files.mjs";

export const PROBLEMS_DIR = process.env.PLAYGROUND_PROBLEMS || "py/problems";
const SCHEMA = JSON.parse(readFileSync(new URL("../py/problem.schema.json", import.meta.url), "utf8"));
const FILES = ["statement.md", "starter.py", "solution.py"];

// mistakes/expectations.json: for each variant in mistakes/, the test ids it fails. A correct variant
// fails no required test; a wrong one fails at least one, and says so in words the learner can act on.
const EXPECTATIONS_SCHEMA = {
  type: "object",
  minProperties: 1,
  propertyNames: { pattern: "^[A-Za-z0-9_]+\\.py$" },
  additionalProperties: {
    type: "object",
    additionalProperties: false,
    required: ["fails"],
    properties: {
      correct: { type: "boolean" },
      fails: { type: "array", uniqueItems: true, items: { type: "string" } },
      message_contains: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
    },
  },
};

// mistakes/edits.json: variants made from another file by exact replacements (scripts/problem-files.mjs).
const SIDE = { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] };
const EDITS_SCHEMA = {
  type: "object",
  propertyNames: { pattern: "^[A-Za-z0-9_]+\\.py$" },
  additionalProperties: {
    type: "object",
    additionalProperties: false,
    required: ["replace"],
    properties: {
      from: { type: "string", pattern: "^[A-Za-z0-9_./]+\\.py$" },
      replace: { type: "array", minItems: 1, items: { type: "array", prefixItems: [SIDE, SIDE], minItems: 2, maxItems: 2 } },
    },
  },
};

const ajv = new Ajv2020({ allErrors: true });
const validateProblem = ajv.compile(SCHEMA);
const validateExpectations = ajv.compile(EXPECTATIONS_SCHEMA);
const validateEdits = ajv.compile(EDITS_SCHEMA);

// One line per schema error: the field's JSON pointer and what is wrong with it.
function schemaErrors(file, errors) {
  return errors.filter((e) => e.keyword !== "if").map((e) => {
    const at = e.instancePath || "/";
    switch (e.keyword) {
      case "enum": return `${file}: ${at} must be one of ${e.params.allowedValues.join(", ")}`;
      case "required": {
        const field = e.params.missingProperty;
        return `${file}: ${e.instancePath}/${field} is missing${field === "hint" ? " (a challenge test needs one)" : ""}`;
      }
      case "additionalProperties": return `${file}: ${e.instancePath}/${e.params.additionalProperty} is not a known field`;
      default: return `${file}: ${at} ${e.message}`;
    }
  });
}

function readJson(file, errors) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    errors.push(`${file}: ${error.code === "ENOENT" ? "is missing" : error.message}`);
    return null;
  }
}

// The hidden test file's test functions, by name, as pytest collects them (module level).
export function testFunctions(source) {
  return [...source.matchAll(/^(?:async\s+)?def\s+(test\w*)\s*\(/gm)].map((match) => match[1]);
}

function checkTests(folder, meta, errors) {
  const file = join(folder, "problem.json");
  const testFile = join(folder, `test_${meta.id}.py`);
  if (!existsSync(testFile)) return errors.push(`${testFile} is missing`);
  const defined = testFunctions(readFileSync(testFile, "utf8"));
  const listed = meta.tests.map((test) => test.id);
  listed.forEach((id, i) => {
    if (listed.indexOf(id) !== i) errors.push(`${file}: /tests/${i}/id ${id} is listed twice`);
    if (!defined.includes(id)) errors.push(`${file}: /tests/${i}/id ${id} is not a test function of ${testFile}`);
  });
  for (const id of defined) {
    if (!listed.includes(id)) errors.push(`${testFile}: ${id} is not listed in ${file} (/tests)`);
  }
}

// hints.md's hints: one per "## " section (static/problem/hints.js splits it the same way).
export function hintCount(markdown) {
  return markdown.split(/^## /m).map((part) => part.trim()).filter(Boolean).length;
}

// A test's hint_number names a hint that hints.md has.
function checkHintNumbers(folder, meta, errors) {
  const file = join(folder, "problem.json");
  const hintsFile = join(folder, "hints.md");
  const count = existsSync(hintsFile) ? hintCount(readFileSync(hintsFile, "utf8")) : 0;
  meta.tests.forEach(({ hint_number: number }, i) => {
    if (number !== undefined && number > count) {
      errors.push(`${file}: /tests/${i}/hint_number ${number}, but hints.md has ${count ? `only ${count} hints` : "no hints"}`);
    }
  });
}

// Each module problem.json's provides names is a file under the problems' folder, and no answer: not the problem's
// own solution or mistakes, nor any mistake; a solution it names is of a problem earlier in the track. provided/
// holds exactly the files it names there.
function checkProvided(folder, meta, errors) {
  const file = join(folder, "problem.json");
  const dir = join(folder, "provided");
  const named = providedFiles(folder, meta);
  for (const { name, file: source } of named) {
    const at = `${file}: /provides/${name}`;
    const inside = relative(dirname(folder), source).split("\\").join("/");
    if (inside.startsWith("../") || !inside.includes("/")) errors.push(`${at} is outside ${dirname(folder)}`);
    else if (!existsSync(source)) errors.push(`${at} is not in ${dirname(source)}`);
    else if (inside.includes("/mistakes/") || inside === `${meta.id}/solution.py`) errors.push(`${at} is an answer`);
    else if (basename(source) === "solution.py") {
      const { position } = JSON.parse(readFileSync(join(dirname(source), "problem.json"), "utf8"));
      if (!(position < meta.position)) errors.push(`${at} is the solution of a problem that does not come before it`);
    }
  }
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".py")) : [];
  const listed = new Set(named.map(({ file: source }) => source));
  for (const name of present) {
    if (!listed.has(resolve(dir, name))) errors.push(`${join(dir, name)}: not listed in ${file} (/provides)`);
  }
}

// Each alias names a provided module, and is neither a provided module, the learner's module, nor a package
// above another alias (playground.aliases makes those packages, empty); so does the autograd plugin's engine.
function checkAliases(folder, meta, errors) {
  const file = join(folder, "problem.json");
  const provided = providedFiles(folder, meta).map(({ name }) => name.replace(/\.py$/, ""));
  const aliases = Object.keys(meta.aliases ?? {});
  for (const [alias, target] of Object.entries(meta.aliases ?? {})) {
    const at = `${file}: /aliases/${alias}`;
    if (!provided.includes(target)) errors.push(`${at} names ${target}, which is not in /provides`);
    if (provided.includes(alias) || alias === (meta.module ?? "submission")) errors.push(`${at} hides a module of the problem`);
    if (aliases.some((other) => other.startsWith(`${alias}.`))) errors.push(`${at} is a package above another alias`);
  }
  const engine = meta.plugins?.autograd?.engine;
  if (engine !== undefined && !provided.includes(engine)) {
    errors.push(`${file}: /plugins/autograd/engine names ${engine}, which is not in /provides`);
  }
}

function checkExpectations(folder, meta, errors) {
  const dir = join(folder, "mistakes");
  const file = join(dir, "expectations.json");
  const expectations = readJson(file, errors);
  if (expectations === null) return null;
  if (!validateExpectations(expectations)) {
    errors.push(...schemaErrors(file, validateExpectations.errors));
    return null;
  }
  const tier = Object.fromEntries(meta.tests.map((test) => [test.id, test.tier ?? "required"]));
  const before = errors.length;
  const edits = readEdits(dir, errors);
  const editsValid = errors.length === before;
  const variants = [...readdirSync(dir).filter((name) => name.endsWith(".py")), ...Object.keys(edits)];
  for (const name of new Set(variants)) {
    if (!(name in expectations)) errors.push(`${join(dir, name)}: not in ${file}`);
    if (variants.indexOf(name) !== variants.lastIndexOf(name)) errors.push(`${join(dir, name)}: also in edits.json`);
  }
  for (const [name, { correct = false, fails, message_contains: says = {} }] of Object.entries(expectations)) {
    if (!variants.includes(name)) errors.push(`${file}: /${name} names a file that is not in ${dir} nor in edits.json`);
    for (const id of fails) {
      if (!(id in tier)) errors.push(`${file}: /${name}/fails ${id} is not a test of ${meta.id}`);
    }
    for (const id of Object.keys(says)) {
      if (!fails.includes(id)) errors.push(`${file}: /${name}/message_contains/${id} is not a test it fails`);
    }
    const failsRequired = fails.some((id) => tier[id] === "required");
    if (correct && failsRequired) errors.push(`${file}: /${name} is correct but fails a required test`);
    if (!correct && !failsRequired) errors.push(`${file}: /${name}/fails names no required test (a wrong variant must fail one)`);
    if (!correct && Object.keys(says).length === 0) {
      errors.push(`${file}: /${name}/message_contains is missing (what must a failing test's message say?)`);
    }
  }
  if (!Object.values(expectations).some((e) => !e.correct)) errors.push(`${file}: lists no wrong variant`);
  try {
    if (editsValid) mistakes(folder, Object.fromEntries(variants.filter((name) => name in expectations).map((name) => [name, {}])));
  } catch (error) {
    errors.push(error.message);
  }
  return expectations;
}

function readEdits(dir, errors) {
  const file = join(dir, "edits.json");
  if (!existsSync(file)) return {};
  const edits = readJson(file, errors) ?? {};
  if (!validateEdits(edits)) errors.push(...schemaErrors(file, validateEdits.errors));
  return edits;
}

// One problem folder: its problem.json against the schema, its files, its tests, its mistakes.
function readProblem(folder, name, errors) {
  for (const needed of FILES) {
    if (!existsSync(join(folder, needed))) errors.push(`${join(folder, needed)} is missing`);
  }
  const file = join(folder, "problem.json");
  const meta = readJson(file, errors);
  if (meta === null) return null;
  if (!validateProblem(meta)) {
    errors.push(...schemaErrors(file, validateProblem.errors));
    return null;
  }
  if (meta.id !== name) errors.push(`${file}: /id is "${meta.id}" but the folder is "${name}"`);
  checkTests(folder, meta, errors);
  checkProvided(folder, meta, errors);
  checkAliases(folder, meta, errors);
  checkHintNumbers(folder, meta, errors);
  const expectations = checkExpectations(folder, meta, errors);
  return { id: meta.id, folder, meta, expectations };
}

function checkPositions(problems, errors) {
  const seen = new Map();
  for (const { folder, meta } of problems) {
    const other = seen.get(meta.position);
    if (other) errors.push(`${join(folder, "problem.json")}: /position ${meta.position} is also ${other}'s`);
    else seen.set(meta.position, join(folder, "problem.json"));
  }
}

// Every problem under dir, in track order, and every error found in them.
export function readProblems(dir = PROBLEMS_DIR) {
  const errors = [];
  if (!existsSync(dir)) return { problems: [], errors: [`${dir}: no such folder`] };
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const problems = names.map((name) => readProblem(join(dir, name), name, errors)).filter(Boolean);
  if (names.length === 0) errors.push(`${dir}: holds no problem folder`);
  checkPositions(problems, errors);
  problems.sort((a, b) => a.meta.position - b.meta.position);
  return { problems, errors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { problems, errors } = readProblems();
  if (errors.length) {
    console.error(errors.join("\n"));
    process.exit(1);
  }
  console.log(`problems valid: ${problems.map((p) => p.id).join(", ")}`);
}
