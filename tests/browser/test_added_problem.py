"""A problem added by copying a folder, and nothing else: the page lists it, plays it, and keeps it offline.

The build reads its problems from a folder of this test's own (PLAYGROUND_PROBLEMS): the autograd problem, and
a copy of it under a new id and title, placed after it. (Only the one: the build runs every problem's answers to
learn what they import, and the track's other problems would add a minute to the build and nothing to the test.)"""

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, paste_code, run_tests
from problems import ProblemFiles
from serving import served_dist
from temp_build import build_site, copy_problem

pytestmark = pytest.mark.browser

NEW_ID = "copied_problem"
NEW_TITLE = "A copied problem"


@pytest.fixture(scope="module")
def two_problem_site(tmp_path_factory):
    """(dist, the added problem's files) of a build whose track ends with the copied problem."""
    work = tmp_path_factory.mktemp("added-problem")
    problems = work / "problems"
    problems.mkdir()
    copy_problem(PROBLEM, problems)
    added = copy_problem(PROBLEM, problems, new_id=NEW_ID, title=NEW_TITLE, position=PROBLEM.meta["position"] + 1)
    return build_site(problems, work), ProblemFiles(added, {**PROBLEM.meta, "id": NEW_ID})


def required_of(problem: ProblemFiles) -> int:
    return len(problem.required)


def solve(page: Page, problem: ProblemFiles) -> None:
    paste_code(page, problem.solution)
    total = required_of(problem)
    assert run_tests(page).startswith(f"{total}/{total} passed")


def test_a_copied_problem_is_listed_playable_next_in_line_and_kept_offline(browser, two_problem_site):
    dist, added = two_problem_site
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with served_dist(root=dist) as origin:
        page.goto(origin + "/")
        links = page.get_by_role("list").first.get_by_role("link")
        expect(links.last).to_have_text(NEW_TITLE)
        expect(links.last).to_have_attribute("href", f"#/{NEW_ID}")

        links.filter(has_text=PROBLEM.meta["title"]).click()  # the copy comes next
        solve(page, PROBLEM)
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")  # the offline copy is complete
        page.evaluate("() => { window.__sameDocument = true; }")

    # The server is gone: the next problem, never opened, comes from the offline copy, chunk and archive.
    page.get_by_role("region", name="Solved").get_by_role("link", name=NEW_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    solve(page, added)
    assert page.evaluate("() => window.__sameDocument"), "the page reloaded"

    deep_link = context.new_page()
    deep_link.goto(f"{origin}/#/{NEW_ID}")
    expect(deep_link.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(deep_link.locator(".katex").first).to_be_visible()
    assert not errors, errors
    context.close()
