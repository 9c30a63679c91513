// "Show graph": a disclosure button and the panel it opens. The graph view (and dagre with it) is
// loaded the first time any graph is shown, not with the page.

import { el } from "./dom.js";

let viewModule = null;
let panels = 0;

function loadView() {
  viewModule ??= import("./graph-view.js").catch((error) => {
    viewModule = null; // let a later click try again
    throw error;
  });
  return viewModule;
}

// Draws graph into container (already in the page), loading the view on first use; false if it could not load.
export async function showGraph(container, graph) {
  container.replaceChildren(el("p", { className: "graph-note", textContent: "Drawing the graph…" }));
  try {
    const { renderGraph } = await loadView();
    renderGraph(container, graph);
    return true;
  } catch (error) {
    container.replaceChildren(el("p", { className: "graph-note",
      textContent: `The graph view could not load (${error?.message ?? error}). Reload the page to try again.` }));
    return false;
  }
}

// A button "Show graph" (aria-expanded) and its panel. onToggle(open) tells the caller, so it can reopen
// the graph after the next run.
export function graphDisclosure(graph, { open = false, onToggle = () => {} } = {}) {
  const panel = el("div", { className: "graph-panel", id: `graph-panel-${++panels}`, hidden: true });
  const button = el("button", { type: "button", className: "graph-toggle" },
    el("span", { className: "graph-toggle-icon", textContent: "▸" }),
    "Show graph");
  button.firstChild.setAttribute("aria-hidden", "true");
  button.setAttribute("aria-controls", panel.id);
  button.setAttribute("aria-expanded", "false");
  let drawn = false;

  function toggle(show) {
    button.setAttribute("aria-expanded", String(show));
    button.firstChild.textContent = show ? "▾" : "▸";
    panel.hidden = !show;
    if (show && !drawn) {
      drawn = true;
      showGraph(panel, graph).then((ok) => { drawn = ok; }); // a failed load is tried again on the next click
    }
  }

  button.addEventListener("click", () => {
    const show = button.getAttribute("aria-expanded") !== "true";
    toggle(show);
    onToggle(show);
  });
  const wrapper = el("div", { className: "graph-disclosure" }, button, panel);
  if (open) queueMicrotask(() => toggle(true)); // once the wrapper is in the page, so the drawing can be measured
  return wrapper;
}
