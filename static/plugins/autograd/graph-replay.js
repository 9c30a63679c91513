// Step through backward(): the pass that made a graph's gradients, replayed from the harness's record of it
// (graph.replay: py/playground/plugins/autograd/replay.py). One step per call of a node's _backward, in the order
// the learner's backward() made them; each step highlights the node and the arrows from its inputs, and says how
// each input's grad changed; the boxes show the grads as they stood then. Previous, Next and Play (or the arrow keys, within the controls), a step counter,
// and the same steps as a table.

import { el } from "../../dom.js";
import { clip } from "./graph-boxes.js";

const PLAY_MS = 1200; // between steps while playing
const stepsCount = (count) => `${count} step${count === 1 ? "" : "s"}`;

function button(text, onClick) {
  const node = el("button", { type: "button", className: "graph-tool", textContent: text });
  node.addEventListener("click", onClick);
  return node;
}

// "x.grad 0 → 1, x*y.grad 0 → 1", or what a step that changed nothing did.
function changes(step, labels) {
  if (!step.grads.length) return "it changed no input's grad";
  return step.grads.map(([input, before, after]) => `${labels.get(input)}.grad ${before === after
    ? `stays ${after}` : `${before} → ${after}`}`).join(", ");
}

function sentence(graph, step, labels) {
  const node = graph.nodes[step.node];
  return `${node.label}'s rule${node.op ? ` (${node.op})` : ""}: ${changes(step, labels)}.`;
}

// What the steps leave out: those of Values a summary does not show, and those past the recording's cap.
function leftOut({ skipped, more }) {
  const parts = [];
  if (skipped) parts.push(`${skipped} step${skipped === 1 ? "" : "s"} of Values not shown here left out`);
  if (more) parts.push(`${more} more step${more === 1 ? "" : "s"} not recorded (a rule ran again and again)`);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

function table(graph, labels) {
  const cell = (text, tag = "td") => el(tag, { textContent: text });
  const head = el("tr", {}, ...["Step", "Rule of", "Input", "grad before", "grad after"].map((name) => {
    const th = cell(name, "th");
    th.scope = "col";
    return th;
  }));
  const rows = graph.replay.steps.flatMap((step, i) => {
    const node = graph.nodes[step.node];
    const of = `${node.label}${node.op ? ` (${node.op})` : ""}`;
    if (!step.grads.length) return [el("tr", {}, cell(String(i + 1)), cell(of), cell("—"), cell("—"), cell("—"))];
    return step.grads.map(([input, before, after]) => el("tr", {}, cell(String(i + 1)), cell(of),
      cell(labels.get(input)), cell(before), cell(after)));
  });
  return el("details", { className: "graph-table" },
    el("summary", { textContent: `The backward pass as a table (${stepsCount(graph.replay.steps.length)})` }),
    el("div", { className: "graph-table-scroll", tabIndex: 0 }, el("table", {}, el("thead", {}, head),
      el("tbody", {}, ...rows))));
}

// Each node's grad as it stood before the first step: the "before" of its first change, else its final grad
// (the output's was seeded before any rule ran).
function startingGrads(graph) {
  const grads = new Map(graph.nodes.map((node) => [node.id, node.grad]));
  const seen = new Set();
  for (const step of graph.replay.steps) {
    for (const [input, before] of step.grads) {
      if (!seen.has(input)) grads.set(input, before);
      seen.add(input);
    }
  }
  return grads;
}

// The grads the boxes show: as they stood after step `at` (before the first, at -1).
function showGrads(svgEl, graph, start, at) {
  const grads = new Map(start);
  for (const step of graph.replay.steps.slice(0, at + 1)) {
    for (const [input, , after] of step.grads) grads.set(input, after);
  }
  for (const [id, grad] of grads) {
    const number = svgEl.querySelector(`.graph-node[data-node-id="${id}"] [data-field="grad"] .graph-number`);
    if (number) number.textContent = clip(grad);
  }
}

// The controls, or null when there is no pass to replay. svgEl: the drawing whose nodes and arrows they light up.
export function replayControls(graph, svgEl) {
  const steps = graph.replay?.steps ?? [];
  if (!steps.length) return null;
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
  const firstGrads = startingGrads(graph);
  let at = -1; // before the first step (the boxes show the final grads until a step is taken)
  let timer = null;
  let stepped = false; // once a step is taken, the boxes follow the steps
  const counter = el("span", { className: "replay-count" });
  const said = el("p", { className: "replay-step" });
  said.setAttribute("aria-live", "polite");
  const previous = button("◀ Previous", () => go(at - 1));
  const next = button("Next ▶", () => go(at + 1));
  const play = button("Play", () => (timer ? pause() : start()));

  function light(step) {
    for (const lit of svgEl.querySelectorAll(".is-step, .is-step-input")) lit.classList.remove("is-step", "is-step-input");
    if (!step) return;
    svgEl.querySelector(`.graph-node[data-node-id="${step.node}"]`)?.classList.add("is-step");
    for (const [input] of step.grads) {
      svgEl.querySelector(`.graph-node[data-node-id="${input}"]`)?.classList.add("is-step-input");
      for (const edge of svgEl.querySelectorAll(`.graph-edge[data-from="${input}"][data-to="${step.node}"]`)) {
        edge.classList.add("is-step");
      }
    }
  }

  function go(index) {
    at = Math.max(-1, Math.min(steps.length - 1, index));
    const step = steps[at];
    counter.textContent = step ? `Step ${at + 1} of ${steps.length}` : stepsCount(steps.length);
    said.textContent = step ? `Step ${at + 1}: ${sentence(graph, step, labels)}`
      : `Step through the rules backward() ran, in its order${leftOut(graph.replay)}.`;
    const focused = document.activeElement;
    previous.disabled = at < 0;
    next.disabled = at >= steps.length - 1;
    if (focused?.disabled) (focused === next ? previous : next).focus(); // a disabled button would drop the focus
    if (next.disabled) pause();
    light(step);
    if (stepped || step) showGrads(svgEl, graph, firstGrads, at);
    stepped ||= Boolean(step);
  }

  function start() {
    if (at >= steps.length - 1) go(-1);
    play.textContent = "Pause";
    timer = setInterval(() => (svgEl.isConnected ? go(at + 1) : pause()), PLAY_MS);
    go(at + 1);
  }

  function pause() {
    clearInterval(timer);
    timer = null;
    play.textContent = "Play";
  }

  const controls = el("div", { className: "graph-tools graph-replay" },
    el("strong", { textContent: "Step through backward()" }), previous, next, play, counter);
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "Step through backward()");
  const wrong = graph.flag?.step;
  if (wrong != null) controls.append(button("Go to the wrong rule", () => { pause(); go(wrong); }));
  controls.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight") go(at + 1);
    else if (event.key === "ArrowLeft") go(at - 1);
    else return;
    event.preventDefault();
  });
  go(-1);
  return el("div", { className: "replay" }, controls, said, table(graph, labels));
}
