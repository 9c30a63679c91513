import assert from "node:assert/strict";
import { test } from "node:test";
import { blankComments, diffIgnoringComments } from "../../static/problem/code-diff.js";

const reference = `class Value:
    """A scalar."""

    def __mul__(self, other):
        out = Value(self.data * other.data)  # the product
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
`;

test("comments and docstrings are blanked, keeping every offset", () => {
  const blanked = blankComments(reference);
  assert.equal(blanked.length, reference.length);
  assert.ok(!blanked.includes("A scalar") && !blanked.includes("the product"));
  assert.ok(blanked.includes("out = Value(self.data * other.data)"));
});

test("a strings inside code stays code", () => {
  assert.equal(blankComments('x = "# not a comment"\n'), 'x = "# not a comment"\n');
});

test("code that differs only in comments, docstrings and spaces has no change", () => {
  const mine = reference.replace('    """A scalar."""\n', "").replace("  # the product", "  # mine")
    .replace("self.data * other.data", "self.data*other.data");
  assert.deepEqual(diffIgnoringComments(mine, reference), []);
});

test("a one-line bug is one change, spanning that line in both files", () => {
  const mine = "# my engine\n" + reference.replace("self.grad += other.data", "self.grad = other.data");
  const changes = diffIgnoringComments(mine, reference);
  assert.equal(changes.length, 1);
  assert.equal(changes[0].offset(5, 7).fromA, changes[0].fromA + 5); // a Change the merge view can use
  const [{ fromA, toA, fromB, toB }] = changes;
  assert.equal(mine.slice(fromA, toA).trim(), "self.grad = other.data * out.grad");
  assert.equal(reference.slice(fromB, toB).trim(), "self.grad += other.data * out.grad");
});

test("indentation counts: a line moved out of its block is a change", () => {
  const mine = reference.replace("        out._backward", "    out._backward");
  assert.equal(diffIgnoringComments(mine, reference).length, 1);
});

test("a line only one side has is an insertion at a line's start", () => {
  const mine = reference.replace("            other.grad += self.data * out.grad\n", "");
  const [change] = diffIgnoringComments(mine, reference);
  assert.equal(change.fromA, change.toA);
  assert.equal(mine.slice(change.fromA).split("\n")[0].trim(), "out._backward = _backward");
  assert.equal(reference.slice(change.fromB, change.toB).trim(), "other.grad += self.data * out.grad");
});
