"""Hints one at a time: each step on request, announced and focused, remembered after a reload; a failing test
links to the hint that helps with it."""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, paste_code, run_tests, serious_violations

pytestmark = pytest.mark.browser

HINTS_KEY = "autograd-playground:hints:" + PROBLEM.id
SECTIONS = re.split(r"^## ", (PROBLEM.folder / "hints.md").read_text(encoding="utf-8"), flags=re.M)[1:]
TOTAL = len(SECTIONS)
# The challenge of the long chain, and the hint it links to (the one about an explicit stack).
LINKED = next(test for test in PROBLEM.meta["tests"] if test.get("tier") == "challenge" and test.get("hint_number"))
RECURSIVE_TOPO = PROBLEM.mistakes["recursive_topo_set.py"]


def first_words(section: str) -> str:
    """The opening words of a hint's text, as the page shows them (Markdown's backticks gone)."""
    body = section.split("\n", 1)[1].strip().replace("`", "")
    return " ".join(body.split()[:5])


def hints_region(page: Page):
    return page.get_by_role("region", name="Hints")


def shown_count(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", HINTS_KEY)


def test_hints_show_one_at_a_time_announced_focused_and_remembered_after_a_reload(page):
    hints = hints_region(page)
    expect(hints.get_by_role("listitem")).to_have_count(0)  # nothing read before it is asked for
    hints.get_by_role("button", name=f"Show hint 1 of {TOTAL}").click()
    for number in range(1, TOTAL + 1):
        heading = hints.get_by_role("heading", name=re.compile(rf"^Hint {number} of {TOTAL}"))
        expect(heading).to_be_focused()
        expect(hints.get_by_role("listitem")).to_have_count(number)
        expect(hints.get_by_role("listitem").nth(number - 1)).to_contain_text(first_words(SECTIONS[number - 1]))
        expect(hints.locator("[aria-live]")).to_contain_text(f"Hint {number} of {TOTAL} shown")
        assert shown_count(page) == str(number)
        if number < TOTAL:  # by keyboard: the button is a real one
            button = hints.get_by_role("button", name=f"Show the next hint ({number + 1} of {TOTAL})")
            button.focus()
            page.keyboard.press("Enter")
    expect(hints.get_by_role("button")).to_have_count(0)  # every hint is shown: no button left
    expect(hints.locator("[aria-live]")).to_contain_text("every hint")
    assert not serious_violations(page), serious_violations(page)

    page.reload()
    expect(hints_region(page).get_by_role("listitem")).to_have_count(TOTAL)
    expect(hints_region(page).get_by_role("button")).to_have_count(0)


def test_a_hint_count_is_kept_per_problem_and_a_partial_one_resumes(page):
    hints = hints_region(page)
    hints.get_by_role("button", name=f"Show hint 1 of {TOTAL}").click()
    expect(hints.get_by_role("listitem")).to_have_count(1)
    page.reload()
    hints = hints_region(page)
    expect(hints.get_by_role("listitem")).to_have_count(1)
    expect(hints.get_by_role("button", name=f"Show the next hint (2 of {TOTAL})")).to_be_visible()
    other = page.evaluate("() => Object.keys(localStorage).filter((key) => key.includes(':hints:'))")
    assert other == [HINTS_KEY]  # no other problem's count was touched


def test_a_failing_test_links_to_the_hint_that_helps_with_it(page):
    number = LINKED["hint_number"]
    assert "stack" in SECTIONS[number - 1]  # the long chain's hint is the one about an explicit stack
    paste_code(page, RECURSIVE_TOPO)  # right, but recursive: the long chain fails
    run_tests(page)
    card = page.get_by_role("listitem").filter(has_text=LINKED["name"])
    expect(card).to_have_attribute("data-status", re.compile("failed|error"))
    passed = page.locator('#test-list li[data-status="passed"]')
    expect(passed.first).to_be_visible()
    expect(passed.get_by_role("button", name=re.compile("^See hint"))).to_have_count(0)  # only where it failed

    card.get_by_role("button", name=f"See hint {number}").click()
    hints = hints_region(page)
    expect(hints.get_by_role("heading", name=re.compile(rf"^Hint {number} of {TOTAL}"))).to_be_focused()
    expect(hints.get_by_role("listitem")).to_have_count(number)  # the ones before it too
    expect(hints.get_by_role("listitem").nth(number - 1)).to_contain_text("stack")
    assert shown_count(page) == str(number)
    assert not serious_violations(page), serious_violations(page)


def test_code_in_a_hint_keeps_its_lines_and_fits_its_pane(context, server_url):
    """A fenced block of a hint shows line under line (a code line wraps under a hanging indent rather than run
    off the pane), as the statement's do."""
    from problems import all_problems

    def sections(problem) -> list[str]:
        hints = problem.folder / "hints.md"
        return re.split(r"^## ", hints.read_text(), flags=re.M)[1:] if hints.exists() else []

    problem, number = next((p, i + 1) for p in all_problems() for i, section in enumerate(sections(p))
                           if "```" in section)
    page = context.new_page()
    page.goto(f"{server_url}/#/{problem.id}")
    hints = hints_region(page)
    total = len(sections(problem))
    hints.get_by_role("button", name=f"Show hint 1 of {total}").click()
    for shown in range(2, number + 1):
        hints.get_by_role("button", name=f"Show the next hint ({shown} of {total})").click()
    lines = hints.locator("pre .code-line")
    expect(lines.first).to_be_visible()
    tops = [box["y"] for box in (line.bounding_box() for line in lines.all()) if box]
    assert len(tops) > 1 and tops == sorted(tops) and len(set(tops)) == len(tops), tops
    pre = hints.locator("pre").first
    assert pre.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), "a hint's code runs past its pane"
