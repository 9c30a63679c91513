// Predict, then reveal: before stepping through backward(), the learner guesses a Value's .grad (the doctor's
// flagged Value first, when there is one); Check says right or wrong, within the tests' tolerance, with the value
// and the steps of backward() that made it ("from z's rule (+): 0 → 1, then x*y's rule (*): 1 → -3").

import { el } from "../../dom.js";

const TOLERANCE = 1e-6; // relative, as the hidden tests compare gradients

function close(guess, actual) {
  return Math.abs(guess - actual) <= TOLERANCE * Math.max(1, Math.abs(actual));
}

// How node's grad came to be: each step that changed it, in order.
function madeBy(graph, node) {
  const parts = (graph.replay?.steps ?? []).flatMap((step) => step.grads
    .filter(([input, before, after]) => input === node.id && before !== after)
    .map(([, before, after]) => {
      const rule = graph.nodes[step.node];
      return `${rule.label}'s rule${rule.op ? ` (${rule.op})` : ""}: ${before} → ${after}`;
    }));
  if (node.id === graph.output) parts.unshift("backward() seeds the output with 1");
  return parts.length ? ` It came from ${parts.join(", then ")}.` : "";
}

// The form, or null when the graph has no Value with a numeric grad to guess.
export function predictForm(graph) {
  const guessable = graph.nodes.filter((node) => Number.isFinite(Number(node.grad)));
  if (!guessable.length) return null;
  const choice = el("select", {}, ...guessable.map((node) => el("option", { value: String(node.id),
    textContent: node.label })));
  const flagged = graph.flag?.node;
  if (guessable.some((node) => node.id === flagged)) choice.value = String(flagged);
  const guess = el("input", { type: "text", inputMode: "decimal", size: 8, autocomplete: "off" });
  const result = el("p", { className: "predict-result" });
  result.setAttribute("aria-live", "polite");
  const form = el("form", { className: "predict" },
    el("label", {}, "Predict ", choice), el("label", {}, ".grad: ", guess),
    el("button", { type: "submit", className: "graph-tool", textContent: "Check" }), result);
  form.setAttribute("aria-label", "Predict a gradient");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const node = graph.nodes[Number(choice.value)];
    const said = Number(guess.value.trim().replace("−", "-"));
    if (!guess.value.trim() || !Number.isFinite(said)) {
      result.textContent = "Type a number, such as -3 or 0.5.";
      return;
    }
    const actual = Number(node.grad);
    result.dataset.verdict = close(said, actual) ? "right" : "wrong";
    result.textContent = `${close(said, actual) ? "Right" : `Not quite: you said ${said}`}: ${node.label}.grad is ${
      node.grad}.${madeBy(graph, node)}`;
  });
  return form;
}
