"""Never stuck, never lost: Stop, the time limit, crashes, odd code, floods of output, HTML, the CSP.

Each page load boots Pyodide (a few seconds), so a test here often runs several programs in one page.
"""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from pageutil import (
    LOOP_LINES,
    LOOPING,
    SIGNAL,
    STORAGE_KEY,
    item_named,
    paste_code,
    results_region,
    run_and_wait,
    stop_while_running,
    wait_until_ready,
)
from problems import first_problem

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")  # its engine has relu(): the code below makes it hang
SOLUTION = PROBLEM.solution
REQUIRED = len(PROBLEM.required)
ALL_PASSED = f"{REQUIRED}/{REQUIRED} passed"
NONE_PASSED = f"0/{REQUIRED} passed"
FIRST_TEST, SECOND_TEST = (test["name"] for test in PROBLEM.meta["tests"][:2])  # the first calls relu(-x)

# Catches the KeyboardInterrupt that Stop raises, and loops on: only a fresh worker ends it.
STUBBORN = (f"class Value:\n    def __init__(self, data):\n        {SIGNAL}\n        while True:\n            try:\n"
            "                while True:\n                    pass\n            except BaseException:\n"
            "                pass\n")


def code_in_storage(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY + PROBLEM.id)


def statuses(page: Page) -> list[str]:
    return page.evaluate("window.__statuses")


def test_stop_ends_a_run_and_python_carries_on(page):
    assert page.evaluate("crossOriginIsolated"), "the server must send COOP and COEP: Stop needs them"
    wait_until_ready(page)
    latency = stop_while_running(page, LOOPING)
    # reported, not enforced (a busy machine can take longer than the 1 s grace, and Python is then ended at once)
    print(f"\nStop → results shown: {latency * 1000:.0f} ms (interrupt buffer)")
    first = item_named(page, FIRST_TEST)
    expect(first).to_have_attribute("data-status", "stopped")
    expect(first).to_contain_text(re.compile(r"Stopped by you before this test finished\. "
                                             r"It was running line (\d+) of your code\."))
    line = int(re.search(r"running line (\d+)", first.text_content()).group(1))
    assert line in LOOP_LINES
    expect(first.get_by_role("button", name=f"Show line {line} in the editor")).to_be_visible()
    second = item_named(page, SECOND_TEST)
    expect(second).to_have_attribute("data-status", "not_run")
    expect(second).to_contain_text("Stopped by you before this test started.")
    expect(page.locator("#summary")).to_have_text(re.compile(rf"^{NONE_PASSED} in [\d.]+ s: stopped by you$"))
    expect(page.get_by_role("status").first).to_have_text("Ready")

    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)

    # Code that swallows the KeyboardInterrupt: after the grace, its worker is ended without an answer.
    latency = stop_while_running(page, STUBBORN)
    print(f"Stop → results shown: {latency * 1000:.0f} ms (interrupt ignored: worker ended)")
    expect(results_region(page).locator("#load-error")).to_contain_text(  # said once, for every test
        "Stopped by you: Python was ended to stop your code, so it could not say how far the tests got.")
    expect(item_named(page, FIRST_TEST)).to_have_attribute("data-status", "not_run")  # which one ran is not known
    expect(item_named(page, FIRST_TEST)).not_to_contain_text("Stopped")
    assert code_in_storage(page) == STUBBORN
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)


def without_isolation(route) -> None:
    """The page without COOP/COEP: not cross-origin isolated, so no SharedArrayBuffer for the interrupt."""
    response = route.fetch()
    dropped = {"cross-origin-opener-policy", "cross-origin-embedder-policy", "content-encoding", "content-length"}
    route.fulfill(response=response, headers={k: v for k, v in response.headers.items() if k.lower() not in dropped})


def test_stop_without_cross_origin_isolation_ends_the_worker_at_once(context, server_url, problem_url):
    page = context.new_page()
    page.route(server_url + "/", without_isolation)
    page.goto(problem_url)
    assert page.evaluate("crossOriginIsolated") is False
    wait_until_ready(page)
    latency = stop_while_running(page, LOOPING)
    print(f"\nStop → results shown: {latency * 1000:.0f} ms (no isolation: worker ended)")
    expect(item_named(page, FIRST_TEST)).to_have_attribute("data-status", "not_run")
    expect(results_region(page).locator("#load-error")).to_contain_text("Stopped by you: Python was ended")
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)


def test_time_limit_stops_a_run_that_never_ends(page, problem):
    limit = problem["time_limit_seconds"]
    paste_code(page, LOOPING)
    summary = run_and_wait(page)
    assert summary.startswith(f"{NONE_PASSED} in ") and summary.endswith(f": stopped after the {limit} s time limit")
    seconds = float(re.search(r"passed in ([\d.]+) s", summary).group(1))
    assert seconds >= limit - 0.1  # Python's own count: it started just before the page's
    first = item_named(page, FIRST_TEST)
    expect(first).to_have_attribute("data-status", "stopped")
    expect(first).to_contain_text(re.compile(
        rf"Stopped after the {limit} s time limit, before this test finished\. It was running line \d+ of your code\. "
        r"Is there a loop that never ends\?"))
    expect(item_named(page, SECOND_TEST)).to_contain_text(
        f"Stopped after the {limit} s time limit, before this test started.")
    expect(item_named(page, SECOND_TEST)).not_to_contain_text("loop that never ends")
    expect(page.get_by_role("status").first).to_have_text("Ready")


def test_the_time_limit_says_how_far_training_got(page, problem):
    """A test stopped while it still calls backward() (training, say) is told how many calls it made."""
    limit = problem["time_limit_seconds"]
    training = SOLUTION.replace("    def relu(self):", "    def relu(self):\n        while True:\n"
                                "            (Value(2.0) * 3).backward()", 1)
    paste_code(page, training)
    assert run_and_wait(page).endswith(f": stopped after the {limit} s time limit")
    first = item_named(page, FIRST_TEST)
    expect(first).to_have_attribute("data-status", "stopped")
    expect(first).to_contain_text(re.compile(r"By then: [\d,]+ backward\(\) calls\. "
                                             r"Does it do more work than fits in the time limit\?"))
    expect(first).not_to_contain_text("loop that never ends")


def test_a_crash_harms_no_later_run_and_the_code_is_kept(page):
    # A fatal error in Pyodide, during the run: a wasm trap, as a segfault would be.
    crash = "import ctypes\n\nctypes.string_at(2**32 - 16, 100)  # reads past the end of memory: a fatal error\n"
    paste_code(page, crash)
    assert run_and_wait(page) == NONE_PASSED  # no time: Python did not say how long it ran
    message = ("Python crashed (memory access out of bounds); your code is safe in the editor, and the next run gets "
               "a fresh Python.")
    region = results_region(page)
    expect(region.locator("#load-error")).to_contain_text("The tests could not run")
    expect(region.locator("#load-error")).to_contain_text(message)  # once, not on every test
    expect(item_named(page, FIRST_TEST)).not_to_contain_text(message)
    expect(item_named(page, FIRST_TEST)).to_have_attribute("data-status", "not_run")
    assert code_in_storage(page) == crash
    expect(page.locator(".cm-content")).to_contain_text("ctypes.string_at(2**32 - 16, 100)")
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)

    # The worker closed by the code: it ends once the run has answered, and the next run has its own.
    closing = "import js\n\njs.close()  # ends the worker that Python runs in\n\nclass Value:\n    pass\n"
    paste_code(page, closing)
    assert run_and_wait(page).startswith(NONE_PASSED)
    assert code_in_storage(page) == closing
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)


SABOTAGE = ("import builtins, json, sys\nimport playground.runner\n\n"
            "json.dumps = None\nplayground.runner.run_pytest = None\nbuiltins.print = None\n"
            "sys.stdout = None\ndel sys.modules['pytest']\n\nclass Value:\n    pass\n")
OPERATOR_RECURSION = SOLUTION.replace("    def __add__(self, other):\n",
                                      "    def __add__(self, other):\n        return self + other\n", 1)
RECURSION_LINE = OPERATOR_RECURSION.splitlines().index("        return self + other") + 1
BREAKS_PATH = "import pathlib\n\npathlib.Path.write_text = None\n\nclass Value:\n    pass\n"
MEGABYTE = "# a line of padding, to make the file large ...........................................\n" * 12_000

# (what the learner wrote, code, the first test's status, what its message says): code that does not load runs
# no test ("not_run"), and says why once, above the list
ODD_CODE = [
    ("infinite recursion", OPERATOR_RECURSION, "error",
     f"RecursionError in __add__, line {RECURSION_LINE} of your code: too many calls nested inside each other"),
    ("sys.exit() at import", "import sys\nsys.exit()\n", "not_run",
     "Your code raised SystemExit while loading (line 2 of your code)."),
    ("an exception at import", "class Value:\n    pass\n\nValue(1) / 0\n", "not_run",
     "Your code raised TypeError: Value() takes no arguments while loading (line 4 of your code)."),
    ("an empty editor", "\n  \n", "not_run", "The editor is empty"),
    ("code that replaces what the harness uses", SABOTAGE, "not_run",
     "Did your code replace or delete something the tests use"),
    ("the solution, after that", SOLUTION, "passed", ""),
    ("code that breaks a class the harness uses", BREAKS_PATH, "not_run",
     "Did your code replace or delete something the tests use"),
    ("the solution, after that", SOLUTION, "passed", ""),
    ("too much memory", "x = [None] * 2**30\n", "not_run", "Your code raised MemoryError while loading (line 1"),
    ("a null character", "x = 1\n\x00\n", "not_run", "Line 2 of your code holds a null character"),
    ("half a surrogate pair", "x = '\ud83d'\n", "not_run",
     "Line 1 of your code holds a character that is not valid text (U+D83D)"),
    ("a megabyte of code", MEGABYTE + SOLUTION, "passed", ""),
]


def test_any_code_gets_a_clear_message_and_the_page_stays_usable(page):
    assert len(MEGABYTE) > 1_000_000
    for what, code, status, message in ODD_CODE:
        paste_code(page, code)
        summary = run_and_wait(page)
        first = item_named(page, FIRST_TEST)
        expect(first, f"{what}: {summary}").to_have_attribute("data-status", status)
        expect(results_region(page), what).to_contain_text(message)  # on the test, or once above the list
        expect(page.get_by_role("status").first, what).to_have_text("Ready")
    assert code_in_storage(page) == MEGABYTE + SOLUTION


def test_a_flood_of_output_is_cut_and_a_correct_solution_still_passes(page):
    chatty = ("import os\n\nos.write(1, b'straight to the console\\n' * 500_000)  # 11 MB past sys.stdout\n"
              "for i in range(200_000):\n    print(i, '<b>not bold</b>')\n\n" + SOLUTION)
    paste_code(page, chatty)
    wait_until_ready(page)
    started = time.perf_counter()
    assert run_and_wait(page).startswith(ALL_PASSED)
    print(f"\n200,000 printed lines: results in {time.perf_counter() - started:.2f} s")
    printed = results_region(page).locator("#load-error pre")
    text = printed.text_content()
    assert text.startswith("0 <b>not bold</b>\n1 <b>not bold</b>\n")
    assert text.count("\n") <= 10_003
    assert "… output cut: 190,000 more lines" in text
    assert "A run keeps at most 10,000 lines or 1 MB of printed output." in text
    painted = page.evaluate("""() => { const asked = performance.now();
        return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - asked))); }""")
    print(f"the next frame came {painted:.0f} ms later")  # the page still paints (speed: make bench)
    assert results_region(page).locator("b").count() == 0


HTML = '<img src=x onerror="window.__pwned = true"><b>bold</b><script>window.__pwned = true</script>'


def test_everything_the_code_produces_is_shown_as_text(page):
    raising = f"print({HTML!r})\n" + SOLUTION.replace(
        "    def relu(self):\n", f"    def relu(self):\n        raise ValueError({HTML!r})\n", 1)
    paste_code(page, raising)
    run_and_wait(page)
    region = results_region(page)
    expect(item_named(page, FIRST_TEST)).to_contain_text(f"ValueError: {HTML}")
    expect(region.locator("#load-error pre")).to_have_text(HTML + "\n")
    paste_code(page, f"raise RuntimeError({HTML!r})\n")
    run_and_wait(page)
    expect(region.locator("#load-error")).to_contain_text(f"RuntimeError: {HTML}")
    region.locator("details.traceback summary").first.click()
    assert page.locator("#results img, #results b, #results script, [onerror]").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_page_sends_a_content_security_policy_and_works_under_it(context, problem_url):
    page = context.new_page()
    violations, responses = [], {}
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text[:300]))
    page.on("response", lambda r: responses.setdefault(r.url, r))
    page.add_init_script("document.addEventListener('securitypolicyviolation', (e) => "
                         "console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`))")
    document = page.goto(problem_url)
    policy = document.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives.get("default-src") == ["'self'"], policy
    assert "'unsafe-eval'" not in policy  # Pyodide needs only 'wasm-unsafe-eval'
    wait_until_ready(page)
    worker = next(r for url, r in responses.items() if re.search(r"/worker[-.\w]*\.js$", url))
    assert worker.headers.get("content-security-policy") == policy  # a worker follows its own response's CSP

    expect(page.get_by_role("article").locator(".katex").first).to_be_visible()  # KaTeX, its fonts and styles
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)
    show_graph = item_named(page, FIRST_TEST).get_by_role("button", name="Show graph")
    if show_graph.count():  # the graph view, where there is one
        show_graph.click()
    page.wait_for_load_state("networkidle")
    assert not violations, violations


def test_a_visit_fetches_its_own_problem_and_no_other(context, server_url):
    """The worker fetches the problem the page opens on while Python boots: one archive, whatever the track
    holds (the service worker's offline copy, fetched later, is not the visit's)."""
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: "/v/problem-" in r.url and r.service_worker is None and fetched.append(r.url))
    page.goto(f"{server_url}/#/{PROBLEM.id}")
    paste_code(page, SOLUTION)
    assert run_and_wait(page).startswith(ALL_PASSED)
    names = {url.rsplit("/", 1)[1] for url in fetched}  # each fresh Python fetches it (from the HTTP cache)
    assert len(names) == 1 and names.pop().startswith(f"problem-{PROBLEM.id}-"), names


def test_stop_while_python_loads_cancels_the_run_and_keeps_nothing(context, server_url):
    """Python is held back (its bundle's response waits): the run waits for it, and Stop cancels it."""
    page = context.new_page()
    held = []
    page.route("**/v/py-bundle-*.zip", lambda route: held.append(route))  # answered below, once the run is cancelled
    with page.expect_request("**/v/py-bundle-*.zip"):
        page.goto(f"{server_url}/#/{PROBLEM.id}")
    paste_code(page, SOLUTION)

    def run_then_stop():
        page.get_by_role("button", name="Run tests").click()
        expect(page.get_by_role("status").first).to_contain_text("as soon as Python is ready")
        page.get_by_role("button", name="Stop").click()

    assert run_and_wait(page, run_then_stop) == "Run cancelled."
    expect(item_named(page, FIRST_TEST)).to_have_attribute("data-status", "not_run")
    expect(results_region(page).locator("#load-error")).to_contain_text("Stopped before Python was ready")
    assert page.evaluate("(key) => localStorage.getItem(key)", f"autograd-playground:results:{PROBLEM.id}") is None
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/v/py-bundle-*.zip")  # the next Pythons fetch it too (once this one is up)
    wait_until_ready(page)
    assert run_and_wait(page).startswith(ALL_PASSED)


def test_a_problem_whose_files_cannot_be_fetched_says_so(context, server_url):
    """The problem's archive fails to come while Python boots, and again for the run: the page says why."""
    page = context.new_page()
    page.route("**/v/problem-*.zip", lambda route: route.abort())
    page.goto(f"{server_url}/#/{PROBLEM.id}")
    paste_code(page, SOLUTION)
    assert run_and_wait(page) == NONE_PASSED
    expect(results_region(page).locator("#load-error")).to_contain_text("The tests could not be fetched")
    expect(item_named(page, FIRST_TEST)).to_have_attribute("data-status", "not_run")
    page.unroute("**/v/problem-*.zip")
    assert run_and_wait(page).startswith(ALL_PASSED)  # the next run fetches them
