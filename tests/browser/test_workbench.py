"""The workbench: what is in view, by bounding boxes, at 1280×800, 1024×768 and 390×844. On wide screens the page
does not scroll, and after a run the Run button, the editor's current line and the first failure's message are
all in view; the panes are resized by drag and by key, and the sizes kept. On a phone a run brings its results
into view, and the code is one tap away."""

from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, paste_code, run_code, run_tests, serious_violations, wait_until_ready
from problems import all_problems

pytestmark = pytest.mark.browser

WIDE = [(1280, 800), (1024, 768)]
LOUD = 'for i in range(80):\n    print("line", i)\n'


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


def inside(inner: dict, outer: dict) -> bool:
    return (inner["x"] >= outer["x"] - 1 and inner["y"] >= outer["y"] - 1
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1)


def in_view(page: Page, locator, within=None) -> bool:
    """Wholly inside the window, and inside the pane that scrolls it (within), if given."""
    size = page.viewport_size
    window = {"x": 0, "y": 0, "width": size["width"], "height": size["height"]}
    found = box(locator)
    return inside(found, window) and (within is None or inside(found, box(within)))


def page_scrolls(page: Page) -> bool:
    return page.evaluate("""() => scrollY !== 0 || scrollX !== 0
        || document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth""")


@contextmanager
def ready_page(browser, url: str, width: int, height: int):
    """The problem's page in a window of that size (a phone's below 500 px), once Python is ready."""
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(url)
    wait_until_ready(page)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(params=WIDE, ids=[f"{w}x{h}" for w, h in WIDE])
def wide(browser, problem_url, request):
    with ready_page(browser, problem_url, *request.param) as page:
        yield page


def test_on_a_wide_screen_a_run_leaves_the_button_the_line_and_the_first_failure_in_view(wide):
    page = wide
    assert not page_scrolls(page)
    editor = page.locator("#editor")
    editor.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")  # the current line: the last, at the editor's bottom
    assert not run_tests(page, keyboard=True).startswith(f"{len(PROBLEM.required)}/")
    output = page.locator("#output")
    failure = page.locator(".test:is([data-status=failed], [data-status=error]) .test-message").first
    assert in_view(page, failure, output)
    assert in_view(page, page.get_by_role("button", name="Run tests"))
    assert in_view(page, editor.locator(".cm-activeLine"), editor)
    assert in_view(page, page.locator("#summary"), output)  # how many passed, above it
    assert not page_scrolls(page)


def test_run_code_output_comes_into_view_by_itself(wide):
    page = wide
    output = page.locator("#output")
    output.evaluate("el => { el.scrollTop = el.scrollHeight; }")  # the learner had read down the results
    run_code(page, LOUD)
    assert in_view(page, page.locator("#run-output .summary"), output)
    assert not page_scrolls(page)


def test_the_panes_resize_by_key_and_by_drag_and_the_sizes_are_kept(context, problem_url):
    page = context.new_page()
    page.goto(problem_url)
    statement = page.locator("#statement")
    columns = page.get_by_role("separator", name="Problem width")
    rows = page.get_by_role("separator", name="Code height")
    expect(columns).to_have_attribute("aria-valuenow", "40")
    width = box(statement)["width"]

    columns.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(columns).to_have_attribute("aria-valuenow", "46")
    assert box(statement)["width"] > width + 50
    page.keyboard.press("Home")
    expect(columns).to_have_attribute("aria-valuenow", "20")
    page.keyboard.press("Shift+ArrowRight")
    expect(columns).to_have_attribute("aria-valuenow", "30")

    before = int(rows.get_attribute("aria-valuenow"))
    height = box(page.locator("#workspace"))["height"]
    grip = box(rows)
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] - 120, steps=5)
    page.mouse.up()
    after = int(rows.get_attribute("aria-valuenow"))
    assert after < before - 5, (before, after)
    assert box(page.locator("#workspace"))["height"] < height - 80
    assert serious_violations(page) == {}

    page.reload()
    expect(columns).to_have_attribute("aria-valuenow", "30")
    expect(rows).to_have_attribute("aria-valuenow", str(after))
    assert not page_scrolls(page)


@pytest.fixture
def phone(browser, problem_url):
    with ready_page(browser, problem_url, 390, 844) as page:
        yield page


def test_on_a_phone_a_run_shows_the_first_failure_and_the_code_is_one_tap_away(phone):
    page = phone
    page.get_by_role("button", name="Code", exact=True).tap()
    assert in_view(page, page.get_by_role("button", name="Run tests"))
    assert not run_tests(page).startswith(f"{len(PROBLEM.required)}/")
    failure = page.locator(".test:is([data-status=failed], [data-status=error]) .test-message").first
    assert in_view(page, failure)
    page.get_by_role("button", name="Code", exact=True).tap()
    assert in_view(page, page.get_by_role("button", name="Run tests"))
    assert box(page.locator("#editor"))["y"] < 844 / 2
    assert page.get_by_role("separator").count() == 0  # no panes to resize here


def test_on_a_phone_run_code_output_comes_into_view(phone):
    page = phone
    page.get_by_role("button", name="Problem", exact=True).tap()
    paste_code(page, LOUD)  # the paste scrolls to the editor
    before = page.evaluate("() => scrollY")
    run_code(page, LOUD)
    assert page.evaluate("() => scrollY") > before
    assert box(page.locator("#run-output"))["y"] < 844


@pytest.mark.parametrize("width, height", WIDE, ids=[f"{w}x{h}" for w, h in WIDE])
def test_no_statement_hides_math_or_code_past_its_pane_edge(browser, server_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for problem in all_problems():
        page.goto(f"{server_url}/#/{problem.folder.name}")
        expect(page.locator("#problem-title")).to_have_text(problem.meta["title"])
        expect(page.locator("#statement-body > *").first).to_be_visible()
        cut = page.evaluate("""() => [...document.querySelectorAll("#statement-body :is(.math-display, pre)")]
            .filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.textContent.slice(0, 60))""")
        assert cut == [], (problem.folder.name, cut)
    context.close()


def test_a_link_atop_the_statement_leads_to_its_hints(wide):
    page = wide
    page.get_by_role("button", name="Hints, below the problem").click()
    heading = page.get_by_role("heading", name="Hints", exact=True)
    expect(heading).to_be_focused()
    assert in_view(page, heading, page.locator("#statement"))
    assert not page_scrolls(page)
