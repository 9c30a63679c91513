// What the page keeps in localStorage, per problem: the learner's code, their last results, and
// whether they have solved it; from these, each problem's progress in the track's list. Storage may be
// full or blocked (private mode, policy): every call here says whether it worked instead of throwing.

const CODE = "autograd-playground:code:";
const RESULTS = "autograd-playground:results:";
const SOLVED = "autograd-playground:solved:";

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

export const codeKey = (problemId) => CODE + problemId;

export function loadCode(problemId) {
  return read(codeKey(problemId));
}

// The code matters more than a past run's results: when storage is full, those make room for it.
export function saveCode(problemId, code) {
  if (write(codeKey(problemId), code)) return true;
  try {
    localStorage.removeItem(RESULTS + problemId);
  } catch {
    return false;
  }
  return write(codeKey(problemId), code);
}

// Another tab saved this problem's code: onChange(newCode). Not called for this tab's own saves.
// Watching ends when signal aborts (the problem's view is closed).
export function watchCode(problemId, onChange, signal) {
  addEventListener("storage", (event) => {
    if (event.key === codeKey(problemId) && event.newValue !== null) onChange(event.newValue);
  }, { signal });
}

// The last run's results, with when it ran. A graph can be large: if the whole is, graphs are left out.
export function saveResults(problemId, { plot, ...results }) { // a plot is the run's, on screen: not kept
  const at = new Date().toISOString();
  const whole = JSON.stringify({ at, results });
  if (whole.length < 300_000) return write(RESULTS + problemId, whole);
  const tests = results.tests.map((test) => ({ ...test, graph: null }));
  return write(RESULTS + problemId, JSON.stringify({ at, results: { ...results, tests } }));
}

// {at: Date, results} or null.
export function loadResults(problemId) {
  try {
    const { at, results } = JSON.parse(read(RESULTS + problemId));
    return Array.isArray(results?.tests) ? { at: new Date(at), results } : null;
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

// "solved", "attempted" (code or results kept: the learner wrote or ran something) or "not-started".
export function progressOf(problemId) {
  if (isSolved(problemId)) return "solved";
  return read(codeKey(problemId)) !== null || read(RESULTS + problemId) !== null ? "attempted" : "not-started";
}
