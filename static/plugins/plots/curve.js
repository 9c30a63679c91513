// The loss curve's numbers as uPlot and the table want them.

export const MAX_ROWS = 500; // every step of a training of up to 500 steps

// A loss as the summary and the table write it: four decimals, or a power of ten when far from 1 either way.
export const formatLoss = (loss) => (loss === 0 || (Math.abs(loss) >= 0.001 && Math.abs(loss) < 10_000)
  ? loss.toFixed(4) : loss.toExponential(2));

// A number on the loss axis: short enough for the axis's width at any size.
export const axisNumber = (value) => (value !== 0 && (Math.abs(value) >= 10_000 || Math.abs(value) < 0.001)
  ? value.toExponential(0) : String(value));

// The loss axis is logarithmic when the losses (null: no point) span more than three decades, as a diverging
// run's do: on a linear axis all but its last steps would lie flat. Only for losses all above 0.
export function logScale(losses) {
  let low = Infinity;
  let high = 0;
  for (const loss of losses) {
    if (loss == null) continue;
    if (!(loss > 0) || !Number.isFinite(loss)) return false;
    low = Math.min(low, loss);
    high = Math.max(high, loss);
  }
  return high / low > 1000;
}

// A sentence for a loss that at least doubled from the first step to the last: what a flipped update does.
export function growthNote(plot) {
  const first = plot.losses[0];
  const last = plot.last?.[1];
  if (plot.count < 2 || !(first > 0) || !(last > 2 * first)) return "";
  return `The loss grew from ${formatLoss(first)} to ${formatLoss(last)}: is the update's sign right?`;
}

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
