// The page: its runs of Python (a fresh worker for each), and one view at a time, chosen by the URL's hash:
// the track's list (track/home.js) or one problem (problem/problem-view.js).
// Follow a click on Run tests: problem/problem-view.js → problem/runs.js → run/runner-client.js → run/worker.js
// → Python → results/results.js.

import { load, track } from "virtual:track";
import { createRunner } from "./run/runner-client.js";
import { keepWorkingOffline } from "./offline/offline.js";
import { showHome, showLoading, showMissing } from "./track/home.js";
import { followRoutes, forgetShared, hrefOf, routeOf } from "./track/router.js";
import { openProblem, preloadProblemView } from "./problem/problem-view.js";

const app = document.getElementById("app");
const inTrack = (id) => track.some((problem) => problem.id === id);
// What the views' status lines show of Python; download: {loaded, total}, the bytes of its files while it loads;
// failed: it could not load.
const python = { status: "Loading Python…", ready: false, download: null, failed: false };
let view = null; // the view on the page: {heading, destroy(), python?(text)}

document.documentElement.dataset.release = __RELEASE__;

// Python boots first, in the background, with the problem the page opens on (if any): nothing waits for it.
const opening = routeOf(location.hash);
const runner = createRunner({
  baseUrl: new URL(import.meta.env.BASE_URL, location.href).href,
  problemId: opening.view === "problem" && inTrack(opening.id) ? opening.id : null,
  onStatus(text) {
    Object.assign(python, { status: text, ready: false, failed: false });
    document.documentElement.dataset.python = "loading";
    view?.python?.(text);
  },
  onBootError(text) {
    Object.assign(python, { status: text, ready: false, failed: true });
    document.documentElement.dataset.python = "failed";
    view?.python?.(text);
  },
  onDownload(download) {
    python.download = download;
    view?.python?.(python.status);
  },
  onReady({ seconds, pytestSeconds, restored }) {
    Object.assign(python, { status: "Ready", ready: true });
    const how = restored ? "from its snapshot" : `pytest and our harness: ${pytestSeconds.toFixed(2)} s`;
    console.info(`Python ready in ${seconds.toFixed(2)} s (${how})`);
    document.documentElement.dataset.pythonBoot = restored ? "snapshot" : "fresh"; // for tests and make bench
    view?.python?.("Ready");
    document.documentElement.dataset.python = "ready"; // for tests: the status line may hold a reply instead
    // The offline copy, once Python is up and any run asked for meanwhile is over: the service worker's precache
    // then comes from the HTTP cache, not the network, and does not slow the first run down (by ~100 ms, measured).
    runner.whenIdle().then(keepWorkingOffline);
  },
});

// What comes after a problem in the track: {title, href}, or null for the last.
function nextAfter(id) {
  const next = track[track.findIndex((problem) => problem.id === id) + 1];
  return next ? { title: next.title, href: hrefOf(next.id) } : null;
}

let shown = 0; // counts routes shown: a problem that loads after the learner has moved on is not shown
async function show(route) {
  const mine = ++shown;
  view?.destroy();
  view = null;
  if (route.view === "home") view = showHome(app, track, { damagedLink: route.damaged });
  else if (!inTrack(route.id)) view = showMissing(app, route.id, { unknown: true });
  else {
    if (route.shared !== undefined) forgetShared(route.id); // read once: a reload shows the learner's own code
    showLoading(app);
    preloadProblemView();
    const problem = await load(route.id).catch(() => null); // offline, and never fetched
    if (mine !== shown) return;
    view = problem ? openProblem(app, { problem, next: nextAfter(route.id), runner, python, shared: route.shared })
      : showMissing(app, route.id, { unknown: false });
  }
  // Moving within the page: the focus goes to the new view's heading, as a new page would start there.
  if (mine > 1) view.heading.focus();
}

followRoutes(show);
