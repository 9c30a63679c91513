"""100 runs in one page, correct and buggy in turn: each gets the right verdict in a Python of its own, no more
than two Python workers live at once, and the memory of the page and its workers levels off."""

import time

import pytest

from pageutil import PROBLEM, paste_code, wait_until_ready

pytestmark = pytest.mark.browser

MISTAKES = PROBLEM.mistakes
RUNS = 100
REPORTED = {1, 25, 50, 75, 100}
MB = 1024 * 1024
# Bytes of the page and every worker of it (cross-origin isolated pages only; answered at once with the
# ForceEagerMeasureMemory flag in serving.CHROMIUM_ARGS).
MEMORY = "async () => (await performance.measureUserAgentSpecificMemory()).bytes"


def test_100_runs_keep_their_verdicts_in_at_most_two_workers_and_memory_levels_off(page, problem, solution):
    buggy = MISTAKES["assign_not_accumulate.py"]
    fails = set(PROBLEM.expectations["assign_not_accumulate.py"]["fails"])
    tests = [t["id"] for t in problem["tests"]]
    expected = {
        solution: {test: "passed" for test in tests},
        buggy: {test: "failed" if test in fails else "passed" for test in tests},
    }
    paste_code(page, solution)  # focuses the editor: Ctrl+Enter below runs the tests
    wait_until_ready(page)
    memory, most_workers, started = {}, 0, time.perf_counter()
    for run in range(1, RUNS + 1):
        code = solution if run % 2 else buggy
        page.locator(".cm-content").evaluate("""(el, code) => {
            const data = new DataTransfer();
            data.setData("text/plain", code);
            el.ownerDocument.execCommand("selectAll");
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""", code)
        before = page.evaluate("() => Number(document.getElementById('results').dataset.shown ?? 0)")
        page.keyboard.press("ControlOrMeta+Enter")
        shown = page.wait_for_function("""(before) => {
            const region = document.getElementById("results");
            if (Number(region.dataset.shown ?? 0) <= before || region.getAttribute("aria-busy") !== "false") {
                return false;
            }
            return Object.fromEntries([...region.querySelectorAll("li[data-test-id]")]
                .map((li) => [li.dataset.testId, li.dataset.status]));
        }""", arg=before, timeout=60_000).json_value()
        assert shown == expected[code], f"run {run}: {shown}"
        most_workers = max(most_workers, len(page.workers))
        if run in REPORTED:
            memory[run] = page.evaluate(MEMORY)
    seconds = time.perf_counter() - started
    print(f"\n{RUNS} runs in {seconds:.1f} s; at most {most_workers} workers; memory of the page and its workers:")
    for run, size in memory.items():
        print(f"  run {run:3}: {size / MB:7.1f} MB")
    assert most_workers <= 2
    # Each run's worker goes with its run: after the first runs, the memory does not keep growing.
    assert memory[100] <= memory[25] + 64 * MB, memory
