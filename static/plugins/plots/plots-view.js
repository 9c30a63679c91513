// The training plot on the page: progress (step N of M, time left), the loss curve (uPlot, on canvas) with the
// last run's faded beside it, the decision boundary (boundary-canvas.js), a text summary, and the numbers in a
// table behind a <details>. Everything from the learner's code goes in as text.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { el } from "../../dom.js";
import { drawBoundary } from "./boundary-canvas.js";
import { MAX_ROWS, aligned, axisNumber, formatLoss, growthNote, logScale, tableRows } from "./curve.js";

const HEIGHT = 220;

const TWO_CLASSES = "Decision boundary: blue where the model says 1, orange where it says −1; the points: ● label 1, "
  + "▲ label −1.";
const THREE_CLASSES = "Decision regions: each place in the colour of the class the model picks, blue for 0, orange for "
  + "1, green for 2; the points: ● class 0, ▲ class 1, ■ class 2.";

export function createPlotsView(region) {
  const progress = el("progress", { className: "plot-progress", max: 1, value: 0 });
  const progressText = el("span", { id: "plot-progress-text" });
  progress.setAttribute("aria-labelledby", "plot-progress-text");
  const note = el("p", { className: "plot-note", hidden: true });
  const summary = el("p", { className: "plot-summary" });
  summary.setAttribute("aria-live", "polite");
  const curve = el("div", { className: "plot-curve", role: "img" });
  const legend = el("p", { className: "plot-legend" });
  const canvas = el("canvas", { className: "plot-boundary", role: "img" });
  const caption = el("figcaption");
  const boundaryFigure = el("figure", { className: "plot-figure", hidden: true }, canvas, caption);
  const tableBody = el("tbody");
  const table = el("details", { className: "plot-table" }, el("summary", { textContent: "The loss, as a table" }),
    el("table", {},
      el("caption", { textContent: `Loss at each reported step (at most ${MAX_ROWS} rows, evenly spaced)` }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "Step" }),
        el("th", { scope: "col", textContent: "Loss" }))), tableBody));
  region.append(el("p", { className: "plot-progress-line" }, progress, " ", progressText), note, summary,
    el("div", { className: "plot-figures" }, el("figure", { className: "plot-figure" }, curve, legend), boundaryFigure),
    table);
  let chart = null;
  let drawnRows = null;
  // The curve takes the width the boundary leaves it, as the page's width changes too.
  new ResizeObserver(() => chart?.setSize({ width: chartWidth(), height: HEIGHT })).observe(curve);
  const chartWidth = () => Math.max(240, Math.floor(curve.clientWidth));

  function chartOptions(width, log) {
    const style = getComputedStyle(region);
    const colour = (name) => style.getPropertyValue(name).trim();
    const axis = { stroke: colour("--fg"), grid: { stroke: colour("--border"), width: 1 }, ticks: { show: false } };
    const lossAxis = { ...axis, label: log ? "loss (log scale)" : "loss", size: 60,
      values: (u, splits) => splits.map((value) => (value == null ? "" : axisNumber(value))) };
    return {
      width, height: HEIGHT, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: [{ ...axis, label: "step" }, lossAxis],
      series: [{}, { label: "this run", stroke: colour("--plot-this"), width: 2, spanGaps: true },
        { label: "previous run", stroke: colour("--plot-previous"), width: 1.5, dash: [6, 4], spanGaps: true }],
    };
  }

  let chartIsLog = false;
  function drawCurve(plot, previous) {
    const data = aligned(plot, previous);
    const log = logScale([...data[1], ...data[2]]);
    if (chart && log !== chartIsLog) { // a scale is set when a chart is made
      chart.destroy();
      chart = null;
    }
    chartIsLog = log;
    if (!chart) chart = new uPlot(chartOptions(chartWidth(), log), data, curve);
    else chart.setData(data);
    legend.textContent = (previous ? "Solid blue: this run. Dashed orange: the run before, to compare."
      : "The loss after each reported step.")
      + (log ? " The loss axis is logarithmic: the losses span more than three powers of ten." : "");
  }

  let last = null; // what draw() was last given: drawn again when the colour scheme changes
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!region.isConnected) return; // the learner left the problem
    chart?.destroy(); // its colours are the old scheme's
    chart = null;
    if (last) view.draw(...last);
  });

  const view = {
    draw(plot, { running, seconds, stopped, previous, timeLimit }) {
      last = [plot, { running, seconds, stopped, previous, timeLimit }];
      region.hidden = false;
      const step = plot.last?.[0] ?? 0;
      progress.max = plot.total ?? Math.max(step, 1);
      progress.value = Math.min(step, progress.max);
      const of = plot.total ? ` of ${plot.total}` : "";
      progressText.textContent = running
        ? `Step ${step}${of} · ${Math.max(0, timeLimit - seconds).toFixed(0)} s left of the ${timeLimit} s time limit`
        : `Step ${step}${of} · ${seconds.toFixed(1)} s`;
      note.hidden = !stopped;
      note.textContent = stopped ? stopNote(step, plot.total, stopped.reason === "time"
        ? `by the time limit (${timeLimit} s)` : "by you") : "";
      const lastLoss = plot.last ? `last loss ${formatLoss(plot.last[1])}` : "no loss plotted";
      const where = plot.boundary?.classes ? "in their class's region" : "on their side of the boundary";
      const accuracy = plot.boundary?.accuracy != null ? `, ${Math.round(plot.boundary.accuracy * 100)}% of the ${
        plot.boundary.points.length} points ${where}` : "";
      const grew = growthNote(plot);
      const text = `Training plot: ${plot.count} step${plot.count === 1 ? "" : "s"} reported${of ? `${of} planned` : ""}, ${
        lastLoss}${accuracy}.${grew ? ` ${grew}` : ""}`;
      summary.textContent = running ? "" : text; // announced once, when the run ends
      curve.setAttribute("aria-label", `Loss curve. ${text}`);
      boundaryFigure.hidden = !plot.boundary;
      drawCurve(plot, previous);
      if (plot.boundary) {
        const right = plot.boundary.accuracy == null ? ""
          : `: ${Math.round(plot.boundary.accuracy * 100)}% ${plot.boundary.classes ? "in their class's region" : "on their label's side"}`;
        canvas.setAttribute("aria-label", `Decision boundary over ${plot.boundary.points.length} points${right}.`);
        caption.textContent = plot.boundary.classes ? THREE_CLASSES : TWO_CLASSES;
        drawBoundary(canvas, plot.boundary, getComputedStyle(region));
      }
      if (!running && drawnRows !== plot) {
        drawnRows = plot;
        tableBody.replaceChildren(...tableRows(plot).map(([s, loss]) => el("tr", {},
          el("td", { textContent: String(s) }), el("td", { textContent: formatLoss(loss) }))));
      }
    },
    hide() {
      region.hidden = true;
    },
  };
  return view;
}

// A stop that came after the last planned step stopped something else (a later test), not the training.
function stopNote(step, total, by) {
  if (total && step >= total) return `Training had finished (step ${step} of ${total}) before the run was stopped ${by}.`;
  return `Stopped at step ${step}${total ? ` of ${total}` : ""} ${by}: the plot shows how far training got.`;
}
