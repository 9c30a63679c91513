// Routes from the URL's hash (static/track/router.js): the list, a problem, a share link's data, a damaged link.
import assert from "node:assert/strict";
import { test } from "node:test";
import { HOME, hrefOf, routeOf } from "../../static/track/router.js";

test("no hash, or the home hash, is the list", () => {
  for (const hash of ["", "#", "#/", HOME, "#/?code=abc"]) assert.deepEqual(routeOf(hash), { view: "home" }, hash);
});

test("a problem's href routes back to that problem, whatever its id holds", () => {
  for (const id of ["intro", "two moons", "a/b", "x?code=y", "é✓", "50%"]) {
    assert.deepEqual(routeOf(hrefOf(id)), { view: "problem", id }, id);
  }
  assert.deepEqual(routeOf("#/intro/"), { view: "problem", id: "intro" });
  assert.deepEqual(routeOf("#intro"), { view: "problem", id: "intro" });
});

test("a share link's data is taken as it is, a plus a plus, and only from code=", () => {
  assert.deepEqual(routeOf("#/intro?code=N4Ig+a-b$c"), { view: "problem", id: "intro", shared: "N4Ig+a-b$c" });
  assert.deepEqual(routeOf("#/intro?code="), { view: "problem", id: "intro", shared: "" });
  assert.deepEqual(routeOf("#/intro?other=1"), { view: "problem", id: "intro" });
});

test("an id that cannot be decoded is the list, with the link said to be damaged", () => {
  for (const hash of ["#/%E0%A4%A", "#/%", "#/abc%zz?code=x"]) {
    assert.deepEqual(routeOf(hash), { view: "home", damaged: true }, hash);
  }
});
