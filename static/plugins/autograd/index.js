// The autograd plugin's views (py/playground/plugins/autograd/): Show graph on a test's entry (a test's
// plugins.autograd.graph), the graphs draw(v) drew below Run code's output (the run's plugins.autograd.graphs),
// and, after the track's last problem, the graph the learner's own code built.

import { el } from "../../dom.js";
import { cancelGraphs, graphDisclosure, showGraph } from "./graph-disclosure.js";

export { cancelGraphs as cancel };

// A drawing of more Values than this is a network's graph: too many boxes to read, so a test does not offer it
// (a summary that holds the doctor's flag still is: it shows the flagged Value and its neighbours).
export const READABLE_VALUES = 60;

function teaches(graph) {
  if (graph.too_large) return Boolean(graph.flag);
  return graph.nodes.length <= READABLE_VALUES;
}

// Closed: only a click lays out a graph. The doctor's sentence is in the test's message already.
export function testView({ graph }, { test, describedBy, keep }) {
  if (!graph) return null;
  if (!teaches(graph)) {
    const values = graph.too_large ? (graph.total?.exact ? graph.total.values : null) : graph.nodes.length;
    const size = values ? `has ${values.toLocaleString("en")} Values, too many` : "is too large";
    return el("p", { className: "graph-note", textContent: `No graph here: this test's graph ${size} to read as a `
      + "drawing. To see one, call draw(v) on a small example in Run code." });
  }
  const disclosure = graphDisclosure(graph, { doctorSaid: Boolean(graph.flag) && test.outcome !== "passed", keep });
  // Every test's button says "Show graph": a screen reader also hears which test's graph it shows.
  disclosure.querySelector(".graph-toggle").setAttribute("aria-describedby", describedBy);
  return disclosure;
}

const drawing = (options) => options.graph !== false; // draw(v) comes with the graph, on unless turned off

export function runCodeHint(options) {
  return drawing(options) ? ", and the graph of any Value passed to draw(v)," : "";
}

// A run that drew nothing says how to, where the problem offers draw(v).
export function scriptView(container, data, options, { keep } = {}) {
  const drawn = data?.graphs ?? [];
  if (!drawn.length && drawing(options)) {
    container.append(el("p", { className: "hint", textContent: "Call draw(v) in your code to see the graph under a Value v." }));
  }
  drawn.forEach((graph, i) => {
    const output = graph.nodes[graph.output];
    const name = output ? `draw(${output.label})` : `draw() #${i + 1}`;
    const panel = el("div", { className: "graph-panel" });
    const section = el("section", { className: "drawn-graph" }, el("h3", { textContent: `Graph ${i + 1}: ${name}` }), panel);
    section.setAttribute("aria-label", `Graph ${i + 1}: ${name}`);
    container.append(section);
    showGraph(panel, graph, { keep });
  });
}

// The graph to offer: the largest one a passed required test drew, so there is something to look at.
function bestGraph(tests) {
  const graphOf = (test) => test.plugins?.autograd?.graph;
  const drawn = tests.filter((test) => test.tier !== "challenge" && test.outcome === "passed" && graphOf(test)?.nodes
    && teaches(graphOf(test)));
  drawn.sort((a, b) => graphOf(b).nodes.length - graphOf(a).nodes.length);
  return drawn.find((test) => !graphOf(test).note) ?? drawn[0] ?? null; // a note: too many nodes to draw
}

export function solvedViews(result) {
  const test = bestGraph(result.tests);
  if (!test) return [];
  return [el("p", { textContent: "Look at the graph your code built:" }),
    el("p", { className: "graph-of", textContent: `From “${test.name}”` }),
    graphDisclosure(test.plugins.autograd.graph)];
}
