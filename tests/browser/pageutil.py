"""Doing what a learner does on the page: shared by the browser test files."""

import re
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

from problems import first_problem

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SYNTAX_ERROR = "class Value:\n    def __init__(self, data):\n        self.data = (data\n\n    def relu(self):\n"
RUN_TIMEOUT_MS = 60_000  # Pyodide's boot plus one run: a few seconds in practice
STORAGE_KEY = "autograd-playground:code:"
# Fills localStorage to the last byte, with keys "fill-<n>".
FILL_STORAGE = """() => {
    let i = 0;
    for (let size = 1 << 22; size >= 1; size >>= 1) {
        const chunk = "x".repeat(size);
        for (;;) {
            try { localStorage.setItem(`fill-${i++}`, chunk); } catch { break; }
        }
    }
}"""

# The problem the browser tests play: the track's first with the autograd plugin (they write Values).
PROBLEM = first_problem("autograd")


@contextmanager
def page_errors(page: Page):
    """The errors the page's scripts throw while the block runs, as a list of texts (a page may outlive the test)."""
    errors = []
    on_error = lambda error: errors.append(str(error))  # noqa: E731
    page.on("pageerror", on_error)
    try:
        yield errors
    finally:
        page.remove_listener("pageerror", on_error)


def results_region(page: Page):
    return page.get_by_role("region", name="Test results")


def item_named(page: Page, name: str):
    return results_region(page).get_by_role("listitem").filter(has_text=name)


def paste_code(page: Page, code: str) -> None:
    """Replace the editor's code as a learner's Ctrl+A, Ctrl+V would: one paste, no re-indenting."""
    editor = page.locator("#editor .cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+A")
    editor.evaluate("""(el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", code)


def shown_count(page: Page, region_id: str = "results") -> int:
    """How many runs' results the region has shown: a count that only grows (data-shown)."""
    return page.evaluate("(id) => Number(document.getElementById(id)?.dataset.shown ?? 0)", region_id)


def wait_for_next_shown(page: Page, before: int, region_id: str = "results", timeout_ms: int = RUN_TIMEOUT_MS):
    """Wait until the region has shown a run's results beyond the `before` it had, and is no longer busy."""
    page.wait_for_function("""([id, before]) => {
        const region = document.getElementById(id);
        return Number(region?.dataset.shown ?? 0) > before && region.getAttribute("aria-busy") === "false";
    }""", arg=[region_id, before], timeout=timeout_ms)


def run_tests(page: Page, *, keyboard: bool = False) -> str:
    """Start a run (button or Ctrl+Enter), wait until it is over, return the summary."""
    region = results_region(page)
    before = shown_count(page)
    if keyboard:
        page.keyboard.press("ControlOrMeta+Enter")
    else:
        page.get_by_role("button", name="Run tests").click()
    wait_for_next_shown(page, before)
    summary = region.get_by_text(re.compile(r"^\d+/\d+ passed"))
    expect(summary).to_be_visible()
    return summary.text_content()


def load_axe(page: Page) -> None:
    """Put axe-core on the page: evaluated, since the page's CSP (rightly) refuses inline scripts."""
    page.evaluate(AXE.read_text())


SERIOUS_VIOLATIONS = """async () => (await axe.run()).violations
    .filter((v) => ["serious", "critical"].includes(v.impact))
    .map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)}))"""


def serious_violations(page: Page) -> dict[str, list]:
    """axe-core's serious and critical findings on the page as it is, in the light and the dark scheme."""
    load_axe(page)
    found = {}
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        found[scheme] = page.evaluate(SERIOUS_VIOLATIONS)
    return {scheme: violations for scheme, violations in found.items() if violations}


def run_and_wait(page: Page, start=None, *, timeout_ms: int = RUN_TIMEOUT_MS) -> str:
    """Start a run with start() (default: click Run tests) and wait until it is over; return the summary."""
    before = shown_count(page)
    if start is None:
        page.get_by_role("button", name="Run tests").click()
    else:
        start()
    wait_for_next_shown(page, before, timeout_ms=timeout_ms)
    return page.locator("#summary").text_content()


def run_code(page: Page, code: str) -> str:
    """Run code as a script (Run code); return what the Run output region shows once it is over."""
    paste_code(page, code)
    before = shown_count(page, "run-output")
    page.get_by_role("button", name="Run code").click()
    wait_for_next_shown(page, before, "run-output")
    return page.get_by_role("region", name="Run output").inner_text()


def record_statuses(page: Page) -> None:
    """Keep every text the status line shows (some last only while Python restarts) in window.__statuses."""
    page.evaluate("""() => {
        const status = document.getElementById("status");
        window.__statuses = [status.textContent];
        new MutationObserver(() => window.__statuses.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});
    }""")


def wait_until_ready(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Python has (re)started and waits for a run."""
    expect(page.get_by_role("status").first).to_have_text("Ready", timeout=timeout_ms)


# Learner code in the worker logs this to the console once it is where Stop should find it: the test waits for the
# message, not for a time that a busy machine could make too short. The console is one of the few things the
# worker's scope keeps (static/run/lockdown.js), and the message leaves at once, however busy the worker stays.
IN_THE_LOOP = "learner code is in the loop"
SIGNAL = f"__import__('js').console.log('{IN_THE_LOOP}')"
# relu() never returns for a negative input: the first test hangs in it.
LOOPING = PROBLEM.solution.replace("    def relu(self):\n", "    def relu(self):\n        if self.data < 0:\n"
                           f"            {SIGNAL}\n        while self.data < 0:\n            pass\n", 1)
LOOP_LINES = {LOOPING.splitlines().index("        while self.data < 0:") + n for n in (1, 2)}


def stop_while_running(page: Page, code: str) -> float:
    """Run code, press Stop once the tests are running, return the seconds from the click to the results."""
    paste_code(page, code)
    page.evaluate("""() => {
        window.__stopAt = window.__shownAt = undefined;
        document.getElementById("stop").addEventListener("click", () => { window.__stopAt = performance.now(); },
                                                          {capture: true, once: true});
        const region = document.getElementById("results");
        new MutationObserver((records, observer) => {
            if (region.getAttribute("aria-busy") === "false") {
                window.__shownAt = performance.now();
                observer.disconnect();
            }
        }).observe(region, {attributes: true, attributeFilter: ["aria-busy"]});
    }""")
    with page.expect_console_message(lambda message: message.text == IN_THE_LOOP, timeout=60_000):
        page.get_by_role("button", name="Run tests").click()
    page.get_by_role("button", name="Stop").click()
    page.wait_for_function("() => window.__shownAt !== undefined")
    return page.evaluate("(window.__shownAt - window.__stopAt) / 1000")
