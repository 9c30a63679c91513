// The home view: the track's problems in order, each with its title (a link to it), what it builds, difficulty and the
// learner's progress, as this browser remembers it (storage.js): its state, when it last ran and how many
// required tests passed then. It follows changes made in other tabs; progress-panel.js exports and imports it.

import { el } from "../dom.js";
import { HOME, hrefOf } from "./router.js";
import { loadResults, progressOf, storageWorks, watchProgress } from "./storage.js";
import { progressPanel } from "./progress-panel.js";

const PROGRESS = {
  "not-started": { mark: "○", text: "Not started" },
  attempted: { mark: "◐", text: "Attempted" },
  solved: { mark: "✓", text: "Solved" },
  "solved-with-solution": { mark: "✓", text: "Solved with the solution shown" },
};

function progressBadge(problemId) {
  const progress = progressOf(problemId);
  const { mark, text } = PROGRESS[progress];
  return el("span", { className: "progress", dataset: { progress } },
    el("span", { textContent: `${mark} `, ariaHidden: "true" }), text);
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS = [["day", 86_400], ["hour", 3_600], ["minute", 60]];

// "just now", "5 minutes ago", "yesterday"; past a week, the date.
export function whenText(at, now = new Date()) {
  const seconds = (now - at) / 1000;
  if (seconds < 60) return "just now";
  if (seconds > 7 * 86_400) return at.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
  const [unit, size] = UNITS.find(([, size]) => seconds >= size);
  return relative.format(-Math.floor(seconds / size), unit);
}

// "ran 5 minutes ago: 3/4 passed", with the time machine-readable; null when it never ran.
function lastRun(problemId) {
  const last = loadResults(problemId);
  if (!last || Number.isNaN(last.at.getTime())) return null;
  const time = el("time", { dateTime: last.at.toISOString(), title: last.at.toLocaleString("en"),
    textContent: whenText(last.at) });
  const { passed, total, status } = last.results;
  const counts = Number.isInteger(passed) && Number.isInteger(total) ? `: ${passed}/${total} passed` : "";
  // A stopped run's count is not a verdict on the code: "0/3 passed" beside "Solved" would read as a regression.
  if (status === "stopped") return el("span", { className: "last-run" }, "ran ", time, ": stopped before the end");
  return el("span", { className: "last-run" }, "ran ", time, counts);
}

function facts(problem) {
  const run = lastRun(problem.id);
  return el("span", { className: "track-facts" },
    el("span", { className: "difficulty", textContent: problem.difficulty,
      dataset: { difficulty: String(problem.difficulty).toLowerCase() } }),
    el("span", { textContent: " · ", ariaHidden: "true" }),
    progressBadge(problem.id),
    run && el("span", { textContent: " · ", ariaHidden: "true" }), run);
}

function problemItem(problem) {
  return el("li", { className: "track-item", dataset: { problemId: problem.id } },
    el("a", { className: "track-link", href: hrefOf(problem.id), textContent: problem.title }),
    el("p", { className: "track-builds", textContent: problem.builds }), facts(problem));
}

// Fills container with the list; returns the view: {heading (where the focus goes), destroy()}.
// damagedLink: the page was opened on a link it could not read (router.js), said above the list.
export function showHome(container, track, { damagedLink = false } = {}) {
  const control = new AbortController();
  const heading = el("h1", { id: "track-heading", tabIndex: -1, textContent: "Problems" });
  const list = el("ol", { className: "track-list" }, ...track.map(problemItem));
  list.setAttribute("aria-labelledby", heading.id);
  const refresh = () => { // the facts only: a link that has the focus keeps it
    for (const item of list.children) {
      const problem = track.find(({ id }) => id === item.dataset.problemId);
      item.querySelector(".track-facts").replaceWith(facts(problem));
    }
  };
  watchProgress(refresh, control.signal);
  const intro = el("p", { className: "track-intro", textContent: "Build backpropagation one piece at a time. "
    + "Each problem's hidden tests run in your browser; your code and progress are kept in this browser." });
  const panel = progressPanel(track, { onImported: refresh, signal: control.signal });
  const linkNotice = damagedLink ? el("p", { className: "notice notice-error", id: "damaged-link",
    textContent: "The link you followed is damaged, so the problem it points to could not be found. "
      + "Here are all the problems." }) : null;
  container.replaceChildren(el("main", { className: "track-view" }, heading, linkNotice, intro, storageNotice(),
    list, panel));
  document.title = "Autograd Playground";
  return { heading, destroy: () => { control.abort(); container.replaceChildren(); } };
}

// Said plainly when this browser keeps nothing; null when it does.
function storageNotice() {
  if (storageWorks()) return null;
  return el("p", { className: "notice notice-error", id: "storage-blocked", textContent: "This browser is not "
    + "keeping your progress: its storage is blocked (private browsing or a setting) or full. The problems still "
    + "work, but your code is lost when the tab closes: copy it somewhere safe." });
}

// "#/<id>" for an id not in the track (unknown: true), or a problem that could not load (offline, never visited).
export function showMissing(container, id, { unknown }) {
  const heading = el("h1", { tabIndex: -1, textContent: unknown ? "No such problem" : "The problem could not load" });
  const name = el("code", { textContent: id });
  const why = unknown ? el("p", {}, "There is no problem called “", name, "” in this track.")
    : el("p", {}, "The problem “", name, "” could not be loaded. Are you offline?");
  container.replaceChildren(el("main", { className: "track-view" }, heading, why,
    el("p", {}, el("a", { href: HOME, textContent: "See every problem" }))));
  document.title = `${heading.textContent} · Autograd Playground`;
  return { heading, destroy: () => container.replaceChildren() };
}

// While a problem's files load (a moment; longer on a slow network).
export function showLoading(container) {
  container.replaceChildren(el("main", { className: "track-view" },
    el("p", { className: "track-intro", role: "status", textContent: "Loading the problem…" })));
}
