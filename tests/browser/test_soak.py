"""200 runs in one page, correct and buggy in turn: each gets the right verdict, and Python's memory levels off."""

import json
import time

import pytest

from pageutil import PROBLEM, paste_code, wait_until_ready

pytestmark = pytest.mark.browser

MISTAKES = PROBLEM.mistakes
RUNS = 200
REPORTED = {1, 50, 100, 150, 200}
MB = 1024 * 1024


def test_200_runs_keep_their_verdicts_and_the_wasm_heap_stops_growing(page, problem, solution):
    buggy = (MISTAKES / "assign_not_accumulate.py").read_text()
    fails = set(json.loads((MISTAKES / "expectations.json").read_text())["assign_not_accumulate.py"]["fails"])
    tests = [t["id"] for t in problem["tests"]]
    expected = {
        solution: {test: "passed" for test in tests},
        buggy: {test: "failed" if test in fails else "passed" for test in tests},
    }
    paste_code(page, solution)  # focuses the editor: Ctrl+Enter below runs the tests
    wait_until_ready(page)
    heap, sizes, started = {}, [], time.perf_counter()
    for run in range(1, RUNS + 1):
        code = solution if run % 2 else buggy
        page.locator(".cm-content").evaluate("""(el, code) => {
            const data = new DataTransfer();
            data.setData("text/plain", code);
            el.ownerDocument.execCommand("selectAll");
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
            const region = document.getElementById("results");
            window.__runOver = false;
            new MutationObserver((records, observer) => {
                if (records.some((r) => r.oldValue === "true") && region.getAttribute("aria-busy") === "false") {
                    window.__runOver = true;
                    observer.disconnect();
                }
            }).observe(region, {attributes: true, attributeFilter: ["aria-busy"], attributeOldValue: true});
        }""", code)
        page.keyboard.press("ControlOrMeta+Enter")
        shown = page.wait_for_function("""() => window.__runOver && {
            verdicts: Object.fromEntries([...document.querySelectorAll("#results li[data-test-id]")]
                .map((li) => [li.dataset.testId, li.dataset.status])),
            bytes: Number(document.getElementById("results").dataset.heapBytes),
            used: Number(document.getElementById("results").dataset.heapUsed),
        }""", timeout=30_000).json_value()
        assert shown["verdicts"] == expected[code], f"run {run}: {shown['verdicts']}"
        sizes.append(shown["bytes"])
        if run in REPORTED:
            heap[run] = shown
    seconds = time.perf_counter() - started
    print(f"\n{RUNS} runs in {seconds:.1f} s; wasm heap (size / in use by malloc), MB:")
    for run, shown in heap.items():
        print(f"  run {run:3}: {shown['bytes'] / MB:6.1f} / {shown['used'] / MB:6.1f}")
    assert sizes == sorted(sizes), "the heap shrank: the worker was replaced (runner-client.js MAX_HEAP_BYTES)"
    # The heap may grow while caches warm up, then it levels off: after run 50, little more.
    assert heap[200]["bytes"] <= heap[50]["bytes"] + 8 * MB
    assert heap[200]["used"] <= heap[50]["used"] + 4 * MB
