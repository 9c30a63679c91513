// A module worker that places a graph's boxes with dagre, so a slow layout never blocks the page.
// Message in: {graph, rankdir}; out: {nodes: [{id, x, y, width, height, lines}], edges: [{from, to, uses, points}],
// width, height}, or {error}.

import dagre from "@dagrejs/dagre";
import { nodeLines, nodeSize } from "./graph-boxes.js";

function layout(graph, rankdir) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep: 22, ranksep: 56, edgesep: 14, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map();
  for (const node of graph.nodes) {
    lines.set(node.id, nodeLines(node));
    g.setNode(String(node.id), nodeSize(node, lines.get(node.id)));
  }
  graph.edges.forEach(([from, to], i) => g.setEdge(String(from), String(to), {}, `use${i}`));
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const { x, y, width, height } = g.node(String(node.id));
    return { id: node.id, x, y, width, height, lines: lines.get(node.id) };
  });
  const edges = graph.edges.map(([from, to, uses = 1], i) =>
    ({ from, to, uses, points: g.edge({ v: String(from), w: String(to), name: `use${i}` }).points }));
  const { width, height } = g.graph();
  return { nodes, edges, width, height };
}

self.onmessage = ({ data }) => {
  try {
    self.postMessage(layout(data.graph, data.rankdir));
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
