"""make bench: how fast the playground feels, measured in headless Chromium against dist/.

Every run is of the textbook answer (the problem's correct variant in mistakes/ that a challenge test is beyond:
micrograd's own shape), pasted as a learner would, never of the starter, whose tests fail at once.
(a) a bare Pyodide boot in a worker (the yardstick), (b) a cold visit to the first result,
(c) a warm run (started 2 s after the last result), (c2) warm runs clicked the moment the previous run's
results show (three in a row, each a figure), (g) a fresh spare Python ready, after a run ends, (h) Stop to the
next run started (clicked the moment the stopped run's results show), (w) the most workers alive at once,
(d) a return visit to the first result, (d2) of which, Python
ready (the return-visit boot), (d3, d4) the same for a return visit with the memory snapshot deleted first,
(e) bytes on the wire on a cold visit, as served (brotli), service-worker precache included,
(f) of which, what the page and its worker fetched until the first result (the service worker's precache,
which may start before it, left out): what the visit itself needs,
(r) what recording backward() for the step-through view costs a run of each reference that draws graphs (in
Pyodide under Node, bench/replay-cost.mjs; goal: within 10%).
Each figure is the median of RUNS runs, with the min and max. The visits open the track's first problem
(#/<id>); the report says how many problems the build holds, and how many problem archives a visit fetched
before its first result (one: a visit never waits for another problem's files).

    .venv/bin/python bench/run.py [RUNS] [DIST]      (after `make build`; `make bench` does both)

DIST: another build's folder to measure (a copy of dist/ from before a change), dist/ by default.
"""

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests"), str(ROOT / "py")]

from playwright.sync_api import sync_playwright  # noqa: E402

from problems import first_problem  # noqa: E402
from serving import CHROMIUM_ARGS, chromium_path, served_dist  # noqa: E402

RUNS = 5
PROBLEM = first_problem()


def textbook_answer() -> str:
    """The problem's correct variant that fails only challenge tests, or else its reference."""
    expectations = PROBLEM.expectations
    challenges = {test["id"] for test in PROBLEM.challenges}
    for name, expected in expectations.items():
        if expected.get("correct") and expected["fails"] and set(expected["fails"]) <= challenges:
            return PROBLEM.mistakes[name]
    return PROBLEM.solution


TEXTBOOK = textbook_answer()
LOOPING = PROBLEM.solution.replace("    def relu(self):\n",
                                   "    def relu(self):\n        while True:\n            pass\n", 1)
PASTE = """(code) => {
  const el = document.querySelector("#editor .cm-content");
  el.focus();
  const data = new DataTransfer();
  data.setData("text/plain", code);
  el.ownerDocument.execCommand("selectAll");
  el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""
MARKS = "(name) => performance.getEntriesByName(name).map((entry) => entry.startTime)"  # runner-client.js MARKS
# Stock Pyodide: its own standard library (the page ships a precompiled one), from our origin.
STOCK_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
BARE_PAGE = """<!doctype html><title>bare Pyodide boot</title><script type="module">
const index = `${location.origin}/PYODIDE`;
const source = `const { loadPyodide } = await import("${index}pyodide.mjs");
await loadPyodide({ indexURL: "${index}", stdLibURL: "${location.origin}/bench-stock-stdlib.zip" });
postMessage("ready");`;
const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
worker.onmessage = () => { window.bareReady = performance.now(); };
</script>"""
SNAPSHOT_CACHE = "autograd-playground-snapshot"  # static/run/snapshot-store.js
# When the page says Python is ready (<html data-python="ready">), in the page's clock.
READY_WATCH = """new MutationObserver((changes, observer) => {
  if (document.documentElement.dataset.python !== "ready") return;
  window.pythonReadyAt = performance.now();
  observer.disconnect();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-python"] });"""
FIRST_RESULT = """() => {
  const region = document.getElementById('results');
  const done = region && region.getAttribute("aria-busy") === "false" && /\\d+\\/\\d+ passed/.test(region.textContent)
    && !region.querySelector('[data-status="pending"]')
    && !/From your last visit/.test(region.textContent); // the results a return visit restores: not this run's
  return done ? performance.now() : false;
}"""


def open_profile(playwright, profile: Path):
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1280, "height": 800})
    context.add_init_script(READY_WATCH)
    return context


def bare_boot(playwright, url: str, dist: Path) -> float:
    with tempfile.TemporaryDirectory() as profile:
        context = open_profile(playwright, Path(profile))
        page = context.new_page()
        pyodide_dir = json.loads((dist / "manifest.json").read_text())["pyodide"]
        page.route(f"{url}/bench-bare.html", lambda route: route.fulfill(
            body=BARE_PAGE.replace("PYODIDE", pyodide_dir), content_type="text/html",
            headers={"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}))
        page.route(f"{url}/bench-stock-stdlib.zip", lambda route: route.fulfill(
            path=STOCK_STDLIB, headers={"Cross-Origin-Resource-Policy": "same-origin"}))
        page.goto(f"{url}/bench-bare.html")
        ms = page.wait_for_function("() => window.bareReady", timeout=60_000).json_value()
        context.close()
        return ms


def click_run_and_wait(page) -> float:
    page.wait_for_function("() => document.documentElement.dataset.release")  # the page's script has run
    page.locator("#editor .cm-content").wait_for()
    page.evaluate(PASTE, TEXTBOOK)
    page.get_by_role("button", name="Run tests").click()
    return page.wait_for_function(FIRST_RESULT, timeout=60_000, polling=10).json_value()


# In the page, so that no round trip to Playwright sits between one run's end and the next click: each click
# comes the moment the last run's results show. Returns each run's milliseconds, click to results.
CLICK_AT_ONCE = f"""async (times) => {{
  const finished = {FIRST_RESULT};
  const button = document.getElementById("run-tests"); // ▶ Run tests
  const figures = [];
  for (let i = 0; i < times; i++) {{
    const clicked = performance.now();
    button.click();
    const at = await new Promise((resolve) => {{
      const check = () => {{ const t = finished(); if (t) resolve(t); else setTimeout(check, 0); }};
      check();
    }});
    figures.push(at - clicked);
  }}
  return figures;
}}"""


def return_visit(playwright, profile: Path, url: str, keep_snapshot: bool) -> tuple[float, float]:
    """A return visit in the same profile: (Python ready, first result), in ms from the visit's start."""
    context = open_profile(playwright, profile)
    page = context.new_page()
    if not keep_snapshot:
        page.goto(url.split("#")[0].rstrip("/") + "/manifest.json")
        page.evaluate(f"() => caches.delete({SNAPSHOT_CACHE!r})")
    page.goto(url)
    first = click_run_and_wait(page)
    ready = page.evaluate("() => window.pythonReadyAt")
    context.close()
    return ready, first


def visits(playwright, url: str) -> dict:
    """(b) to (f) in one profile: a cold visit, a warm run, then a return visit."""
    with tempfile.TemporaryDirectory() as profile:
        context = open_profile(playwright, Path(profile))
        sizes = []
        context.on("requestfinished", lambda request: sizes.append(request))
        page = context.new_page()
        page.goto(url)
        cold = click_run_and_wait(page)
        first = [request for request in sizes if request.service_worker is None]  # not the offline copy's
        first_bytes = sum(transferred(request) for request in first)
        archives = sum("/v/problem-" in request.url for request in first)
        page.wait_for_timeout(2000)  # a person reads the first verdicts before running again
        started = page.evaluate("performance.now()")
        warm = click_run_and_wait(page) - started
        at_once = page.evaluate(CLICK_AT_ONCE, 3)
        spare = spare_after_run(page)
        workers = len(page.workers)
        stop, workers_stopping = stop_to_next_run(page)
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")  # the offline copy is complete
        wire = sum(transferred(request) for request in sizes)
        context.close()

        boot_no_snapshot, back_no_snapshot = return_visit(playwright, Path(profile), url, keep_snapshot=False)
        boot_back, back = return_visit(playwright, Path(profile), url, keep_snapshot=True)
    return {"cold": cold, "warm": warm, "at_once": at_once, "spare": spare, "stop": stop,
            "workers": max(workers, workers_stopping), "return": back, "return_boot": boot_back,
            "return_no_snapshot": back_no_snapshot, "return_boot_no_snapshot": boot_no_snapshot,
            "bytes": wire, "first_bytes": first_bytes, "archives": archives}


def spare_after_run(page) -> float:
    """After the last run ended, how long until a spare Python was ready (0 when one was ready before)."""
    page.wait_for_timeout(3000)
    ended = page.evaluate(MARKS, "run-end")[-1]
    ready = [at for at in page.evaluate(MARKS, "python-ready") if at > ended]
    return ready[0] - ended if ready else 0.0


# Clicks Stop, then Run tests the moment the stopped run's results show: the milliseconds from the Stop click to the
# next run having its Python (runner-client.js's "run-start" mark).
STOP_THEN_RUN = """async () => {
  const region = document.getElementById("results");
  const shown = Number(region.dataset.shown ?? 0);
  const starts = performance.getEntriesByName("run-start").length;
  const clicked = performance.now();
  document.getElementById("stop").click();
  await new Promise((resolve) => {
    const check = () => (Number(region.dataset.shown ?? 0) > shown && region.getAttribute("aria-busy") === "false"
      ? resolve() : setTimeout(check, 0));
    check();
  });
  document.getElementById("run-tests").click();
  await new Promise((resolve) => {
    const check = () => (performance.getEntriesByName("run-start").length > starts ? resolve() : setTimeout(check, 0));
    check();
  });
  return performance.getEntriesByName("run-start").at(-1).startTime - clicked;
}"""


def stop_to_next_run(page) -> tuple[float, int]:
    """A run that never ends, stopped 2 s in (its spare is ready by then): Stop to the next run started. And the
    workers alive meanwhile."""
    page.evaluate(PASTE, LOOPING)
    page.get_by_role("button", name="Run tests").click()
    page.wait_for_timeout(2000)
    workers = len(page.workers)
    ms = page.evaluate(STOP_THEN_RUN)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Stop").click()
    return ms, workers


def transferred(request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def report(figures: dict) -> str:
    yardstick = figures["a"]["median"]
    rows = [
        ("(a) bare Pyodide boot in a worker", "a", "ms", "yardstick"),
        ("(b) cold visit to first result", "b", "ms", "≤ 0.7 × (a)"),
        ("(c) warm run, clicked 2 s after the last", "c", "ms", "≤ 100 ms"),
        ("(c2) warm run, clicked the moment the last ends", "c2", "ms", "–"),
        ("(g) spare Python ready, after a run ends", "g", "ms", "≤ 1 s"),
        ("(h) Stop to the next run started", "h", "ms", "≤ 100 ms"),
        ("(d) return visit to first result", "d", "ms", "≤ 0.4 × (a)"),
        ("(d2) of which, Python ready (return-visit boot)", "d2", "ms", "–"),
        ("(d3) return visit, snapshot deleted: first result", "d3", "ms", "–"),
        ("(d4) return visit, snapshot deleted: Python ready", "d4", "ms", "–"),
        ("(e) bytes on the wire, cold visit", "e", "MB", "≤ 5 MB"),
        ("(f) of which, the page's own until the first result", "f", "MB", "–"),
    ]
    lines = ["| figure | median | min–max | × (a) | goal |", "|---|---:|---:|---:|---|"]
    for label, key, unit, goal in rows:
        f = figures[key]
        if unit == "MB":
            scale = 1 / 1_000_000
            cells = f"{f['median'] * scale:.2f} MB", f"{f['min'] * scale:.2f}–{f['max'] * scale:.2f}", "–"
        else:
            ratio = f"{f['median'] / yardstick:.2f}" if key != "a" else "1.00"
            cells = f"{f['median']:.0f} ms", f"{f['min']:.0f}–{f['max']:.0f}", ratio
        lines.append(f"| {label} | {' | '.join(cells)} | {goal} |")
    return "\n".join(lines)


def replay_cost(runs: int) -> str:
    """(r): each problem's run with the recording and without, as a table."""
    lines = ["| (r) recording backward(): a run of the reference | with | without | cost | goal |",
             "|---|---:|---:|---:|---|"]
    out = subprocess.run(["node", "bench/replay-cost.mjs", str(max(runs, 5))], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        row = json.loads(line)
        cost = row["withMs"] / row["withoutMs"] - 1
        times = f"{row['withMs']:.0f} ms | {row['withoutMs']:.0f} ms"
        lines.append(f"| {row['problem']} | {times} | {cost:+.0%} | ≤ +10% |")
    return "\n".join(lines)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    dist = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist"
    problems = json.loads((dist / "manifest.json").read_text())["problems"]
    with served_dist(root=dist) as url, sync_playwright() as playwright:
        bare = [bare_boot(playwright, url, dist) for _ in range(runs)]
        measured = [visits(playwright, f"{url}/#/{PROBLEM.id}") for _ in range(runs)]
    figures = {
        "a": summary(bare),
        "b": summary([m["cold"] for m in measured]),
        "c": summary([m["warm"] for m in measured]),
        "c2": summary([ms for m in measured for ms in m["at_once"]]),
        "g": summary([m["spare"] for m in measured]),
        "h": summary([m["stop"] for m in measured]),
        "d": summary([m["return"] for m in measured]),
        "d2": summary([m["return_boot"] for m in measured]),
        "d3": summary([m["return_no_snapshot"] for m in measured]),
        "d4": summary([m["return_boot_no_snapshot"] for m in measured]),
        "e": summary([m["bytes"] for m in measured]),
        "f": summary([m["first_bytes"] for m in measured]),
    }
    fetched = sorted({m["archives"] for m in measured})
    load = load_average()
    (ROOT / "build").mkdir(exist_ok=True)
    saved = {**figures, "problems": len(problems), "load": load}
    (ROOT / "build" / f"bench-{dist.name}.json").write_text(json.dumps(saved, indent=2))
    print(report(figures))
    print()
    print(replay_cost(runs))
    print(f"\nworkers alive at once, at most: {max(m['workers'] for m in measured)} (goal: at most two)")
    print(f"\nload average at the end (1, 5, 15 min): {load}")
    print(f"{len(problems)} problem(s) in the build; problem archives fetched before the first result: {fetched}")


if __name__ == "__main__":
    main()
