// Progress files (static/track/transfer.js): reading one checks it all and says what is wrong; importing never
// replaces newer code unasked; an export reads back as it was. localStorage is an in-memory fake.
import assert from "node:assert/strict";
import { register } from "node:module";
import { beforeEach, test } from "node:test";
import { failedResult } from "../../static/results/results-model.js";

register("./page-hooks.mjs", import.meta.url); // "virtual:progress-schema", as the build makes it
const { FORMAT, VERSION, exportProgress, fileName, isBadFile, plan, readProgressFile, withNewer } =
  await import("../../static/track/transfer.js");
const { saveCode, storedProgress, writeProgress } = await import("../../static/track/storage.js");

class MemoryStorage {
  #items = new Map();
  getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
  setItem(key, value) { this.#items.set(key, String(value)); }
  removeItem(key) { this.#items.delete(key); }
  clear() { this.#items.clear(); }
}
Object.defineProperty(globalThis, "localStorage", { value: new MemoryStorage(), configurable: true });
beforeEach(() => localStorage.clear());

const IDS = ["intro", "a/b"];
const EARLY = "2024-01-01T00:00:00.000Z";
const LATE = "2024-06-01T00:00:00.000Z";
const FUTURE = "2999-01-01T00:00:00.000Z";
const problem = { id: "intro", tests: [{ id: "test_a", name: "A" }] };
const results = (at, run = failedResult({ problem, kind: "tests", message: "x" })) =>
  JSON.stringify({ at, results: run });
const file = (problems, extra = {}) => JSON.stringify({ format: FORMAT, version: VERSION, problems, ...extra });

function rejects(text, message) {
  assert.throws(() => readProgressFile(text, IDS), (error) => {
    assert.ok(isBadFile(error), error.stack);
    assert.equal(error.message, message);
    return true;
  });
}

test("a file that is not a progress file of this page is refused, with the reason", () => {
  rejects("{", "This file is not a progress file: it is not valid JSON.");
  rejects("", "This file is not a progress file: it is not valid JSON.");
  for (const text of ["null", "[]", '"x"', JSON.stringify({ format: "other", version: 1, problems: {} })]) {
    rejects(text, "This file is not an Autograd Playground progress file.");
  }
  for (const version of [0, 1.5, "1", null]) {
    rejects(JSON.stringify({ format: FORMAT, version, problems: {} }), "This progress file has no valid version.");
  }
  rejects(JSON.stringify({ format: FORMAT, version: VERSION + 1, problems: {} }),
    `This progress file comes from a newer version of the page (format ${VERSION + 1}; this page reads format `
    + `${VERSION}). Reload the page to get the newest version, then import it again.`);
});

test("a damaged file says where, in words", () => {
  const damaged = (what) => `This progress file is damaged: ${what}.`;
  rejects(JSON.stringify({ format: FORMAT, version: VERSION }), damaged("“problems” is missing"));
  rejects(file({}, { extra: 1 }), damaged("unknown field “extra”"));
  rejects(file({ "a/b": { code: 5 } }), damaged("problem “a/b”: “code” must be text"));
  rejects(file({ intro: { hints: "two" } }), damaged("problem “intro”: “hints” is not a number"));
  rejects(file({ intro: { solved: "yesterday" } }), damaged("problem “intro”: “solved” is not a time"));
  rejects(file({ intro: { state: "done" } }),
    damaged("problem “intro”: “state” has a value this page does not know"));
  rejects(file({ intro: { results: "{" } }), damaged("problem “intro”: “results” is not a run's results"));
  const undated = JSON.stringify({ results: failedResult({ problem, kind: "tests", message: "x" }) });
  rejects(file({ intro: { results: undated } }),
    damaged("problem “intro”: “results” is not a run's results (“at” is missing)"));
});

test("a good file gives each known problem's kinds, without state or results of another version", () => {
  const old = results(EARLY, { ...failedResult({ problem, kind: "tests", message: "x" }), version: 1 });
  const read = readProgressFile(file({
    intro: { state: "solved", code: "x = 1", code_saved_at: EARLY, results: results(LATE), solved: LATE, hints: "2" },
    "a/b": { state: "attempted", results: old },
    elsewhere: { code: "y = 2" },
  }, { exported_at: LATE }), IDS);
  assert.deepEqual(read, {
    problems: { intro: { code: "x = 1", code_saved_at: EARLY, results: results(LATE), solved: LATE, hints: "2" },
      "a/b": {} },
    unknown: ["elsewhere"],
  });
});

test("an export reads back and imports into an empty browser as it was", () => {
  writeProgress({ intro: { code: "x = 1", code_saved_at: EARLY, results: results(LATE), hints: "1" },
    "a/b": { solution_shown: EARLY } });
  const before = IDS.map(storedProgress);
  const now = new Date(LATE);
  const exported = exportProgress([...IDS, "untouched"], now);
  assert.equal(exported.exported_at, LATE);
  assert.deepEqual(Object.keys(exported.problems), IDS);
  assert.equal(exported.problems.intro.state, "attempted");
  assert.equal(fileName(now), "autograd-playground-progress-2024-06-01.json");

  const read = readProgressFile(JSON.stringify(exported, null, 2), IDS);
  localStorage.clear();
  const { changes, newer } = plan(read.problems);
  assert.deepEqual(newer, []);
  assert.ok(writeProgress(changes));
  assert.deepEqual(IDS.map(storedProgress), before);
});

test("code saved here later, at an unknown time, or than a made-up future time, is replaced only when asked", () => {
  const here = (code, savedAt) => writeProgress({ intro: { code, code_saved_at: savedAt } });
  const incoming = (savedAt) => ({ intro: { code: "theirs", code_saved_at: savedAt } });

  here("mine", LATE);
  assert.deepEqual(plan(incoming(EARLY)), { changes: {}, newer: ["intro"] });
  assert.deepEqual(withNewer({}, incoming(EARLY), ["intro"]), { intro: { code: "theirs", code_saved_at: EARLY } });
  here("mine", null);
  assert.deepEqual(plan(incoming(LATE)).newer, ["intro"]);
  here("mine", EARLY);
  assert.deepEqual(plan(incoming(FUTURE)).newer, ["intro"]);
  assert.deepEqual(plan(incoming(LATE)), { changes: { intro: { code: "theirs", code_saved_at: LATE } }, newer: [] });
  assert.deepEqual(plan({ intro: { code: "mine", code_saved_at: LATE } }), { changes: {}, newer: [] });

  localStorage.clear(); // no code here: the file's is taken; a future time is not kept
  const { changes } = plan(incoming(FUTURE));
  assert.equal(changes.intro.code, "theirs");
  assert.ok(new Date(changes.intro.code_saved_at) <= new Date());
});

test("the later run's results are kept, and solved, hints and solution shown only fill what is missing", () => {
  writeProgress({ intro: { results: results(LATE), hints: "3" } });
  assert.deepEqual(plan({ intro: { results: results(EARLY), hints: "1", solved: EARLY } }).changes,
    { intro: { solved: EARLY } });
  const later = results("2024-07-01T00:00:00.000Z");
  assert.deepEqual(plan({ intro: { results: later } }).changes, { intro: { results: later } });
});

test("saving code keeps when, so that an import then asks", () => {
  assert.ok(saveCode("intro", "mine"));
  assert.deepEqual(plan({ intro: { code: "theirs", code_saved_at: EARLY } }).newer, ["intro"]);
});
