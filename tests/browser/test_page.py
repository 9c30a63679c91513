"""The page as a learner uses it: write code, run the hidden tests, read the verdicts."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import (
    RUN_TIMEOUT_MS,
    STORAGE_KEY,
    SYNTAX_ERROR,
    item_named,
    paste_code,
    results_region,
    run_tests,
    serious_violations,
)

pytestmark = pytest.mark.browser


def stored_code(page: Page, problem_id: str) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY + problem_id)


def test_lists_every_test_pending_then_a_click_before_python_is_ready_is_queued(context, page, problem, required):
    """A first visit (context): Python boots from scratch, which takes seconds, not from a snapshot in ~1 s, so
    the click comes before it is ready."""
    items = results_region(page).get_by_role("listitem")
    expect(items).to_have_count(len(problem["tests"]))
    for item, test in zip(items.all(), problem["tests"], strict=True):
        expect(item).to_contain_text(test["name"])
        expect(item).to_have_attribute("data-status", "pending")

    page.get_by_role("button", name="Run tests").click()
    expect(page.get_by_role("status").first).to_contain_text("as soon as Python is ready")
    summary = run_tests_after_click(page)
    assert summary.startswith(f"0/{required} passed")  # the starter passes nothing
    for item in items.all():
        expect(item).to_have_attribute("data-status", "error")
    expect(page.get_by_role("status").first).to_have_text("Ready")


def run_tests_after_click(page: Page) -> str:
    region = results_region(page)
    expect(region).to_have_attribute("aria-busy", "false", timeout=RUN_TIMEOUT_MS)
    return region.get_by_text(re.compile(r"^\d+/\d+ passed")).text_content()


def test_reference_solution_passes_every_test(page, problem, required, solution):
    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed in ")
    items = results_region(page).get_by_role("listitem")
    expect(items).to_have_count(len(problem["tests"]))
    for item in items.all():
        expect(item).to_have_attribute("data-status", "passed")
        expect(item).to_contain_text("Passed")  # the verdict in words, not colour alone


def test_accumulation_mistake_fails_with_its_numbers(page, problem, problem_files):
    mistakes = problem_files.mistakes
    expected = problem_files.expectations["assign_not_accumulate.py"]
    paste_code(page, mistakes["assign_not_accumulate.py"])
    run_tests(page)
    names = {t["id"]: t["name"] for t in problem["tests"]}
    for test_id in expected["fails"]:
        expect(item_named(page, names[test_id])).to_have_attribute("data-status", "failed")
    for test_id, text in expected["message_contains"].items():
        expect(item_named(page, names[test_id])).to_contain_text(text)
    for test_id in set(names) - set(expected["fails"]):
        expect(item_named(page, names[test_id])).to_have_attribute("data-status", "passed")


def test_syntax_error_names_its_line_and_no_test_runs(page, problem):
    paste_code(page, SYNTAX_ERROR)
    assert run_tests(page).startswith("0/")
    region = results_region(page)
    expect(region.get_by_text("did not load")).to_be_visible()
    expect(region.locator("#load-error")).to_contain_text(re.compile(r"line \d+"))
    expect(region.locator("#load-error")).to_contain_text(re.compile(r"SyntaxError.* line \d+"))
    expect(region.locator("#load-error")).to_be_focused()  # the one reason, where the keyboard is
    items = region.get_by_role("listitem")
    expect(items).to_have_count(len(problem["tests"]))
    for item in items.all():  # said once, above the list: not on every test
        expect(item).to_have_attribute("data-status", "not_run")  # the code did not load: no test could start
        expect(item).not_to_contain_text("SyntaxError")


def test_ctrl_enter_in_the_editor_runs_the_tests(page, problem, required, solution):
    paste_code(page, solution)
    expect(page.locator(".cm-content")).to_be_focused()
    assert run_tests(page, keyboard=True).startswith(f"{required}/{required} passed")
    # Ctrl+Enter ran the tests and did not also edit the code
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code",
                           arg=[STORAGE_KEY + problem["id"], solution])


def test_pasted_code_is_kept_exactly_and_survives_a_reload(page, problem):
    # odd indentation inside a block: pasting must not re-indent it
    code = "class Value:\n    pass\n\nif True:\n        x = 1  # eight spaces, kept\n  # two\nprint('kept')\n"
    paste_code(page, code)
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code",
                           arg=[STORAGE_KEY + problem["id"], code])
    page.reload()
    expect(page.locator(".cm-content")).to_contain_text("# eight spaces, kept")
    assert stored_code(page, problem["id"]) == code


def test_reset_to_starter_is_undone_by_ctrl_z(page, problem, starter):
    code = "class Value:\n    pass  # my work\n"
    paste_code(page, code)
    page.get_by_role("button", name="Reset to starter").click()
    expect(page.get_by_role("status").first).to_contain_text("Ctrl+Z")
    expect(page.locator("html")).to_have_attribute("data-python", "ready", timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("status").first).to_contain_text("Ctrl+Z")  # Python's "Ready" did not replace it
    expect(page.locator(".cm-content")).not_to_contain_text("# my work")
    expect(page.locator(".cm-content")).to_contain_text(starter.strip().splitlines()[-1].strip())
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code",
                           arg=[STORAGE_KEY + problem["id"], starter])
    page.keyboard.press("ControlOrMeta+Z")  # the editor has the focus after a reset
    expect(page.locator(".cm-content")).to_contain_text("# my work")
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code",
                           arg=[STORAGE_KEY + problem["id"], code])


def test_printed_output_is_shown_as_text(page, solution):
    noisy = solution.replace("        self.grad = 1.0\n", "        print('<b>hi</b>')\n        self.grad = 1.0\n", 1)
    assert noisy != solution
    paste_code(page, noisy)
    run_tests(page)
    region = results_region(page)
    expect(region.locator("pre").filter(has_text="<b>hi</b>").first).to_be_visible()
    assert region.locator("b").count() == 0


def test_no_request_leaves_the_origin(context, server_url, problem_url):
    page = context.new_page()
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(problem_url)
    run_tests(page)
    page.wait_for_load_state("networkidle")
    elsewhere = [u for u in urls if not u.startswith(server_url + "/") and not u.startswith(("data:", "blob:"))]
    assert urls and not elsewhere, f"requests that left {server_url}: {elsewhere}"
    # Python, pytest and our harness really did come from here
    assert any(u.endswith("/pyodide.asm.wasm") for u in urls)
    assert any("/v/py-bundle-" in u for u in urls)  # pytest and our harness


def test_axe_finds_no_serious_accessibility_violation(page, problem_files):
    paste_code(page, problem_files.mistakes["assign_not_accumulate.py"])  # passes, failures, messages
    run_tests(page)
    serious = serious_violations(page)
    assert not serious, "axe found:\n" + json.dumps(serious, indent=1)


def test_statement_is_rendered_with_typeset_math(page, problem):
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", level=1)).to_have_text(problem["title"])
    expect(article).to_contain_text(problem["difficulty"])
    expect(article.locator(".katex").first).to_be_visible()
    assert article.locator(".katex-error").count() == 0


def test_keyboard_alone_reaches_everything_and_leaves_the_editor(page, problem, starter):
    run = page.get_by_role("button", name="Run tests")
    editor = page.locator(".cm-content")
    expect(editor).to_be_visible()
    for _ in range(20):  # the links home, the statement (and its wide formulas), then the toolbar's buttons
        page.keyboard.press("Tab")
        if run.evaluate("el => el === document.activeElement"):
            break
    expect(run).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Run code")).to_be_focused()
    page.keyboard.press("Tab")  # Stop is disabled until a run starts: straight to Copy link
    expect(page.get_by_role("button", name="Copy link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Reset to starter")).to_be_focused()
    page.keyboard.press("Tab")
    expect(editor).to_be_focused()
    page.keyboard.press("ControlOrMeta+Home")
    page.keyboard.press("Tab")  # Tab indents inside the editor, by four spaces...
    expect(editor).to_be_focused()
    page.wait_for_function("([key, line]) => (localStorage.getItem(key) || '').startsWith('    ' + line)",
                           arg=[STORAGE_KEY + problem["id"], starter.splitlines()[0]])
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("def f(x):")
    page.keyboard.press("Enter")  # auto-indent, by four spaces
    page.keyboard.type("return (x)")  # closing brackets are typed over, not doubled
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code",
                           arg=[STORAGE_KEY + problem["id"], "def f(x):\n    return (x)"])
    page.keyboard.press("Escape")  # ...and Esc, then Tab, moves on
    page.keyboard.press("Tab")
    expect(editor).not_to_be_focused()
