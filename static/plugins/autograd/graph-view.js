// The graph view: what the gradient doctor found, the drawing (pan and zoom), and the same graph as a table.
// Loaded on demand (dynamic import), so dagre stays out of the page's first download.
//
// graph: the harness's JSON for one graph: {nodes, edges, output, note, too_large, total, flag, doctor_note, replay};
// too_large: nodes holds only a summary of the graph, whose size is total, and its edges are merged per pair
// of Values ([input, output, uses]) where the whole graph has one edge per use ([input, output]).

import { el } from "../../dom.js";
import { codeParts } from "../../results/learner-text.js";
import { withCode } from "../../results/result-card.js";
import { fits, layoutOffThread } from "./graph-layout.js";
import { predictForm } from "./graph-predict.js";
import { replayControls } from "./graph-replay.js";
import { drawGraph } from "./graph-svg.js";
import { panZoom } from "./pan-zoom.js";
import "./graph.css";

const MIN_START_SCALE = 0.75; // below this text is unreadable: start at the flagged node (or the output) instead

function doctorText(graph, doctorSaid) {
  const parts = [];
  if (graph.flag && !doctorSaid) {
    parts.push(el("p", { className: "graph-flag" },
      el("strong", { textContent: "⚠ Gradient doctor: " }), ...withCode(graph.flag.sentence)));
  }
  const exact = exactValues(graph.flag);
  if (exact) parts.push(el("p", { className: "graph-note graph-exact", textContent: exact }));
  for (const note of [graph.note, graph.doctor_note]) {
    if (note) parts.push(el("p", { className: "graph-note", textContent: note }));
  }
  if (graph.nodes.length && !graph.flag && !parts.length) {
    parts.push(el("p", { className: "graph-ok", textContent:
      "✓ Gradient doctor: every Value's data and grad agree with the local rules of their operations." }));
  }
  return parts;
}

// The doctor's sentence rounds numbers to 6 significant digits, as the tests compare them; the flag carries them
// whole. When the rounding hid digits, they are given in full.
function exactValues(flag) {
  if (!flag || (flag.sentence.includes(flag.actual) && flag.sentence.includes(flag.expected))) return null;
  const name = /^[\w.]+$/.test(flag.label) ? flag.label : `(${flag.label})`;
  return `In full: ${name}.${flag.field} is ${flag.actual}; it should be ${flag.expected}.`;
}

function counted(count, noun) {
  return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
}

// "7 Values" for a whole graph; "7 of its 10,002 Values" for a summary.
function shownCount(graph) {
  if (!graph.too_large) return counted(graph.nodes.length, "Value");
  return `${graph.nodes.length} of its ${graph.total?.exact ? counted(graph.total.values, "Value") : "many Values"}`;
}

// A sentence read aloud or put in a cell: its code spans without their backticks.
const plain = (text) => codeParts(text).map((part) => part.text).join("");

function summary(graph) {
  const output = graph.nodes[graph.output];
  let text = `Computation graph${graph.too_large ? ", in part" : ""}: ${shownCount(graph)}`;
  if (output) text += `, ending at ${output.label}`;
  text += ".";
  if (graph.flag) text += ` The gradient doctor flags ${graph.flag.label}: ${plain(graph.flag.sentence)}.`;
  return `${text} The table below lists every Value shown.`;
}

function rows(graph) {
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
  const inputs = new Map(graph.nodes.map((node) => [node.id, []]));
  for (const [from, to, uses = 1] of graph.edges) inputs.get(to)?.push(labels.get(from) + (uses > 1 ? ` ×${uses}` : ""));
  const cell = (text, tag = "td") => el(tag, { textContent: text });
  const head = el("tr", {}, ...["Value", "op", "data", "grad", "inputs", "gradient doctor"]
    .map((name) => { const th = cell(name, "th"); th.scope = "col"; return th; }));
  const body = graph.nodes.map((node) => {
    const name = cell(node.id === graph.output ? `${node.label} (output)` : node.label, "th");
    name.scope = "row";
    const shownInputs = [...inputs.get(node.id), ...(node.hidden ? [`+${node.hidden} not shown`] : [])];
    const row = el("tr", {}, name, cell(node.op || "leaf"), cell(node.data), cell(node.grad),
      cell(shownInputs.join(", ") || "—"),
      cell(node.flag ? `⚠ ${plain(node.flag.sentence)}` : ""));
    if (node.flag) row.className = "is-flagged";
    return row;
  });
  return [el("thead", {}, head), el("tbody", {}, ...body)];
}

// The same graph as a table, filled when first opened: hundreds of rows nobody opened would only slow the drawing.
function table(graph) {
  const grid = el("table");
  const details = el("details", { className: "graph-table" },
    el("summary", { textContent: `The graph as a table (${shownCount(graph)})` }),
    el("div", { className: "graph-table-scroll", tabIndex: 0 }, grid)); // focusable: a wide table scrolls
  details.addEventListener("toggle", () => {
    if (details.open && !grid.rows.length) grid.append(...rows(graph));
  });
  return details;
}

function toolButton(text, label, onClick) {
  const button = el("button", { type: "button", className: "graph-tool", textContent: text });
  button.setAttribute("aria-label", label);
  button.title = label;
  button.addEventListener("click", onClick);
  return button;
}

// The drawing, in figure (already in the page, and measured to choose the layout's direction).
function drawing(figure, graph, placed, keep) {
  const available = figure.clientWidth || 600;
  const bounds = { x: 0, y: 0, width: placed.width, height: placed.height };
  const maxHeight = Math.max(200, Math.min(480, window.innerHeight * 0.6));
  const fit = Math.min(1, available / bounds.width, maxHeight / bounds.height);
  const scale = Math.max(fit, MIN_START_SCALE);
  const svgEl = drawGraph(graph, placed, summary(graph));
  svgEl.style.height = `${Math.max(140, Math.min(maxHeight, bounds.height * scale))}px`;
  const focus = placed.nodes.get(graph.flag?.node ?? graph.output);

  function start() { // the whole graph when it fits readably; else the flagged node, or the output
    const width = svgEl.clientWidth || available;
    const height = svgEl.clientHeight || maxHeight;
    const whole = Math.min(1, width / bounds.width, height / bounds.height);
    if (whole >= MIN_START_SCALE || !focus) return { cx: bounds.width / 2, cy: bounds.height / 2, scale: whole };
    // as near the focus as the drawing allows, without empty space beyond its edges
    const near = (at, size, seen) => (size <= seen ? size / 2 : Math.min(size - seen / 2, Math.max(seen / 2, at)));
    return { cx: near(focus.x, bounds.width, width / MIN_START_SCALE),
      cy: near(focus.y, bounds.height, height / MIN_START_SCALE), scale: MIN_START_SCALE };
  }

  const tools = el("div", { className: "graph-tools" });
  tools.setAttribute("role", "group");
  tools.setAttribute("aria-label", "Zoom");
  figure.append(tools, svgEl);
  figure.after(...[predictForm(graph, keep), replayControls(graph, svgEl)].filter(Boolean)); // guess, then watch
  const view = panZoom(svgEl, bounds, start);
  tools.append(
    toolButton("+", "Zoom in", view.zoomIn),
    toolButton("−", "Zoom out", view.zoomOut),
    toolButton("Reset", "Reset the view", view.reset),
    toolButton("Whole", "Show the whole graph", view.whole),
    el("span", { className: "graph-hint",
      textContent: "Drag to move; to zoom, pinch, or click and use the wheel. Blue border: the output." }));
}

// Fills container (already in the page) with the view of one graph: the doctor's words at once, the drawing
// once the layout worker has placed it. Rejects with signal.reason if signal aborts first.
export async function renderGraph(container, graph, signal, { doctorSaid = false, keep = null } = {}) {
  container.classList.add("graph-view");
  container.replaceChildren(...doctorText(graph, doctorSaid));
  if (!graph.nodes.length) return; // the note says why there is no drawing
  if (!fits(graph)) { // py/playground/graph.py sends a summary instead: this page and its Python disagree
    container.append(el("p", { className: "graph-note", textContent: `${shownCount(graph)}: too many to draw here.` }));
    return;
  }
  const pending = el("p", { className: "graph-note", textContent: "Laying out the graph…" });
  const figure = el("div", { className: "graph-figure" });
  container.append(pending, figure); // in the page first, so its width can be measured
  const rankdir = (figure.clientWidth || 600) < 560 ? "BT" : "LR"; // narrow screens: inputs below, output on top
  const placed = await layoutOffThread(graph, rankdir, signal);
  pending.remove();
  drawing(figure, graph, { ...placed, nodes: new Map(placed.nodes.map((box) => [box.id, box])) }, keep);
  container.append(table(graph));
}
