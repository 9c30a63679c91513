// The loss curve's numbers (static/plugins/plots/curve.js): two runs aligned on one x axis for uPlot, and the
// table's rows thinned to at most MAX_ROWS (500) evenly spaced steps, and the last.
import assert from "node:assert/strict";
import { test } from "node:test";
import { aligned, tableRows } from "../../static/plugins/plots/curve.js";

const MAX_ROWS = 500;
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
