"""make bench: how fast the playground feels, measured in headless Chromium against dist/.

(a) a bare Pyodide boot in a worker (the yardstick), (b) a cold visit to the first result,
(c) a warm run (started 1 s after the first result), (d) a return visit to the first result,
(e) bytes on the wire on a cold visit, as served (brotli), service-worker precache included,
(f) of which, what the page and its worker fetched until the first result (the service worker's precache,
which may start before it, left out): what the visit itself needs.
Each figure is the median of RUNS runs, with the min and max. The visits open the track's first problem
(#/<id>); the report says how many problems the build holds, and how many problem archives a visit fetched
before its first result (one: a visit never waits for another problem's files).

    .venv/bin/python bench/run.py [RUNS]      (after `make build`; `make bench` does both)
"""

import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from problems import first_problem  # noqa: E402
from serving import CHROMIUM_ARGS, chromium_path, served_dist  # noqa: E402

RUNS = 5
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
FIRST_RESULT = """() => {
  const region = document.querySelector('[aria-label="Test results"], [role="region"]');
  const done = region && region.getAttribute("aria-busy") === "false" && /\\d+\\/\\d+ passed/.test(region.textContent)
    && !region.querySelector('[data-status="pending"]')
    && !/From your last visit/.test(region.textContent); // the results a return visit restores: not this run's
  return done ? performance.now() : false;
}"""


def open_profile(playwright, profile: Path):
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1280, "height": 800})


def bare_boot(playwright, url: str) -> float:
    with tempfile.TemporaryDirectory() as profile:
        context = open_profile(playwright, Path(profile))
        page = context.new_page()
        pyodide_dir = json.loads((ROOT / "dist" / "manifest.json").read_text())["pyodide"]
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
    page.get_by_role("button", name="Run tests").click()
    return page.wait_for_function(FIRST_RESULT, timeout=60_000, polling=10).json_value()


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
        page.wait_for_timeout(1000)  # a person reads the first verdicts before running again
        started = page.evaluate("performance.now()")
        warm = click_run_and_wait(page) - started
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")  # the offline copy is complete
        wire = sum(transferred(request) for request in sizes)
        context.close()

        context = open_profile(playwright, Path(profile))
        page = context.new_page()
        page.goto(url)
        back = click_run_and_wait(page)
        context.close()
    return {"cold": cold, "warm": warm, "return": back, "bytes": wire, "first_bytes": first_bytes, "archives": archives}


def transferred(request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def report(figures: dict) -> str:
    yardstick = figures["a"]["median"]
    rows = [
        ("(a) bare Pyodide boot in a worker", "a", "ms", "yardstick"),
        ("(b) cold visit to first result", "b", "ms", "≤ 1.25 × (a)"),
        ("(c) warm run", "c", "ms", "≤ 150 ms"),
        ("(d) return visit to first result", "d", "ms", "≤ 0.75 × (a)"),
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


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    problems = json.loads((ROOT / "dist" / "manifest.json").read_text())["problems"]
    with served_dist() as url, sync_playwright() as playwright:
        bare = [bare_boot(playwright, url) for _ in range(runs)]
        measured = [visits(playwright, f"{url}/#/{first_problem().id}") for _ in range(runs)]
    figures = {
        "a": summary(bare),
        "b": summary([m["cold"] for m in measured]),
        "c": summary([m["warm"] for m in measured]),
        "d": summary([m["return"] for m in measured]),
        "e": summary([m["bytes"] for m in measured]),
        "f": summary([m["first_bytes"] for m in measured]),
    }
    fetched = sorted({m["archives"] for m in measured})
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "bench.json").write_text(json.dumps({**figures, "problems": len(problems)}, indent=2))
    print(report(figures))
    print(f"\n{len(problems)} problem(s) in the build; problem archives fetched before the first result: {fetched}")


if __name__ == "__main__":
    main()
