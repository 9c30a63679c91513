// The training plot of a problem whose code may plot (its problem.json turns the plots plugin on): the updates
// that come while a run goes, and the Result's plot when it ends. The view, with the plotting library, is a chunk
// of its own (plots-view.js), loaded when a run first plots.

import { BOUNDARY_GRID, cleanPlot, emptyPlot, merge } from "./plot-data.js";

// region: the (hidden) section the plot goes in; timeLimit: the problem's, in seconds.
export function createPlots({ region, timeLimit }) {
  let plot = null; // this run's, as far as it got
  let previous = null; // the last run's that plotted: drawn faded, to compare
  let finished = null; // of the run before this one
  let run = { running: false, seconds: 0, stopped: null };
  let view = null;
  let loading = null;
  let frame = 0;

  function draw() {
    frame = 0;
    if (view && plot) view.draw(plot, { ...run, previous, timeLimit });
  }

  function schedule() {
    loading ??= import("./plots-view.js").then(({ createPlotsView }) => {
      view = createPlotsView(region);
      draw();
    });
    if (view && !frame) frame = requestAnimationFrame(draw); // at most once a frame, whatever comes
  }

  return {
    // What each run takes: runner-client.js's {onUpdate, grid}.
    options: {
      grid: BOUNDARY_GRID,
      onUpdate(json, seconds) {
        if (!run.running) return;
        try {
          plot = merge(plot ?? emptyPlot(), JSON.parse(json));
        } catch {
          return; // not an update of ours: learner code can call what Python sends with
        }
        run.seconds = seconds;
        schedule();
      },
    },
    begin() {
      previous = finished ?? previous;
      plot = null;
      run = { running: true, seconds: 0, stopped: null };
    },
    // result: the run's Result. Its plot is the whole curve; a run Python could not answer keeps what came.
    finish(result) {
      plot = cleanPlot(result.plot) ?? plot;
      run = { running: false, seconds: result.timings?.total ?? run.seconds, stopped: result.stopped };
      if (!plot) return view?.hide();
      finished = plot;
      schedule();
    },
  };
}
