// The training plot of a problem whose code may plot (its problem.json turns the plots plugin on): the data the
// plugin sends while a run goes, and the run's plugins.plots when it ends. The view, with the plotting library,
// is a chunk of its own (plots-view.js), loaded when a run first plots.

import { el } from "../../dom.js";
import { cleanPlot, emptyPlot, merge } from "./plot-data.js";

// section: the plugin's own (hidden) section of the page (plugins.js); timeLimit: the problem's, in seconds.
export function createRunView({ section, timeLimit }) {
  const heading = el("h2", { id: "plots-heading", textContent: "Training: loss curve and decision boundary" });
  section.classList.add("plots");
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading);
  let plot = null; // this run's, as far as it got
  let previous = null; // the last run's that plotted: drawn faded, to compare
  let finished = null; // of the run before this one
  let run = { running: false, seconds: 0, stopped: null };
  let view = null;
  let loading = null;
  let frame = 0;

  let inView = false; // brought into view during this run: once, from its first step, not at every step
  function draw() {
    frame = 0;
    if (!view || !plot) return;
    view.draw(plot, { ...run, previous, timeLimit });
    if (run.running && !inView) section.scrollIntoView({ block: "nearest" });
    inView = true;
  }

  function schedule() {
    loading ??= import("./plots-view.js").then(({ createPlotsView }) => {
      view = createPlotsView(section);
      draw();
    });
    if (view && !frame) frame = requestAnimationFrame(draw); // at most once a frame, whatever comes
  }

  return {
    begin() {
      previous = finished ?? previous;
      plot = null;
      inView = false;
      run = { running: true, seconds: 0, stopped: null };
    },
    // data: an update of the plugin's (plot-data.js merge), seconds since the run started.
    live(data, seconds) {
      if (!run.running) return;
      try {
        plot = merge(plot ?? emptyPlot(), data);
      } catch {
        return; // not an update of ours: learner code can call what Python sends with
      }
      run.seconds = seconds;
      schedule();
    },
    // data: the run's plugins.plots, the whole curve; a run Python could not answer keeps what came.
    finish(data, result) {
      plot = cleanPlot(data) ?? plot;
      run = { running: false, seconds: result.timings?.total ?? run.seconds, stopped: result.stopped };
      if (!plot) return view?.hide();
      finished = plot;
      schedule();
    },
  };
}
