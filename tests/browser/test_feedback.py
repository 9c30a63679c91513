"""Feedback said once and in view: focus after a run, Solved and its memory, tiers, odd text, phones."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import (
    IN_THE_LOOP,
    LOOPING,
    RUN_TIMEOUT_MS,
    item_named,
    paste_code,
    results_region,
    run_tests,
    shown_count,
    wait_for_next_shown,
)
from problems import all_problems, first_problem

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")
MISTAKES = PROBLEM.mistakes  # wrong engines, and correct ones written apart from the reference
REQUIRED = len(PROBLEM.required)
NAMES = {test["id"]: test["name"] for test in PROBLEM.meta["tests"]}
LONG_CHAIN = PROBLEM.challenges[0]["name"]  # 10,000 additions: too deep for a recursive topological sort
HINT = PROBLEM.challenges[0]["hint"]
# the starter's, on every test
SHARED = "Did a method return None? Each operation must return a new Value, and each function its result."

# The lecture's engine (recursive topological sort, set children): right, but too deep for the challenge.
RECURSIVE_TOPO = MISTAKES["recursive_topo_set.py"]


def in_view(page: Page, locator) -> bool:
    return locator.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


def test_focus_goes_to_the_first_failure_then_to_a_solved_summary_remembered_after_reload(page, problem, solution):
    paste_code(page, MISTAKES["assign_not_accumulate.py"])
    run_tests(page)
    first_failure = results_region(page).locator('li:not([data-status="passed"])').first
    expect(first_failure).to_be_focused()
    assert in_view(page, first_failure)

    # a stale Run output goes when the tests run
    paste_code(page, solution + "\nprint('from Run code')\n")
    page.get_by_role("button", name="Run code").click()
    output = page.get_by_role("region", name="Run output")
    expect(output).to_contain_text("from Run code", timeout=RUN_TIMEOUT_MS)
    summary = run_tests(page)
    expect(output).to_be_hidden()

    total = sum(t.get("tier", "required") == "required" for t in problem["tests"])
    assert re.fullmatch(rf"{total}/{total} passed in [\d.]+ s: Solved", summary), summary
    summary_el = page.locator("#summary")
    expect(summary_el).to_be_focused()
    assert in_view(page, summary_el)
    solved = results_region(page).get_by_role("region", name="Solved")
    expect(solved).to_contain_text("Every required test passes")
    track = [p.id for p in all_problems()]
    after = all_problems()[track.index(PROBLEM.id) + 1:]
    if after:  # the next problem in the track
        expect(solved.get_by_role("link", name=after[0].meta["title"])).to_have_attribute("href", f"#/{after[0].id}")
    else:
        expect(solved).to_contain_text("next problem")
        expect(solved.get_by_role("button", name="Show graph")).to_be_visible()  # the graph of their last run
    expect(page.get_by_role("article").locator("#solved-badge")).to_have_text("✓ Solved")

    page.reload()
    expect(page.get_by_role("article").locator("#solved-badge")).to_have_text("✓ Solved")
    expect(summary_el).to_have_text(summary)  # the last run, not "Not run yet"
    expect(results_region(page)).to_contain_text("From your last visit")
    passed = results_region(page).locator('li[data-status="passed"]')
    expect(passed).to_have_count(len(problem["tests"]))  # the challenge passed too
    run_tests(page)
    expect(results_region(page)).not_to_contain_text("From your last visit")


def test_learner_text_cannot_hide_or_reverse_what_is_shown(page, solution):
    odd = "'\\x1b[31mred\\x1b[0m|a\\rb|\\u202eevil'"
    code = f"print({odd})\n" + solution.replace(
        "    def relu(self):\n",
        f"    def relu(self):\n        if self.data == 3:\n            raise ValueError({odd})\n", 1)
    paste_code(page, code)
    run_tests(page)
    expected = "red|a␍\nb|⟨U+202E⟩evil"
    expect(results_region(page).locator("#load-error pre")).to_have_text(expected + "\n")
    message = item_named(page, NAMES["test_relu_positive"]).locator(".test-message")
    expect(message).to_contain_text(f"ValueError: {expected}")
    assert "\u202e" not in results_region(page).text_content()
    assert message.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"

    page.get_by_role("button", name="Run code").click()
    expect(page.get_by_role("region", name="Run output").locator("pre").first).to_have_text(
        expected + "\n", timeout=RUN_TIMEOUT_MS)


def test_challenge_tests_are_apart_with_hints_and_never_stop_solved(page, solution, starter):
    paste_code(page, RECURSIVE_TOPO)
    summary = run_tests(page)
    assert re.fullmatch(rf"{REQUIRED}/{REQUIRED} passed in [\d.]+ s: Solved", summary), summary
    expect(page.locator("#summary")).to_be_focused()  # every required test passed: the summary, not the challenge
    region = results_region(page)
    expect(region.get_by_role("heading", name="Challenge: 0/1")).to_be_visible()
    challenge = item_named(page, LONG_CHAIN)
    expect(challenge).to_have_attribute("data-tier", "challenge")
    expect(challenge).not_to_have_attribute("data-status", "passed")
    expect(region.locator('li[data-tier="required"][data-status="passed"]')).to_have_count(REQUIRED)
    expect(region.get_by_role("region", name="Solved")).to_contain_text("1 challenge test below still fails")
    expect(challenge.get_by_text(HINT)).to_be_hidden()
    challenge.get_by_text("Hint", exact=True).click()
    expect(challenge.get_by_text(HINT)).to_be_visible()

    # advice that every failing test shares: said once, above the list, and not on each test
    paste_code(page, starter)
    run_tests(page)
    expect(region.locator("#load-error")).to_contain_text(SHARED)
    failing = region.locator('li:not([data-status="passed"])')
    expect(failing).to_have_count(len(PROBLEM.meta["tests"]))
    for item in failing.all():
        expect(item).not_to_contain_text(SHARED)


@pytest.fixture
def phone(browser, problem_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(problem_url)
    yield page
    context.close()


def test_on_a_phone_wide_math_scrolls_in_its_box_and_a_bar_jumps_between_sections(phone):
    page = phone
    expect(page.locator(".math-display").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing sticks out of the page
    boxes = page.evaluate("""() => [...document.querySelectorAll('.math-display, .statement-body pre')]
        .map((el) => ({wide: el.scrollWidth > el.clientWidth, scrolls: getComputedStyle(el).overflowX}))""")
    # a formula wider than a phone scrolls in its box (the statement's rows of rules are split to fit)
    assert all(box["scrolls"] == "auto" for box in boxes if box["wide"]), boxes
    assert all(box["scrolls"] == "auto" for box in boxes[:1]), boxes

    bar = page.get_by_role("navigation", name="Sections")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Autograd Playground")).to_be_focused()  # the way home comes first
    page.keyboard.press("Tab")
    expect(bar.get_by_role("button", name="Problem")).to_be_focused()  # then the bar, at once
    bar.get_by_role("button", name="Code").click()
    workspace = page.locator("#workspace")
    expect(workspace).to_be_focused()
    assert in_view(page, page.get_by_role("button", name="Run tests"))
    assert in_view(page, bar)  # it stays on top
    bar.get_by_role("button", name="Problem").click()
    expect(page.get_by_role("article")).to_be_focused()
    bar.get_by_role("button", name="Results").click()
    expect(results_region(page)).to_be_focused()

    # the editor wraps a long line instead of scrolling sideways
    paste_code(page, "x = " + " + ".join(["1"] * 120) + "\n")
    scroller = page.locator(".cm-scroller")
    assert scroller.evaluate("el => el.scrollWidth <= el.clientWidth")


def test_while_a_run_is_on_the_last_runs_results_are_dimmed_and_said_to_be_the_last(page):
    paste_code(page, MISTAKES["swapped_product.py"])
    run_tests(page)
    paste_code(page, LOOPING)
    with page.expect_console_message(lambda message: message.text == IN_THE_LOOP, timeout=RUN_TIMEOUT_MS):
        page.get_by_role("button", name="Run tests").click()
    note = page.locator("#results-note")
    expect(note).to_have_text("Running… Below, dimmed: your previous run's results.")
    assert page.locator("#test-list").evaluate("el => getComputedStyle(el).opacity") == "0.5"
    before = shown_count(page)
    page.get_by_role("button", name="Stop").click()
    wait_for_next_shown(page, before)
    expect(note).to_be_hidden()
    assert page.locator("#test-list").evaluate("el => getComputedStyle(el).opacity") == "1"


def test_numbers_are_written_one_way_in_messages_and_the_doctor(page):
    """-4.0 is written -4 by the tests' messages and the doctor alike; the doctor points at the line to change."""
    code = MISTAKES["swapped_product.py"]
    paste_code(page, code)
    run_tests(page)
    product = item_named(page, NAMES["test_product_plus_self"])
    message = product.locator(".test-message")
    expect(message).to_contain_text("should be -3, got 4\n")
    expect(message).to_contain_text("x.grad is 4 but should be -3")
    expect(message).not_to_contain_text(re.compile(r"\d\.0\b"))
    lines = code.splitlines()
    rule = next(i for i in range(lines.index("    def __mul__(self, other):"), len(lines))
                if lines[i].strip() == "def _backward():") + 1
    expect(message).to_contain_text(f"Look at __mul__'s _backward, line {rule} of your code")
    expect(message.locator("code")).to_have_text(["__mul__", "_backward"], ignore_case=False)  # shown as code
    product.get_by_role("button", name=f"Show line {rule} in the editor").click()
    expect(page.locator(".cm-activeLine")).to_contain_text("def _backward():")
    shown = page.locator(".cm-shown-line")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("def _backward():")
    expect(page.locator(".cm-selectionMatch")).to_have_count(0)  # relu's identical line is not lit up like it
    # the line in the middle half of the editor, and the editor in the window
    page.wait_for_function("""() => {
        const line = document.querySelector(".cm-shown-line").getBoundingClientRect();
        const editor = document.querySelector(".cm-scroller").getBoundingClientRect();
        const middle = (line.top + line.bottom) / 2 - editor.top;
        return middle > editor.height / 4 && middle < editor.height * 3 / 4
            && line.top >= 0 && line.bottom <= window.innerHeight;
    }""", timeout=10_000)


def test_results_saved_by_an_older_version_are_not_shown(page, problem):
    """Results from before the one result schema (no version 2) read as not run yet: never a crash."""
    tests = [{"id": t["id"], "name": t["name"], "outcome": "timeout", "message": "Stopped before this test started."}
             for t in problem["tests"]]
    old = {"at": "2026-01-01T00:00:00Z", "results": {"tests": tests, "passed": 0, "total": REQUIRED, "duration": 1}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"autograd-playground:results:{problem['id']}", json.dumps(old)])
    page.reload()
    expect(page.locator("#summary")).to_have_text("Not run yet.")
    expect(results_region(page).locator('li[data-status="pending"]')).to_have_count(len(tests))
    expect(results_region(page)).not_to_contain_text("From your last visit")


def test_results_of_version_3_are_left_aside_with_a_note(page, problem):
    """Results kept before plugins owned their data (version 3: a test's graph, the run's graphs) read as not run
    yet, and the page says why."""
    tests = [{"id": t["id"], "name": t["name"], "tier": t.get("tier", "required"), "outcome": "passed",
              "message": "", "output": "", "duration": 0, "line": None, "traceback": "", "graph": None,
              "hint": None, "progress": None} for t in problem["tests"]]
    old = {"at": "2026-01-01T00:00:00Z", "results": {
        "version": 3, "kind": "tests", "problem": problem["id"], "status": "finished", "error": None,
        "stopped": None, "output": "", "tests": tests, "passed": len(tests), "total": len(tests),
        "challenge": {"passed": 0, "total": 0}, "solved": True, "shared_message": None, "graphs": [],
        "timings": {"total": 0.1}}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"autograd-playground:results:{problem['id']}", json.dumps(old)])
    page.reload()
    expect(page.locator("#summary")).to_have_text("Not run yet.")
    expect(page.locator("#results-note")).to_contain_text("Your last results could not be shown")
    expect(results_region(page).locator('li[data-status="pending"]')).to_have_count(len(tests))
