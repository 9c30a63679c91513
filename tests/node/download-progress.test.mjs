// Counting Python's files as they download (static/run/download-progress.js): bytes of known files only, one
// report a whole percent, never past the total, nothing after stop(); the response itself is left unread.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setImmediate as turn } from "node:timers/promises";
import { countDownloads } from "../../static/run/download-progress.js";

const BASE = "https://page.example/pyodide/";

// A Response from url whose body comes in chunks of the given sizes.
function response(url, chunks) {
  const body = new ReadableStream({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size));
      controller.close();
    },
  });
  const made = new Response(body);
  Object.defineProperty(made, "url", { value: url });
  return made;
}

// Until the copies handed over are counted: their bodies are all there, so a few turns of the event loop read them.
async function drained() {
  for (let i = 0; i < 20; i++) await turn();
}

test("each whole percent is reported once, up to the total of every file", async () => {
  const reports = [];
  const counter = countDownloads({ [`${BASE}a.wasm`]: 600, [`${BASE}b.zip`]: 400 }, (report) => reports.push(report));
  const a = response(`${BASE}a.wasm`, Array(600).fill(1));
  assert.equal(counter.counted(a), a);
  await drained();
  counter.counted(response(`${BASE}b.zip`, [150, 250]));
  await drained();
  assert.equal(reports.length, 63); // 0%, 1%, … 60% byte by byte, then 75% and 100%
  assert.deepEqual(reports.slice(-3), [{ loaded: 600, total: 1000 }, { loaded: 750, total: 1000 },
    { loaded: 1000, total: 1000 }]);
  assert.ok(!a.bodyUsed);
  assert.equal((await a.arrayBuffer()).byteLength, 600);
});

test("other responses, and responses without a body, are left alone and not counted", async () => {
  const reports = [];
  const counter = countDownloads({ [`${BASE}a.wasm`]: 100 }, (report) => reports.push(report));
  const other = response(`${BASE}other.js`, [100]);
  assert.equal(counter.counted(other), other);
  const empty = new Response(null);
  Object.defineProperty(empty, "url", { value: `${BASE}a.wasm` });
  assert.equal(counter.counted(empty), empty);
  await drained();
  assert.deepEqual(reports, []);
  assert.equal((await other.arrayBuffer()).byteLength, 100);
});

test("more bytes than expected never report more than the total", async () => {
  const reports = [];
  const counter = countDownloads({ [`${BASE}a.wasm`]: 100 }, (report) => reports.push(report));
  counter.counted(response(`${BASE}a.wasm`, [50, 100, 100]));
  await drained();
  assert.ok(reports.every(({ loaded, total }) => loaded <= total && total === 100), JSON.stringify(reports));
  assert.deepEqual(reports[0], { loaded: 50, total: 100 });
});

test("after stop(), nothing more is reported", async () => {
  const reports = [];
  const counter = countDownloads({ [`${BASE}a.wasm`]: 100, [`${BASE}b.zip`]: 100 }, (report) => reports.push(report));
  counter.counted(response(`${BASE}a.wasm`, [100]));
  await drained();
  counter.stop();
  counter.counted(response(`${BASE}b.zip`, [100]));
  await drained();
  assert.deepEqual(reports, [{ loaded: 100, total: 200 }]);
});
