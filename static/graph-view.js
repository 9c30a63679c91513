// The graph view: what the gradient doctor found, the drawing (pan and zoom), and the same graph as a table.
// Loaded on demand (dynamic import), so dagre stays out of the page's first download.
//
// graph: the harness's JSON for one graph: {nodes, edges, output, note, too_large, flag, doctor_note}.

import { el, fmt } from "./dom.js";
import { drawGraph, layout } from "./graph-svg.js";
import { panZoom } from "./pan-zoom.js";
import "./graph.css";

const MIN_START_SCALE = 0.75; // below this text is unreadable: start at the flagged node (or the output) instead

function doctorText(graph) {
  const parts = [];
  if (graph.flag) {
    parts.push(el("p", { className: "graph-flag" },
      el("strong", { textContent: "⚠ Gradient doctor: " }), graph.flag.sentence));
  }
  for (const note of [graph.note, graph.doctor_note]) {
    if (note) parts.push(el("p", { className: "graph-note", textContent: note }));
  }
  if (graph.nodes.length && !parts.length) {
    parts.push(el("p", { className: "graph-ok", textContent:
      "✓ Gradient doctor: every Value's data and grad agree with the local rules of +, * and relu." }));
  }
  return parts;
}

function summary(graph) {
  const count = graph.nodes.length;
  const output = graph.nodes[graph.output];
  let text = `Computation graph of ${count} Value${count === 1 ? "" : "s"}`;
  if (output) text += `, ending at ${output.label}`;
  text += ".";
  if (graph.flag) text += ` The gradient doctor flags ${graph.flag.label}: ${graph.flag.sentence}.`;
  return `${text} The table below lists every Value.`;
}

function table(graph) {
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
  const inputs = new Map(graph.nodes.map((node) => [node.id, []]));
  for (const [from, to] of graph.edges) inputs.get(to)?.push(labels.get(from));
  const cell = (text, tag = "td") => el(tag, { textContent: text });
  const head = el("tr", {}, ...["Value", "op", "data", "grad", "inputs", "gradient doctor"]
    .map((name) => { const th = cell(name, "th"); th.scope = "col"; return th; }));
  const rows = graph.nodes.map((node) => {
    const name = cell(node.id === graph.output ? `${node.label} (output)` : node.label, "th");
    name.scope = "row";
    const row = el("tr", {}, name, cell(node.op || "leaf"), cell(fmt(node.data)), cell(fmt(node.grad)),
      cell(inputs.get(node.id).join(", ") || "—"),
      cell(node.flag ? `⚠ ${node.flag.sentence}` : ""));
    if (node.flag) row.className = "is-flagged";
    return row;
  });
  const count = graph.nodes.length;
  return el("details", { className: "graph-table" },
    el("summary", { textContent: `The graph as a table (${count} Value${count === 1 ? "" : "s"})` }),
    el("div", { className: "graph-table-scroll", tabIndex: 0 }, // focusable: a wide table scrolls
      el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows))));
}

function toolButton(text, label, onClick) {
  const button = el("button", { type: "button", className: "graph-tool", textContent: text });
  button.setAttribute("aria-label", label);
  button.title = label;
  button.addEventListener("click", onClick);
  return button;
}

function drawing(container, graph) {
  const figure = el("div", { className: "graph-figure" });
  container.append(figure); // in the page first, so its width can be measured
  const available = figure.clientWidth || 600;
  const placed = layout(graph, available < 560 ? "BT" : "LR"); // narrow screens: inputs below, output on top
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
    const fits = Math.min(1, width / bounds.width, height / bounds.height);
    if (fits >= MIN_START_SCALE || !focus) return { cx: bounds.width / 2, cy: bounds.height / 2, scale: fits };
    // as near the focus as the drawing allows, without empty space beyond its edges
    const near = (at, size, seen) => (size <= seen ? size / 2 : Math.min(size - seen / 2, Math.max(seen / 2, at)));
    return { cx: near(focus.x, bounds.width, width / MIN_START_SCALE),
      cy: near(focus.y, bounds.height, height / MIN_START_SCALE), scale: MIN_START_SCALE };
  }

  const tools = el("div", { className: "graph-tools" });
  tools.setAttribute("role", "group");
  tools.setAttribute("aria-label", "Zoom");
  figure.append(tools, svgEl);
  const view = panZoom(svgEl, bounds, start);
  tools.append(
    toolButton("+", "Zoom in", view.zoomIn),
    toolButton("−", "Zoom out", view.zoomOut),
    toolButton("Reset", "Reset the view", view.reset),
    el("span", { className: "graph-hint",
      textContent: "Drag to move; to zoom, pinch, or click and use the wheel. Blue border: the output." }));
}

// Fills container (already in the page) with the view of one graph.
export function renderGraph(container, graph) {
  container.classList.add("graph-view");
  container.replaceChildren(...doctorText(graph));
  if (!graph.nodes.length) return; // the note says why there is no drawing
  drawing(container, graph);
  container.append(table(graph));
}
