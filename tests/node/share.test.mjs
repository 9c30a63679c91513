// Share links (static/problem/share.js): code put in a link comes back whole from the route of that link, and
// a link too long, cut short or mangled says so instead. location is a fake.
import assert from "node:assert/strict";
import { register } from "node:module";
import { test } from "node:test";
import { routeOf } from "../../static/track/router.js";

register("./page-hooks.mjs", import.meta.url); // share.js's named imports from lz-string, as Vite gives them
const { MAX_LINK, readShared, shareLink } = await import("../../static/problem/share.js");
const { compressToEncodedURIComponent } = await import("lz-string");

const PAGE = "https://learner.example/playground/";
Object.defineProperty(globalThis, "location", { value: new URL(PAGE), configurable: true });

const CODE = "def f(x):\n    return x ** 2  # ünïcode ✓, + and % and ? and #\n\tprint('a&b=c')\n";

function sharedBack(url) {
  assert.ok(url.startsWith(PAGE + "#/"), url);
  return routeOf(new URL(url).hash);
}

test("a link's code comes back as it was, for the problem it was made for", () => {
  for (const [id, code] of [["intro", CODE], ["odd id/?#%", ""], ["intro", "x = 1\n".repeat(400)]]) {
    const { url, tooLong } = shareLink(id, code);
    assert.equal(tooLong, undefined);
    const route = sharedBack(url);
    assert.deepEqual([route.view, route.id], ["problem", id]);
    assert.deepEqual(readShared(route.shared), { code });
  }
});

test("code too long for a link gives the link's length instead", () => {
  let seed = 1; // a fixed pseudo-random text: lz-string cannot make it much shorter
  const next = () => (seed = (seed * 48271) % 2147483647);
  const noise = Array.from({ length: 6000 }, () => String.fromCharCode(33 + (next() % 90))).join("");
  const { url, tooLong } = shareLink("intro", noise);
  assert.equal(url, undefined);
  assert.ok(tooLong > MAX_LINK, String(tooLong));
  assert.match(readShared("A".repeat(MAX_LINK + 1)).problem, /^This link is too long to read \(8001 characters\)\.$/);
});

test("a link cut short, mangled or holding something other than code is refused", () => {
  const damaged = { problem: "The code in this link could not be read: the link is damaged or cut short." };
  const data = sharedBack(shareLink("intro", CODE).url).shared;
  for (const cut of [data.slice(0, -3), data.slice(0, data.length / 2), "", "!!!", "%%"]) {
    assert.deepEqual(readShared(cut), damaged, cut);
  }
  for (const value of [{ code: 5 }, { text: "x" }, ["x"], "x", null]) {
    assert.deepEqual(readShared(compressToEncodedURIComponent(JSON.stringify(value))), damaged, JSON.stringify(value));
  }
});
