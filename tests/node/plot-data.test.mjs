// A run's plot as data (static/plugins/plots/plot-data.js): the plots plugin's updates merged in place from
// their index on, and a Result's plot cleaned to the fields the page draws, as numbers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanPlot, emptyPlot, merge } from "../../static/plugins/plots/plot-data.js";

const boundary = { x: [0, 1], y: [0, 1], n: 2, values: [0.1, 0.2, 0.3, 0.4], points: [[0, 1], [1, 0]],
  labels: [0, 1], classes: null, accuracy: 0.75 };

test("an update replaces the points from its index on, in place", () => {
  const plot = emptyPlot();
  assert.equal(merge(plot, { from: 0, steps: [1, 2, 3], losses: [3, 2, 1], count: 3, last: [3, 1], total: 10 }),
    plot);
  merge(plot, { from: 2, steps: [3, 4], losses: [1.5, 0.5], count: 4, last: [4, 0.5], total: 10 });
  assert.deepEqual(plot, { steps: [1, 2, 3, 4], losses: [3, 2, 1.5, 0.5], count: 4, last: [4, 0.5], total: 10,
    boundary: null });
});

test("an update's index is kept within the points there are", () => {
  const start = () => merge(emptyPlot(), { steps: [1, 2], losses: [2, 1] });
  assert.deepEqual(merge(start(), { from: 99, steps: [3], losses: [0] }).steps, [1, 2, 3]);
  for (const from of [-5, "x", undefined, null]) {
    assert.deepEqual(merge(start(), { from, steps: [9], losses: [0] }).steps, [9], `from ${from}`);
  }
});

test("what is missing falls back: the count to the points, total to null, the last loss and boundary kept", () => {
  const plot = merge(emptyPlot(), { steps: [1], losses: [1], last: [1, 1], boundary });
  merge(plot, { from: 1, steps: [2, 3], losses: [0.5, 0.25], total: 0 });
  assert.equal(plot.count, 3);
  assert.equal(plot.total, null);
  assert.deepEqual(plot.last, [1, 1]);
  assert.deepEqual(plot.boundary, boundary);
});

test("only the fields the page draws are kept, as numbers", () => {
  const plot = cleanPlot({ steps: ["1", 2], losses: [0.5, "0.25"], count: "2", last: ["2", "0.25"], total: "5",
    html: "<img>", boundary: { ...boundary, values: ["0.1", 0.2, 0.3, 0.4], labels: ["1"], extra: true } });
  assert.deepEqual(plot, { steps: [1, 2], losses: [0.5, 0.25], count: 2, last: [2, 0.25], total: 5,
    boundary: { ...boundary, labels: [1] } });
  assert.deepEqual(cleanPlot({ steps: "123", losses: { 0: 1 } }).steps, []);
  assert.equal(cleanPlot(null), null);
  assert.equal(cleanPlot({ steps: [], losses: [], boundary: { ...boundary, accuracy: null } }).boundary.accuracy,
    null);
});

test("classes is a count, or null for two classes told by one score", () => {
  const classesOf = (classes) => cleanPlot({ steps: [], losses: [], boundary: { ...boundary, classes } }).boundary.classes;
  assert.equal(classesOf(3), 3);
  assert.equal(classesOf("3"), 3);
  for (const classes of [undefined, null, 0, "x"]) assert.equal(classesOf(classes), null, `classes ${classes}`);
});

test("a boundary whose grid does not add up is dropped", () => {
  const boundaryOf = (changed) => cleanPlot({ steps: [], losses: [], boundary: { ...boundary, ...changed } }).boundary;
  assert.equal(boundaryOf({ n: 1, values: [0.5] }), null);
  assert.equal(boundaryOf({ values: [0.1, 0.2, 0.3] }), null);
  assert.equal(boundaryOf({ n: "x" }), null);
  assert.equal(cleanPlot({ steps: [], losses: [], boundary: "grid" }).boundary, null);
  assert.deepEqual(boundaryOf({ points: undefined }).points, []);
});

test("points that are not a list become no points, and never throw out of cleanPlot", () => {
  for (const points of ["0,1", 7, { 0: [0, 1] }, null]) {
    const plot = cleanPlot({ steps: [1], losses: [0.5], boundary: { ...boundary, points } });
    assert.deepEqual(plot.boundary.points, []);
    assert.deepEqual(plot.boundary.values, boundary.values);
  }
});
