// The valve on what a run's plugins send the page (static/run/updates.js): 20 updates at once, then 20 a
// second; none over 1,000,000 characters; 20,000,000 in a whole run. The clock is a fake.
import assert from "node:assert/strict";
import { test } from "node:test";
import { updateValve } from "../../static/run/updates.js";

function valve() {
  const clock = { ms: 1000 };
  const posted = [];
  return { clock, posted, ...updateValve((text) => posted.push(text), () => clock.ms) };
}

test("a burst of 20 goes through, the rest of it is dropped and counted", () => {
  const { posted, send, dropped } = valve();
  for (let i = 0; i < 25; i++) send(`{"i": ${i}}`);
  assert.equal(posted.length, 20);
  assert.equal(posted[19], '{"i": 19}');
  assert.equal(dropped(), 5);
});

test("updates come back at 20 a second, and no more than a burst builds up", () => {
  const { clock, posted, send, dropped } = valve();
  for (let i = 0; i < 20; i++) send("x");
  clock.ms += 100; // two updates' worth
  for (let i = 0; i < 5; i++) send("x");
  assert.deepEqual([posted.length, dropped()], [22, 3]);
  clock.ms += 60_000; // a long pause refills to a burst, not 1,200
  for (let i = 0; i < 30; i++) send("x");
  assert.deepEqual([posted.length, dropped()], [42, 13]);
});

test("an update over 1,000,000 characters is dropped and spends nothing", () => {
  const { posted, send, dropped } = valve();
  send("x".repeat(1_000_001));
  send({ toString: () => "y".repeat(1_000_000) });
  assert.deepEqual([posted.length, posted[0].length, dropped()], [1, 1_000_000, 1]);
  for (let i = 0; i < 19; i++) send("z");
  assert.equal(posted.length, 20);
});

test("a run's updates stop at 20,000,000 characters in all", () => {
  const { clock, posted, send, dropped } = valve();
  const big = "x".repeat(999_999);
  for (let i = 0; i < 20; i++) {
    send(big);
    clock.ms += 1000;
  }
  send("x".repeat(20)); // exactly the total
  send("x");
  assert.deepEqual([posted.length, posted.at(-1), dropped()], [21, "x".repeat(20), 1]);
});
