// Predict, then reveal: before stepping through backward(), the learner guesses a Value's .grad (the doctor's
// flagged Value first, when there is one); Check says right or wrong, within the tests' tolerance, with the value
// and the steps of backward() that made it ("from z's rule (+): 0 → 1, then x*y's rule (*): 1 → -3"). The guesses
// are kept with the problem's progress (plugins.js keep), and the form says how many were right.

import { el } from "../../dom.js";

const TOLERANCE = 1e-6; // relative, as the hidden tests compare gradients
const KEPT_GUESSES = 200; // the latest ones

// The guesses kept for the problem: [{value, guess, grad, right, at}], oldest first ([] when none, or damaged).
function keptGuesses(keep) {
  const guesses = keep?.load()?.guesses;
  return Array.isArray(guesses) ? guesses.filter((guess) => typeof guess?.right === "boolean") : [];
}

function tally(guesses) {
  if (!guesses.length) return "";
  const right = guesses.filter((guess) => guess.right).length;
  return `Your guesses on this problem so far: ${guesses.length}, ${right} right.`;
}

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
  if (node.id === graph.output) parts.unshift("backward()'s seed of 1 for the output");
  return parts.length ? ` It came from ${parts.join(", then ")}.` : "";
}

// The form, or null when the graph has no Value with a numeric grad to guess.
// keep: where the guesses are kept ({load, save}), or null.
export function predictForm(graph, keep = null) {
  const guessable = graph.nodes.filter((node) => Number.isFinite(Number(node.grad)));
  if (!guessable.length) return null;
  const choice = el("select", {}, ...guessable.map((node) => el("option", { value: String(node.id),
    textContent: node.label })));
  const flagged = graph.flag?.node;
  if (guessable.some((node) => node.id === flagged)) choice.value = String(flagged);
  const guess = el("input", { type: "text", inputMode: "decimal", size: 8, autocomplete: "off" });
  const result = el("p", { className: "predict-result" });
  result.setAttribute("aria-live", "polite");
  const record = el("p", { className: "predict-tally", textContent: tally(keptGuesses(keep)) });
  const form = el("form", { className: "predict" },
    el("label", {}, "Predict ", choice), el("label", {}, ".grad: ", guess),
    el("button", { type: "submit", className: "graph-tool", textContent: "Check" }), result, record);
  form.setAttribute("aria-label", "Predict a gradient");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const node = graph.nodes[Number(choice.value)];
    const said = Number(guess.value.trim().replace("−", "-"));
    if (!guess.value.trim() || !Number.isFinite(said)) {
      delete result.dataset.verdict; // neither right nor wrong: not in the last verdict's colour
      result.textContent = "Type a number, such as -3 or 0.5.";
      return;
    }
    // At the doctor's flag the engine broke a rule: the right answer is the rules' value, not the engine's.
    const flag = graph.flag?.node === node.id && graph.flag.field === "grad" ? graph.flag : null;
    const actual = Number(flag ? flag.expected : node.grad);
    const right = close(said, actual);
    const value = flag ? `${node.label}.grad should be ${flag.expected} by the local rules, and your engine made it ${
      node.grad}` : `${node.label}.grad is ${node.grad}`;
    result.dataset.verdict = right ? "right" : "wrong";
    result.textContent = `${right ? "Right" : `Not quite: you said ${said}`}: ${value}.${madeBy(graph, node)}`;
    if (keep) {
      const guesses = [...keptGuesses(keep), { value: node.label, guess: said, grad: actual, right,
        at: new Date().toISOString() }].slice(-KEPT_GUESSES);
      record.textContent = keep.save({ ...keep.load(), guesses }) ? tally(guesses)
        : "This browser could not keep your guess (its storage is full or blocked).";
    }
  });
  return form;
}
