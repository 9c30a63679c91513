// The "Solved" panel: every required test passes. It says so, says what comes next and, until there
// is a next problem, offers the graph the learner's own code built in this run.

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
    return el("p", {}, "Next: ", link, ".");
  }
  const soon = "The next problem in the track is on its way.";
  return el("p", { textContent: graphTest ? `${soon} Meanwhile, look at the graph your code built:` : soon });
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
    whatNext(next, graphTest),
    graphTest && el("p", { className: "graph-of", textContent: `From “${graphTest.name}”` }),
    graphTest && graphDisclosure(graphTest.graph),
  ].filter(Boolean);
}
