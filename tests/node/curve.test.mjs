// The loss curve's numbers (static/plugins/plots/curve.js): two runs aligned on one x axis for uPlot, and the
// table's rows thinned to at most MAX_ROWS (500) evenly spaced steps, and the last; how losses are written, when
// the axis turns logarithmic, and the note for a loss that grew.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_ROWS, aligned, axisNumber, formatLoss, growthNote, logScale, tableRows }
  from "../../static/plugins/plots/curve.js";
const curve = (n, first = 0) => ({ steps: Array.from({ length: n }, (_, i) => first + i),
  losses: Array.from({ length: n }, (_, i) => 1 / (i + 1)) });

test("without a previous run that plotted, the previous run's series is all null", () => {
  const plot = { steps: [1, 2, 3], losses: [0.9, 0.5, 0.2] };
  for (const previous of [null, undefined, { steps: [], losses: [] }]) {
    assert.deepEqual(aligned(plot, previous), [[1, 2, 3], [0.9, 0.5, 0.2], [null, null, null]]);
  }
  assert.deepEqual(aligned({ steps: [], losses: [] }, null), [[], [], []]);
});

test("two runs share one ascending x axis, each null where it has no step", () => {
  const now = { steps: [1, 2, 4, 6], losses: [10, 20, 40, 60] };
  const before = { steps: [2, 3, 4, 5, 7], losses: [-2, -3, -4, -5, -7] };
  assert.deepEqual(aligned(now, before), [
    [1, 2, 3, 4, 5, 6, 7],
    [10, 20, null, 40, null, 60, null],
    [null, -2, -3, -4, -5, null, -7],
  ]);
  assert.deepEqual(aligned({ steps: [], losses: [] }, before),
    [before.steps, before.steps.map(() => null), before.losses]);
});

test("a short curve is in the table whole, an empty one gives no rows", () => {
  assert.deepEqual(tableRows({ steps: [], losses: [] }), []);
  assert.deepEqual(tableRows({ steps: [7], losses: [0.5] }), [[7, 0.5]]);
  const plot = curve(MAX_ROWS, 1);
  assert.deepEqual(tableRows(plot), plot.steps.map((step, i) => [step, plot.losses[i]]));
});

test("a long curve is thinned to evenly spaced steps from the first, the last always in", () => {
  for (const n of [MAX_ROWS + 1, 1000, 1001, 12_345]) {
    const plot = curve(n);
    const rows = tableRows(plot);
    const steps = rows.map(([step]) => step);
    assert.ok(rows.length <= MAX_ROWS + 1, `${n} steps: ${rows.length} rows`);
    assert.ok(rows.length >= MAX_ROWS / 2, `${n} steps: ${rows.length} rows`);
    assert.equal(steps[0], 0);
    assert.equal(steps.at(-1), n - 1);
    assert.equal(new Set(steps).size, steps.length);
    const gaps = new Set(steps.slice(1, -1).map((step, i) => step - steps[i]));
    assert.equal(gaps.size, 1, `${n} steps: gaps ${[...gaps]}`);
    for (const [step, loss] of rows) assert.equal(loss, plot.losses[step]);
  }
});

test("a loss is written with four decimals near 1, and as a power of ten far from it either way", () => {
  assert.equal(formatLoss(0.6931471805599453), "0.6931");
  assert.equal(formatLoss(0), "0.0000");
  assert.equal(formatLoss(6.11e-4), "6.11e-4");
  assert.equal(formatLoss(1.408366206098137e47), "1.41e+47");
  assert.equal(formatLoss(9999.5), "9999.5000");
  assert.equal(axisNumber(0.5), "0.5");
  assert.equal(axisNumber(1e47), "1e+47");
  assert.equal(axisNumber(0.0001), "1e-4");
  assert.equal(axisNumber(0), "0");
});

test("the loss axis is logarithmic only when positive losses span more than three decades", () => {
  assert.equal(logScale([0.7, 0.5, 0.1]), false);
  assert.equal(logScale([0.7, null, 2, 1.4e47]), true);
  assert.equal(logScale([1, 1001]), true);
  assert.equal(logScale([1, 1000]), false);
  assert.equal(logScale([0, 5, 1e9]), false); // a zero has no logarithm
  assert.equal(logScale([1, Infinity]), false);
  assert.equal(logScale([]), false);
});

test("a loss that at least doubled gets a note that asks about the update's sign; a falling one gets none", () => {
  const run = (losses) => ({ steps: losses.map((_, i) => i + 1), losses, count: losses.length,
    last: [losses.length, losses.at(-1)] });
  assert.equal(growthNote(run([0.7, 3, 1.408366206098137e47])),
    "The loss grew from 0.7000 to 1.41e+47: is the update's sign right?");
  assert.equal(growthNote(run([0.7, 0.4, 0.01])), "");
  assert.equal(growthNote(run([0.7, 1.3])), "");
  assert.equal(growthNote(run([0.7])), "");
  assert.equal(growthNote({ steps: [], losses: [], count: 0, last: null }), "");
});
