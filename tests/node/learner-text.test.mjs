// Text from the learner's code and the tests (static/results/learner-text.js): hidden characters made visible,
// and a message's `code` spans marked so that the page shows them as code, not as backticks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { codeParts, visibleText } from "../../static/results/learner-text.js";

test("characters that would hide or reorder text are shown instead", () => {
  assert.equal(visibleText("\x1b[31mred\x1b[0m"), "red");
  assert.equal(visibleText("a\rb"), "a␍\nb");
  assert.equal(visibleText("a\u202eb"), "a⟨U+202E⟩b");
  assert.equal(visibleText(null), "");
});

test("code spans are marked, and what is around them stays text", () => {
  assert.deepEqual(codeParts("Look at `__mul__`'s `_backward`, line 27."), [
    { text: "Look at ", code: false }, { text: "__mul__", code: true }, { text: "'s ", code: false },
    { text: "_backward", code: true }, { text: ", line 27.", code: false }]);
  assert.deepEqual(codeParts("`x`"), [{ text: "x", code: true }]);
});

test("a lone backtick, an empty pair or one across lines is left as it is", () => {
  assert.deepEqual(codeParts("a ` b"), [{ text: "a ` b", code: false }]);
  assert.deepEqual(codeParts("a `` b"), [{ text: "a `` b", code: false }]);
  assert.deepEqual(codeParts("a `b\nc` d"), [{ text: "a `b\nc` d", code: false }]);
  assert.deepEqual(codeParts(""), []);
});
