// The "Solved" panel: every required test passes. It says so and says what comes next; after the track's last
// problem, it offers the graph the learner's own code built in this run, if it drew one.

import { el } from "../dom.js";
import { graphDisclosure } from "../graph/graph-disclosure.js";

// The graph to offer: the largest one a passed required test drew, so there is something to look at.
function bestGraph(tests) {
  const drawn = tests.filter((test) => test.tier !== "challenge" && test.outcome === "passed" && test.graph?.nodes);
  drawn.sort((a, b) => b.graph.nodes.length - a.graph.nodes.length);
  return drawn.find((test) => !test.graph.note) ?? drawn[0] ?? null; // a note: too many nodes to draw
}

function whatNext(next, graphTest) {
  if (next) {
    const link = el("a", { href: next.href, textContent: next.title });
    return [el("p", {}, "Next: ", link, ".")];
  }
  const end = el("p", {}, "That was the last problem of the track: you have built backpropagation yourself. ",
    el("a", { href: "#/", textContent: "Back to all problems" }), ".");
  return graphTest ? [end, el("p", { textContent: "Look at the graph your code built:" })] : [end];
}

// results: normalized; next: {title, href} of the next problem, or null.
export function completionPanel(results, next) {
  const graphTest = next ? null : bestGraph(results.tests);
  const left = results.challenge.total - results.challenge.passed;
  const challenge = left > 0 ? el("p", {
    textContent: `Want more? ${left === 1 ? "1 challenge test below still fails" : `${left} challenge tests below still fail`}`
      + "; they are optional.",
  }) : null;
  return [
    el("h3", { className: "completion-title" }, el("span", { textContent: "✓ ", ariaHidden: "true" }), "Solved"),
    el("p", { textContent: "Every required test passes." }),
    challenge,
    ...whatNext(next, graphTest),
    graphTest && el("p", { className: "graph-of", textContent: `From “${graphTest.name}”` }),
    graphTest && graphDisclosure(graphTest.graph),
  ].filter(Boolean);
}
