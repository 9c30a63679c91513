// What the page keeps in localStorage, per problem: the learner's code, their last results, whether they
// have solved it, how many hints they opened and whether they were shown the solution; from these, each
// problem's progress in the track's list. Storage may be full or blocked (private mode, policy): every call
// here says whether it worked instead of throwing. What is read back is checked: a kept run's results against
// progress.schema.json, a time against the clock.

import { validateStored } from "virtual:progress-schema";

const CODE = "autograd-playground:code:";
const RESULTS = "autograd-playground:results:";
const SOLVED = "autograd-playground:solved:";
const HINTS = "autograd-playground:hints:";
const SOLUTION_SHOWN = "autograd-playground:solution-shown:";
const PLUGINS = "autograd-playground:plugins:"; // JSON: {plugin name: what that plugin keeps}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export const PREFIX = "autograd-playground:";
const CODE_SAVED = "autograd-playground:code-saved:"; // when the code was last saved (ISO): import compares it

// What a problem's progress is made of, by name: a progress file (transfer.js) carries each as it is stored,
// and progress.schema.json lists them (#/$defs/entry).
export const KINDS = { code: CODE, code_saved_at: CODE_SAVED, results: RESULTS, solved: SOLVED, hints: HINTS,
  solution_shown: SOLUTION_SHOWN, plugins: PLUGINS };

export const codeKey = (problemId) => CODE + problemId;

export function loadCode(problemId) {
  return read(codeKey(problemId));
}

// The code matters more than a past run's results: when storage is full, those make room for it.
export function saveCode(problemId, code) {
  if (!writeCode(problemId, code)) {
    try {
      localStorage.removeItem(RESULTS + problemId);
    } catch {
      return false;
    }
    if (!writeCode(problemId, code)) return false;
  }
  write(CODE_SAVED + problemId, new Date().toISOString()); // without it, an import asks before replacing the code
  return true;
}

function writeCode(problemId, code) {
  return write(codeKey(problemId), code);
}

// A kept time (ISO text) as a Date; null when there is none, it is not a time, or it is in the future: a clock
// set wrong or a made-up file can't tell when something happened.
export function pastTime(text) {
  const at = new Date(text ?? NaN);
  return at.getTime() <= Date.now() ? at : null;
}

// When the code was last saved, or null (not saved, saved before the page kept the time, or unknown: pastTime).
export function codeSavedAt(problemId) {
  return pastTime(read(CODE_SAVED + problemId));
}

// Another tab saved this problem's code: onChange(newCode). Not called for this tab's own saves.
// Watching ends when signal aborts (the problem's view is closed).
export function watchCode(problemId, onChange, signal) {
  addEventListener("storage", (event) => {
    if (event.key === codeKey(problemId) && event.newValue !== null) onChange(event.newValue);
  }, { signal });
}

// The last run's results, with when it ran. What plugins added to the run (a plot) is the run's, on screen: not
// kept. What they added to a test (a graph) can be large: if the whole is, it is left out.
export function saveResults(problemId, run) {
  const at = new Date().toISOString();
  const results = { ...run, plugins: {} };
  const whole = JSON.stringify({ at, results });
  if (whole.length < 300_000) return write(RESULTS + problemId, whole);
  const tests = results.tests.map((test) => ({ ...test, plugins: {} }));
  return write(RESULTS + problemId, JSON.stringify({ at, results: { ...results, tests } }));
}

// {at: Date, results} or null: none kept, or what is kept is not a Result this page can show (damaged, or from
// another version of the page).
export function loadResults(problemId) {
  try {
    const stored = JSON.parse(read(RESULTS + problemId));
    return validateStored(stored) ? { at: new Date(stored.at), results: stored.results } : null;
  } catch {
    return null;
  }
}

export function markSolved(problemId) {
  if (!read(SOLVED + problemId)) write(SOLVED + problemId, new Date().toISOString());
}

export function isSolved(problemId) {
  return read(SOLVED + problemId) !== null;
}

// How many of the problem's hints the learner has opened (0 when none, or storage says nothing sensible).
export function loadHintsShown(problemId) {
  const count = Number(read(HINTS + problemId));
  return Number.isInteger(count) && count > 0 ? count : 0;
}

export function saveHintsShown(problemId, count) {
  return write(HINTS + problemId, String(count));
}

// The learner asked to see the reference solution: when they first did, kept.
export function markSolutionShown(problemId) {
  if (!read(SOLUTION_SHOWN + problemId)) write(SOLUTION_SHOWN + problemId, new Date().toISOString());
}

export function wasSolutionShown(problemId) {
  return read(SOLUTION_SHOWN + problemId) !== null;
}

// Solved, but the reference was first shown before the first solve (not after: comparing is the reward).
function solvedWithSolution(problemId) {
  const shown = read(SOLUTION_SHOWN + problemId);
  const solved = read(SOLVED + problemId);
  return shown !== null && solved !== null && shown <= solved;
}

// What each plugin keeps for a problem, by plugin name: {} when nothing is kept, or what is kept is damaged.
export function loadPluginData(problemId) {
  try {
    const kept = JSON.parse(read(PLUGINS + problemId));
    return typeof kept === "object" && kept !== null && !Array.isArray(kept) ? kept : {};
  } catch {
    return {};
  }
}

// Keeps data (JSON-able) as what the plugin named keeps for the problem; returns whether it worked.
export function savePluginData(problemId, plugin, data) {
  return write(PLUGINS + problemId, JSON.stringify({ ...loadPluginData(problemId), [plugin]: data }));
}

// "solved-with-solution" (see solvedWithSolution), "solved", "attempted" (code or results kept, or the
// solution shown: the learner wrote, ran or looked at something) or "not-started".
export function progressOf(problemId) {
  if (solvedWithSolution(problemId)) return "solved-with-solution";
  if (isSolved(problemId)) return "solved";
  if (wasSolutionShown(problemId)) return "attempted";
  return read(codeKey(problemId)) !== null || read(RESULTS + problemId) !== null ? "attempted" : "not-started";
}

// Every kind of progress (KINDS) of a problem, as stored: {code: "...", results: "...", ...}, kinds not kept left out.
export function storedProgress(problemId) {
  const found = {};
  for (const [kind, prefix] of Object.entries(KINDS)) {
    const value = read(prefix + problemId);
    if (value !== null) found[kind] = value;
  }
  return found;
}

// Writes {kind: value or null (removed)} for each problem, all or nothing: when one write fails (storage
// full), what was written is put back as it was. Returns whether it worked.
export function writeProgress(changes) {
  const before = [];
  try {
    for (const [problemId, kinds] of Object.entries(changes)) {
      for (const [kind, value] of Object.entries(kinds)) {
        const key = KINDS[kind] + problemId;
        before.push([key, localStorage.getItem(key)]);
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      }
    }
    return true;
  } catch {
    for (const [key, value] of before.reverse()) {
      try {
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      } catch { /* putting back never needs more room than was there */ }
    }
    return false;
  }
}

// Whether this browser keeps anything: false when storage is blocked (private mode, a policy) or full.
export function storageWorks() {
  const probe = PREFIX + "probe";
  try {
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

// Another tab changed some progress (or cleared storage): onChange(). Ends when signal aborts.
export function watchProgress(onChange, signal) {
  addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(PREFIX)) onChange();
  }, { signal });
}
