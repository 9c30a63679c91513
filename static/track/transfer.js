// Progress that moves: one JSON file holds every problem's progress, each kind as this browser stores it
// (storage.js KINDS). Importing checks the whole file before anything is written, and never replaces code
// newer than the file's without asking (the caller asks; plan() says where).
//
// The file is described by progress.schema.json, which the build compiles into the validators imported here
// (scripts/progress-schema.mjs): the page carries no JSON Schema library.

import { validateFile, validateStored } from "virtual:progress-schema";
import { VERSION as RESULT_VERSION } from "../results/schema.js";
import {
  codeSavedAt, loadCode, loadPluginData, loadResults, pastTime, progressOf, storedProgress,
} from "./storage.js";

export const FORMAT = "autograd-playground-progress";
export const VERSION = 1;
export const MAX_BYTES = 5 * 1024 * 1024;

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
  if (!validateFile(data)) throw new BadFile(`This progress file is damaged: ${whatIsWrong(validateFile.errors[0])}.`);
  const problems = {};
  const unknown = [];
  for (const [id, entry] of Object.entries(data.problems)) {
    const kinds = withoutState(entry);
    if (kinds.results !== undefined && !isCurrentResults(id, kinds.results)) delete kinds.results;
    if (ids.includes(id)) problems[id] = kinds;
    else unknown.push(id);
  }
  return { problems, unknown };
}

export const isBadFile = (error) => error instanceof BadFile;

// A problem's results in the file: true when they are a Result this page can show, false when they come from
// another version of the page (left out: this page could not show them); throws BadFile when they are damaged.
function isCurrentResults(id, text) {
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new BadFile(`This progress file is damaged: problem “${id}”: “results” is not a run's results.`);
  }
  const version = stored?.results?.version;
  if (Number.isInteger(version) && version !== RESULT_VERSION) return false;
  if (validateStored(stored)) return true;
  throw new BadFile(`This progress file is damaged: problem “${id}”: “results” is not a run's results `
    + `(${whatIsWrong(validateStored.errors[0])}).`);
}

const TYPES = { string: "text", number: "a number", integer: "a whole number", boolean: "true or false",
  object: "an object", array: "a list", null: "null" };

// A schema error → what is wrong, in words: "problem “mlp”: “code” must be text", "“tests/0/name” is missing".
function whatIsWrong({ keyword, instancePath, params, schemaPath }) {
  let path = instancePath.split("/").slice(1).map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  let problem = "";
  if (path[0] === "problems" && path.length > 1) {
    problem = `problem “${path[1]}”: `;
    path = path.slice(2);
  }
  const field = path.join("/");
  const name = field ? `“${field}”` : "it";
  switch (keyword) {
    case "required": return `${problem}“${[...path, params.missingProperty].join("/")}” is missing`;
    case "additionalProperties": return `${problem}unknown field “${params.additionalProperty}”`;
    case "type": return `${problem}${name} must be ${[params.type].flat().map((type) => TYPES[type]).join(" or ")}`;
    case "pattern": return `${problem}${name} is not ${schemaPath.includes("/time/") ? "a time" : "a number"}`;
    case "enum":
    case "const": return `${problem}${name} has a value this page does not know`;
    default: return `${problem}${name} is not as this page writes it`;
  }
}

function withoutState({ state, ...kinds }) {
  return kinds; // the state follows from the rest
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// What importing problems changes here: {changes: {id: {kind: text}}, newer: [ids]}. Code that differs from the
// file's and was saved here later (or at an unknown time) is not in changes: its id is in newer, and
// withNewer(changes, problems, newer) adds it once the learner says so. The rest is merged: the later run's
// results; solved, hints and the solution shown when this browser has none; a plugin's data when this browser has
// none of that plugin's.
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
    const ran = kinds.results && pastTime(JSON.parse(kinds.results).at);
    if (kinds.results && (!results || ran > results.at)) change.results = kinds.results;
    const here = storedProgress(id);
    for (const kind of ["solved", "hints", "solution_shown"]) {
      if (kinds[kind] !== undefined && here[kind] === undefined) change[kind] = kinds[kind];
    }
    const plugins = mergedPlugins(id, kinds.plugins);
    if (plugins !== null) change.plugins = plugins;
    if (Object.keys(change).length) changes[id] = change;
  }
  return { changes, newer };
}

// What the plugins keep, as text: each plugin's data from here, and from the file the plugins this browser has
// nothing of; null when the file adds nothing (or what it holds is not an object of plugins).
function mergedPlugins(id, text) {
  let there;
  try {
    there = JSON.parse(text ?? "null");
  } catch {
    return null;
  }
  if (!isObject(there)) return null;
  const here = loadPluginData(id);
  const added = Object.keys(there).filter((name) => !(name in here));
  return added.length ? JSON.stringify({ ...Object.fromEntries(added.map((name) => [name, there[name]])), ...here }) : null;
}

// A time in the future is as unknown as a missing one (pastTime): a file can't win by a made-up date.
function keepsNewer(id, kinds) {
  if (loadCode(id) === null) return false;
  const here = codeSavedAt(id);
  const there = pastTime(kinds.code_saved_at);
  return !here || !there || here > there;
}

const codeOf = ({ code, code_saved_at }) => ({
  code, code_saved_at: pastTime(code_saved_at) ? code_saved_at : new Date().toISOString(),
});

export function withNewer(changes, problems, newer) {
  const all = { ...changes };
  for (const id of newer) all[id] = { ...all[id], ...codeOf(problems[id]) };
  return all;
}
