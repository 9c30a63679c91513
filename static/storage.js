// The learner's code, kept in localStorage per problem so that a reload or a closed tab loses nothing.

const PREFIX = "autograd-playground:code:";

export function loadCode(problemId) {
  try {
    return localStorage.getItem(PREFIX + problemId);
  } catch {
    return null; // storage blocked (private mode, policy): start from the starter
  }
}

export function saveCode(problemId, code) {
  try {
    localStorage.setItem(PREFIX + problemId, code);
    return true;
  } catch {
    return false;
  }
}

// Save as the learner types (a short debounce), and at once when the page is hidden or left.
export function autosave(problemId, getCode, { delayMs = 300 } = {}) {
  let timer = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    saveCode(problemId, getCode());
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  return { schedule, flush };
}
