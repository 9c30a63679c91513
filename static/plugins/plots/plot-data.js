// A run's plot as data (the run's plugins.plots: py/playground/plugins/plots/): updates from the plots plugin
// merged into it as they come. Small and free of the plotting library, so the page loads it with the problem view.

const numbers = (value) => (Array.isArray(value) ? value.map(Number) : []);

export function emptyPlot() {
  return { steps: [], losses: [], count: 0, last: null, total: null, boundary: null };
}

// update: {from, steps, losses, count, last, total, boundary?} (py/playground/plugins/plots): the points from
// index `from` on, the summary, and the boundary when it changed. Applied in place, in the time the new points
// take. Data from the worker is data: only these fields, as numbers.
export function merge(plot, update) {
  const from = Math.max(0, Math.min(Number(update.from) || 0, plot.steps.length));
  plot.steps.length = plot.losses.length = from;
  for (const step of numbers(update.steps)) plot.steps.push(step);
  for (const loss of numbers(update.losses)) plot.losses.push(loss);
  plot.count = Number(update.count) || plot.steps.length;
  plot.last = Array.isArray(update.last) ? numbers(update.last) : plot.last;
  plot.total = Number(update.total) || null;
  if (update.boundary) plot.boundary = cleanBoundary(update.boundary);
  return plot;
}

// A Result's plot (or an update's boundary), kept to the fields the page draws.
export function cleanPlot(plot) {
  return plot ? { ...merge(emptyPlot(), { ...plot, from: 0 }), boundary: cleanBoundary(plot.boundary) } : null;
}

function cleanBoundary(boundary) {
  if (!boundary || typeof boundary !== "object") return null;
  const n = Number(boundary.n) || 0;
  const values = numbers(boundary.values);
  if (n < 2 || values.length !== n * n) return null;
  const points = Array.isArray(boundary.points) ? boundary.points.map(numbers) : [];
  const classes = Number(boundary.classes) || null; // null: two classes, values are scores; else values are classes
  return { x: numbers(boundary.x), y: numbers(boundary.y), n, values, points, labels: numbers(boundary.labels),
    classes, accuracy: boundary.accuracy == null ? null : Number(boundary.accuracy) };
}
