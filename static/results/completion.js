// The "Solved" panel: every required test passes. It says so and says what comes next; after the track's last
// problem, it offers what the plugins have for the end (the graph the learner's own code built in this run).

import { el } from "../dom.js";
import { solvedViews } from "../plugins/plugins.js";

function whatNext(next, result) {
  if (next) {
    const link = el("a", { href: next.href, textContent: next.title });
    return [el("p", {}, "Next: ", link, ".")];
  }
  const end = el("p", {}, "That was the last problem of the track: you have built backpropagation yourself. ",
    el("a", { href: "#/", textContent: "Back to all problems" }), ".");
  return [end, ...solvedViews(result)];
}

// results: normalized; next: {title, href} of the next problem, or null.
export function completionPanel(results, next) {
  const left = results.challenge.total - results.challenge.passed;
  const challenge = left > 0 ? el("p", {
    textContent: `Want more? ${left === 1 ? "1 challenge test below still fails" : `${left} challenge tests below still fail`}`
      + "; they are optional.",
  }) : null;
  return [
    el("h3", { className: "completion-title" }, el("span", { textContent: "✓ ", ariaHidden: "true" }), "Solved"),
    el("p", { textContent: "Every required test passes." }),
    challenge,
    ...whatNext(next, results),
  ].filter(Boolean);
}
