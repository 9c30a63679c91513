// Progress that moves: one JSON file holds every problem's progress, each kind as this browser stores it
// (storage.js KINDS). Importing checks the whole file before anything is written, and never replaces code
// newer than the file's without asking (the caller asks; plan() says where).
//
// The check is written by hand rather than with a JSON Schema validator: the format is one small object, and
// ajv would add ~120 KB to the home view for it.

import { KINDS, codeSavedAt, loadCode, loadResults, progressOf, storedProgress } from "./storage.js";

export const FORMAT = "autograd-playground-progress";
export const VERSION = 1;
export const MAX_BYTES = 5 * 1024 * 1024;
const STATES = ["not-started", "attempted", "solved", "solved-with-solution"];
const TIMES = ["code_saved_at", "solved"]; // kinds stored as an ISO time

// The file's content for the problems of the track (ids) that have any progress.
export function exportProgress(ids, now = new Date()) {
  const problems = {};
  for (const id of ids) {
    const stored = storedProgress(id);
    if (Object.keys(stored).length) problems[id] = { state: progressOf(id), ...stored };
  }
  return { format: FORMAT, version: VERSION, exported_at: now.toISOString(), problems };
}

export const fileName = (now = new Date()) => `autograd-playground-progress-${now.toISOString().slice(0, 10)}.json`;

class BadFile extends Error {}

// A file's text → {problems: {id: {kind: text}}, unknown: [ids not in the track]}; throws BadFile with a
// sentence for the learner when the file is not one this page can read.
export function readProgressFile(text, ids) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BadFile("This file is not a progress file: it is not valid JSON.");
  }
  if (!isObject(data) || data.format !== FORMAT) {
    throw new BadFile("This file is not an Autograd Playground progress file.");
  }
  if (!Number.isInteger(data.version) || data.version < 1) throw new BadFile("This progress file has no valid version.");
  if (data.version > VERSION) {
    throw new BadFile(`This progress file comes from a newer version of the page (format ${data.version}; `
      + `this page reads format ${VERSION}). Reload the page to get the newest version, then import it again.`);
  }
  if (!isObject(data.problems)) throw new BadFile("This progress file is damaged: it has no list of problems.");
  const problems = {};
  const unknown = [];
  for (const [id, entry] of Object.entries(data.problems)) {
    checkEntry(id, entry);
    if (ids.includes(id)) problems[id] = withoutState(entry);
    else unknown.push(id);
  }
  return { problems, unknown };
}

export const isBadFile = (error) => error instanceof BadFile;

function checkEntry(id, entry) {
  const damaged = (what) => new BadFile(`This progress file is damaged: problem “${id}”: ${what}.`);
  if (!isObject(entry)) throw damaged("not an object");
  for (const [kind, value] of Object.entries(entry)) {
    if (kind === "state") {
      if (!STATES.includes(value)) throw damaged(`unknown state “${String(value)}”`);
    } else if (!Object.hasOwn(KINDS, kind)) {
      throw damaged(`unknown field “${kind}”`);
    } else if (typeof value !== "string") {
      throw damaged(`“${kind}” must be text`);
    } else if (TIMES.includes(kind) && Number.isNaN(Date.parse(value))) {
      throw damaged(`“${kind}” is not a time`);
    } else if (kind === "results" && !isStoredResults(value)) {
      throw damaged("“results” is not a run's results");
    }
  }
}

// As saveResults stores them: {at, results: {tests: [...]}}.
function isStoredResults(text) {
  try {
    const { at, results } = JSON.parse(text);
    return !Number.isNaN(Date.parse(at)) && isObject(results) && Array.isArray(results.tests)
      && results.tests.every(isObject);
  } catch {
    return false;
  }
}

function withoutState({ state, ...kinds }) { // eslint-disable-line no-unused-vars
  return kinds; // the state follows from the rest
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// What importing problems changes here: {changes: {id: {kind: text}}, newer: [ids]}. Code that differs from the
// file's and was saved here later (or at an unknown time) is not in changes: its id is in newer, and
// withNewer(changes, problems, newer) adds it once the learner says so. The rest is merged: the later run's
// results; solved, hints and the solution shown when this browser has none.
export function plan(problems) {
  const changes = {};
  const newer = [];
  for (const [id, kinds] of Object.entries(problems)) {
    const change = {};
    if (kinds.code !== undefined && kinds.code !== loadCode(id)) {
      if (keepsNewer(id, kinds)) newer.push(id);
      else Object.assign(change, codeOf(kinds));
    }
    const results = loadResults(id);
    if (kinds.results && (!results || Date.parse(JSON.parse(kinds.results).at) > results.at.getTime())) {
      change.results = kinds.results;
    }
    const here = storedProgress(id);
    for (const kind of ["solved", "hints", "solution_shown"]) {
      if (kinds[kind] !== undefined && here[kind] === undefined) change[kind] = kinds[kind];
    }
    if (Object.keys(change).length) changes[id] = change;
  }
  return { changes, newer };
}

function keepsNewer(id, kinds) {
  if (loadCode(id) === null) return false;
  const here = codeSavedAt(id);
  return !here || !kinds.code_saved_at || here.getTime() > Date.parse(kinds.code_saved_at);
}

const codeOf = ({ code, code_saved_at }) => ({ code, code_saved_at: code_saved_at ?? new Date().toISOString() });

export function withNewer(changes, problems, newer) {
  const all = { ...changes };
  for (const id of newer) all[id] = { ...all[id], ...codeOf(problems[id]) };
  return all;
}
