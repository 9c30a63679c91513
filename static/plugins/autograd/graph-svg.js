// Drawing a computation graph as SVG: dagre has placed the boxes (graph-layout.js), we draw them with DOM calls.
// One box per Value (its label, op, data and grad); one arrow per use, from an input to what it made.

import { CHAR, FONT, LINE, PAD, clip } from "./graph-boxes.js";
import { svg } from "../../dom.js";

let drawings = 0; // makes each drawing's marker ids unique on the page

// A smooth path through dagre's points. Parallel edges (x + x) are moved apart by `offset` px, ends
// included, and bowed, so that each use shows as an arrow of its own.
function edgePath(points, offset) {
  const first = points[0];
  const last = points[points.length - 1];
  const length = Math.hypot(last.x - first.x, last.y - first.y) || 1;
  const nx = -(last.y - first.y) / length;
  const ny = (last.x - first.x) / length;
  const pts = points.map((p, i) => {
    const shift = i === 0 || i === points.length - 1 ? offset : offset * 2;
    return { x: p.x + nx * shift, y: p.y + ny * shift };
  });
  const at = (p) => `${p.x},${p.y}`;
  if (pts.length === 2) return `M${at(pts[0])}L${at(pts[1])}`;
  let d = `M${at(pts[0])}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const next = pts[i + 1];
    const end = i === pts.length - 2 ? next : { x: (pts[i].x + next.x) / 2, y: (pts[i].y + next.y) / 2 };
    d += `Q${at(pts[i])} ${at(end)}`;
  }
  return d;
}

function drawNode(node, box, isOutput) {
  const x = box.x - box.width / 2;
  const y = box.y - box.height / 2;
  const group = svg("g", { class: "graph-node", transform: `translate(${x},${y})`, "data-node-id": node.id });
  group.dataset.label = node.label ?? "";
  if (node.flag) group.dataset.flagged = node.flag.field;
  if (isOutput) group.dataset.output = "true";
  group.append(svg("rect", { class: "graph-box", width: box.width, height: box.height, rx: 6 }));
  const baseline = PAD + FONT;
  group.append(svg("text", { class: "graph-label", x: PAD, y: baseline }, clip(node.label || "?")));
  if (node.op) {
    const op = clip(node.op);
    const width = op.length * CHAR + 8;
    group.append(
      svg("rect", { class: "graph-op-box", x: box.width - PAD - width, y: PAD - 2, width, height: LINE, rx: 4 }),
      svg("text", { class: "graph-op", x: box.width - PAD - width / 2, y: baseline, "text-anchor": "middle" }, op));
  }
  box.lines.forEach((line, i) => {
    const y = baseline + (i + 1) * LINE;
    if (line.flag) {
      group.append(svg("rect", { class: "graph-flag-box", x: 2, y: y - FONT, width: box.width - 4, height: LINE, rx: 3 }));
    }
    if (line.flag || line.more) {
      return group.append(svg("text", { class: line.flag ? "graph-flag-text" : "graph-more", x: PAD, y }, line.text));
    }
    const text = svg("text", { class: line.wrong ? "graph-value graph-wrong" : "graph-value", x: PAD, y,
      "data-field": line.field });
    text.append(svg("tspan", { class: "graph-field" }, `${line.field} `),
      svg("tspan", { class: "graph-number" }, line.text.slice(line.field.length + 1)));
    group.append(text);
  });
  return group;
}

// The whole drawing, sized to dagre's layout; the caller sets the viewBox (pan-zoom.js).
export function drawGraph(graph, placed, label) {
  const id = `graph-arrow-${++drawings}`;
  const root = svg("svg", { class: "graph-svg", role: "img", "aria-label": label, tabindex: 0 });
  const marker = svg("marker",
    { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(svg("path", { class: "graph-arrow", d: "M0,0L10,5L0,10z" }));
  const defs = svg("defs");
  defs.append(marker);
  const edges = svg("g", { class: "graph-edges" });
  const key = (edge) => `${edge.from}-${edge.to}`;
  const total = new Map(); // uses of the same input by the same Value (x + x: 2)
  for (const edge of placed.edges) total.set(key(edge), (total.get(key(edge)) ?? 0) + 1);
  const drawn = new Map();
  for (const edge of placed.edges) {
    const k = drawn.get(key(edge)) ?? 0;
    drawn.set(key(edge), k + 1);
    const offset = (k - (total.get(key(edge)) - 1) / 2) * 16;
    edges.append(svg("path", { class: "graph-edge", d: edgePath(edge.points, offset), "marker-end": `url(#${id})`,
      "data-from": edge.from, "data-to": edge.to }));
    if (edge.uses > 1) { // a summary's merged edge: the count of uses at its middle
      const middle = edge.points[Math.floor(edge.points.length / 2)];
      edges.append(svg("text", { class: "graph-uses", x: middle.x, y: middle.y - 4, "text-anchor": "middle" },
        `×${edge.uses}`));
    }
  }
  const nodes = svg("g", { class: "graph-nodes" });
  for (const node of graph.nodes) nodes.append(drawNode(node, placed.nodes.get(node.id), node.id === graph.output));
  root.append(defs, edges, nodes);
  return root;
}
