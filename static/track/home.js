// The home view: the track's problems in order, each with its title (a link to it), difficulty and the
// learner's progress, as this browser remembers it (storage.js).

import { el } from "../dom.js";
import { HOME, hrefOf } from "./router.js";
import { progressOf } from "./storage.js";

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

function problemItem(problem) {
  return el("li", { className: "track-item", dataset: { problemId: problem.id } },
    el("a", { className: "track-link", href: hrefOf(problem.id), textContent: problem.title }),
    el("span", { className: "track-facts" },
      el("span", { className: "difficulty", textContent: problem.difficulty,
        dataset: { difficulty: String(problem.difficulty).toLowerCase() } }),
      el("span", { textContent: " · ", ariaHidden: "true" }),
      progressBadge(problem.id)));
}

// Fills container with the list; returns the view: {heading (where the focus goes), destroy()}.
export function showHome(container, track) {
  const heading = el("h1", { id: "track-heading", tabIndex: -1, textContent: "Problems" });
  const list = el("ol", { className: "track-list" }, ...track.map(problemItem));
  list.setAttribute("aria-labelledby", heading.id);
  const intro = el("p", { className: "track-intro", textContent: "Build backpropagation one piece at a time. "
    + "Each problem's hidden tests run in your browser; your code and progress are kept in this browser." });
  container.replaceChildren(el("main", { className: "track-view" }, heading, intro, list));
  document.title = "Autograd Playground";
  return { heading, destroy: () => container.replaceChildren() };
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
