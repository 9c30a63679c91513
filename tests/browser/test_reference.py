"""The reference solution: fetched only when asked for; after solving, beside the learner's code with the
differences marked (CodeMirror's merge view); before solving, behind a dialog, and a later solve then counts as
"solved with the solution shown"."""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, paste_code, run_tests, serious_violations, wait_until_ready

pytestmark = pytest.mark.browser

SHOWN_KEY = "autograd-playground:solution-shown:" + PROBLEM.id
SOLUTION_FILE = re.compile(r"/assets/solution-[\w-]+\.py$")
MARKED = "WRITTEN_MY_OWN_WAY = True\n"  # one line of code the reference lacks: one difference


@pytest.fixture
def watched(context, problem_url):
    """The problem's page, with every URL it requests in page.requested: (url, by the service worker or not)."""
    requested = []
    context.on("request", lambda request: requested.append((request.url, bool(request.service_worker))))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.requested = requested
    page.goto(problem_url)
    yield page
    assert not errors, f"the page threw: {errors}"


def solution_requests(page: Page) -> list[str]:
    """Whoever asked: the page, its workers or the service worker (whose offline copy leaves it out)."""
    return [url for url, _ in page.requested if SOLUTION_FILE.search(url)]


def merge_view_requests(page: Page) -> list[str]:
    """The page's own: the service worker keeps every script of the release for offline use."""
    return [url for url, by_service_worker in page.requested if "/compare-view-" in url and not by_service_worker]


def compare_button(page: Page):
    return page.get_by_role("button", name="Compare with the reference")


def comparison(page: Page):
    return page.get_by_role("dialog", name="Your code and the reference")


def home_progress(page: Page) -> str:
    page.get_by_role("link", name="All problems").click()
    item = page.locator(f'li[data-problem-id="{PROBLEM.id}"] .progress')
    expect(item).to_be_visible()
    text = item.inner_text().strip()
    page.go_back()
    expect(page.get_by_role("heading", level=1, name=PROBLEM.meta["title"])).to_be_visible()
    return text


def test_after_solving_the_reference_is_fetched_on_request_and_shown_beside_the_code(watched, solution, required):
    page = watched
    wait_until_ready(page)
    paste_code(page, MARKED + solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    assert solution_requests(page) == []  # booting, running, solving: the reference never came
    assert merge_view_requests(page) == []  # nor the merge view's code

    compare_button(page).click()  # solved: no question asked
    expect(page.get_by_role("dialog", name="Show the solution?")).to_have_count(0)
    expect(comparison(page)).to_be_visible()
    merge = page.locator(".cm-mergeView")
    expect(merge).to_be_visible()
    expect(page.get_by_role("heading", name="Your code and the reference")).to_be_focused()
    expect(page.locator("#compare-news")).to_have_text(re.compile("1 part differs"))
    box = comparison(page).bounding_box()
    assert box["width"] >= 1200, box  # the window's width, not a pane's
    expect(merge.locator(".cm-changedLine").first).to_be_visible()  # the difference, marked
    expect(merge.locator(".cm-changedLine").first).to_contain_text(MARKED.strip())
    reference = merge.get_by_role("textbox", name="The reference solution")
    expect(reference).to_contain_text(solution.splitlines()[0].strip())
    assert len(solution_requests(page)) == 1
    assert merge_view_requests(page)
    assert not serious_violations(page), serious_violations(page)
    page.get_by_role("button", name="Hide the comparison").click()
    expect(merge).to_have_count(0)
    expect(compare_button(page)).to_be_focused()

    # compared after the solve: still plainly solved
    assert home_progress(page) == "✓ Solved"


def test_before_solving_a_dialog_asks_first_and_a_later_solve_counts_as_solved_with_the_solution(
        watched, solution, required):
    page = watched
    expect(page.locator("#reference-note")).to_contain_text("Solve the problem first")
    compare_button(page).click()
    dialog = page.get_by_role("dialog", name="Show the solution?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You can keep trying after.")
    expect(dialog.get_by_role("button", name="Keep trying")).to_be_focused()
    assert not serious_violations(page), serious_violations(page)

    page.keyboard.press("Escape")  # cancel does nothing
    expect(dialog).to_be_hidden()
    expect(compare_button(page)).to_be_focused()
    compare_button(page).click()
    dialog.get_by_role("button", name="Keep trying").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".cm-mergeView")).to_have_count(0)
    assert solution_requests(page) == []
    assert page.evaluate("key => localStorage.getItem(key)", SHOWN_KEY) is None

    compare_button(page).click()
    dialog.get_by_role("button", name="Show the solution").click()
    expect(page.locator(".cm-mergeView")).to_be_visible()
    page.keyboard.press("Escape")
    expect(comparison(page)).to_be_hidden()
    assert len(solution_requests(page)) == 1
    assert page.evaluate("key => localStorage.getItem(key)", SHOWN_KEY) is not None
    expect(page.locator("#solved-badge")).to_be_hidden()  # shown, not solved
    expect(page.locator("#reference-note")).to_contain_text("You have seen the solution")
    assert home_progress(page) == "◐ Attempted"

    page.reload()  # kept: the dialog asks no more
    compare_button(page).click()
    expect(page.get_by_role("dialog", name="Show the solution?")).to_be_hidden()
    expect(page.locator(".cm-mergeView")).to_be_visible()
    page.get_by_role("button", name="Hide the comparison").click()

    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    expect(page.locator("#solved-badge")).to_have_text("✓ Solved with the solution shown")
    assert home_progress(page) == "✓ Solved with the solution shown"


def test_a_reference_that_cannot_load_says_so_and_changes_nothing(browser, problem_url):
    context = browser.new_context(service_workers="block")  # so that the route below sees every request
    context.route(SOLUTION_FILE, lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    page.goto(problem_url)
    compare_button(page).click()
    page.get_by_role("dialog").get_by_role("button", name="Show the solution").click()
    expect(page.locator("#reference-news")).to_contain_text("could not be loaded")
    expect(page.locator(".cm-mergeView")).to_have_count(0)
    assert page.evaluate("key => localStorage.getItem(key)", SHOWN_KEY) is None  # not seen: not counted
    expect(page.locator("#reference-note")).to_contain_text("Solve the problem first")
    context.close()


def test_on_a_phone_the_comparison_is_one_column_that_fits(browser, problem_url, starter, solution):
    def code(line: str) -> str:  # comments differ too, but the comparison ignores them at first
        return line.split("#")[0].strip()

    in_solution = {code(line) for line in solution.splitlines()}
    own_line = next(line.strip() for line in starter.splitlines()
                    if code(line) and code(line) not in in_solution and not code(line).startswith(('"', "'")))
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(problem_url)
    compare_button(page).click()
    page.get_by_role("dialog").get_by_role("button", name="Show the solution").click()
    news = re.compile(r"your differing lines marked .*: \d+ parts? diff")
    expect(page.locator("#compare-news")).to_contain_text(news)
    expect(page.locator(".cm-mergeView")).to_have_count(0)  # not two columns of a few words each
    column = page.get_by_role("textbox", name=re.compile("^The reference solution"))
    expect(column).to_be_visible()
    expect(page.locator("#compare-view .cm-deletedChunk").first).to_contain_text(own_line)  # the learner's, marked
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert not serious_violations(page), serious_violations(page)
    context.close()


def test_the_comparison_ignores_comments_and_goes_from_change_to_change(watched, solution, required):
    page = watched
    wait_until_ready(page)
    mine = '"""My engine."""\n# notes to myself\n' + MARKED + solution.replace("\n\n", "\n\n# another note\n", 1)
    mine += "ALSO_MINE = 2\n"
    paste_code(page, mine)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    compare_button(page).click()
    news = page.locator("#compare-news")
    expect(news).to_have_text(re.compile("2 parts differ \\(comments, docstrings and spaces ignored\\)"))

    page.get_by_role("button", name="Next change").click()
    expect(news).to_have_text("Change 1 of 2.")
    for key, shown in (("n", 2), ("n", 1), ("p", 2)):  # round and round, by key
        page.keyboard.press(key)
        expect(news).to_have_text(f"Change {shown} of 2.")
    page.get_by_role("button", name="Previous change").click()
    expect(news).to_have_text("Change 1 of 2.")

    ignore = page.get_by_role("checkbox", name="Ignore comments, docstrings and spaces")
    expect(ignore).to_be_checked()
    ignore.uncheck()  # every difference, the notes too
    expect(news).to_have_text(re.compile(r"([3-9]|\d\d) parts differ\.$"))
    assert not serious_violations(page), serious_violations(page)
    page.keyboard.press("Escape")
    expect(comparison(page)).to_be_hidden()
    expect(compare_button(page)).to_be_focused()
