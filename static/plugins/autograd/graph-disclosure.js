// "Show graph": a disclosure button and the panel it opens. The graph view is loaded the first time any graph
// is shown, not with the page; each drawing can be stopped (the panel closed, a new run started).

import { el } from "../../dom.js";

let viewModule = null;
let panels = 0;
const drawing = new Map(); // container → the AbortController of the drawing in progress there

function loadView() {
  viewModule ??= import("./graph-view.js").catch((error) => {
    viewModule = null; // let a later click try again
    throw error;
  });
  return viewModule;
}

function note(text) {
  return el("p", { className: "graph-note", textContent: text });
}

// Draws graph into container (already in the page), loading the view on first use. Resolves to true once
// drawn; false if it could not be drawn or was stopped (the container then says so).
// doctorSaid: the doctor's sentence is already on the page (in the test's message), so the view leaves it out.
// keep: where the learner's guesses are kept (plugins.js), or none.
export async function showGraph(container, graph, { doctorSaid = false, keep = null } = {}) {
  drawing.get(container)?.abort();
  const control = new AbortController();
  drawing.set(container, control);
  container.replaceChildren(note("Drawing the graph…"));
  try {
    const { renderGraph } = await loadView();
    await renderGraph(container, graph, control.signal, { doctorSaid, keep });
    return true;
  } catch (error) {
    if (!control.signal.aborted) {
      container.replaceChildren(note(`The graph could not be drawn (${error?.message ?? error}). Reload the page to try again.`));
    } else if (container.isConnected) {
      const again = el("button", { type: "button", className: "graph-toggle", textContent: "Draw the graph" });
      again.addEventListener("click", () => showGraph(container, graph, { doctorSaid, keep }));
      container.replaceChildren(note("Drawing stopped."), again);
    }
    return false;
  } finally {
    if (drawing.get(container) === control) drawing.delete(container);
  }
}

// Stops every drawing in progress inside root: a new run is starting there.
export function cancelGraphs(root) {
  for (const [container, control] of drawing) {
    if (root.contains(container)) control.abort();
  }
}

// A button "Show graph" (aria-expanded) and its panel. It starts closed, also after a new run: only the
// learner's click lays out a graph.
export function graphDisclosure(graph, { doctorSaid = false, keep = null } = {}) {
  const panel = el("div", { className: "graph-panel", id: `graph-panel-${++panels}`, hidden: true });
  const button = el("button", { type: "button", className: "graph-toggle" },
    el("span", { className: "graph-toggle-icon", textContent: "▸" }),
    "Show graph");
  button.firstChild.setAttribute("aria-hidden", "true");
  button.setAttribute("aria-controls", panel.id);
  button.setAttribute("aria-expanded", "false");
  let drawn = false; // or being drawn
  let attempt = 0; // which drawing's outcome counts: the last one started

  button.addEventListener("click", () => {
    const show = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(show));
    button.firstChild.textContent = show ? "▾" : "▸";
    panel.hidden = !show;
    if (show && !drawn) {
      drawn = true;
      const mine = ++attempt;
      showGraph(panel, graph, { doctorSaid, keep }).then((ok) => { if (mine === attempt) drawn = ok; }); // else tried again on the next click
    } else if (!show && drawing.has(panel)) { // closed before the layout was done: drawn again on the next click
      cancelGraphs(panel);
      drawn = false;
      attempt++;
    }
  });
  return el("div", { className: "graph-disclosure" }, button, panel);
}
