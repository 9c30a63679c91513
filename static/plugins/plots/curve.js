// The loss curve's numbers as uPlot and the table want them.

const MAX_ROWS = 500; // every step of a training of up to 500 steps

// uPlot's data: one x array (the steps of both runs, ascending) and each run's loss at it, or null.
export function aligned(plot, previous) {
  if (!previous?.steps.length) return [plot.steps, plot.losses, plot.steps.map(() => null)];
  const xs = [];
  const now = [];
  const before = [];
  let i = 0;
  let j = 0;
  const a = plot.steps;
  const b = previous.steps;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    xs.push(x);
    now.push(i < a.length && a[i] === x ? plot.losses[i++] : null);
    before.push(j < b.length && b[j] === x ? previous.losses[j++] : null);
  }
  return [xs, now, before];
}

// [step, loss] rows for the table: evenly spaced, the last always in.
export function tableRows(plot) {
  const n = plot.steps.length;
  const every = Math.max(1, Math.ceil(n / MAX_ROWS));
  const rows = [];
  for (let i = 0; i < n; i += every) rows.push([plot.steps[i], plot.losses[i]]);
  if (n && (n - 1) % every) rows.push([plot.steps[n - 1], plot.losses[n - 1]]);
  return rows;
}
