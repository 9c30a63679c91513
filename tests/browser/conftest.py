"""Browser tests: serve the built dist/, drive it with Playwright in Chromium.

The tests about a problem play pageutil.PROBLEM (found by tests/problems.py): they paste its solution and its
mistakes and count its tests, without naming it."""

import pytest
from playwright.sync_api import expect

from pageutil import PROBLEM, page_errors
from problems import ProblemFiles
from serving import CHROMIUM_ARGS, chromium_path, served_dist

SNAPSHOT_CACHE = "autograd-playground-snapshot"  # static/run/snapshot-store.js


@pytest.fixture(scope="session")
def server_url():
    """The built page, served the way `make serve` serves it (with the cross-origin isolation headers)."""
    try:
        with served_dist() as url:
            yield url
    except RuntimeError as error:  # dist/ missing, or the server did not come up
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser, **options):
    return browser.new_context(viewport={"width": 1280, "height": 800}, **options)


@pytest.fixture
def context(browser):
    """A context of its own: a first visit, with nothing stored. For tests about boot, storage, tabs, offline."""
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="session")
def warm_context(browser, problem_url):
    """A context that has visited the page once, as a returning learner's browser has: Python's snapshot is in
    its Cache Storage and its files in the HTTP cache. Each test's page gets a fresh Python anyway (one per run),
    and its localStorage is emptied after each test, so only what a visit leaves in caches is shared. No service
    worker, so that page.route() sees every request (the offline tests have contexts of their own)."""
    context = new_context(browser, service_workers="block")
    page = context.new_page()
    page.goto(problem_url)
    page.wait_for_function(f"""async () => {{
        const kept = await (await caches.open("{SNAPSHOT_CACHE}")).keys();
        return kept.length > 0;
    }}""", timeout=120_000)
    page.close()
    yield context
    context.close()


@pytest.fixture(scope="session")
def problem_url(server_url) -> str:
    """The problem's own page: #/<id>."""
    return f"{server_url}/#/{PROBLEM.id}"


@pytest.fixture(scope="module")
def shared_page(warm_context):
    """The warm context's page that a test module's tests share, opened afresh for each: shared_page(url)."""
    kept = {}

    def open_at(url: str):
        page = kept.get("page")
        if page is None or page.is_closed():
            page = kept["page"] = warm_context.new_page()
            page.goto(url)
        else:
            open_afresh(page, url)
        return page

    yield open_at
    if kept.get("page") and not kept["page"].is_closed():
        kept["page"].close()


def open_afresh(page, url: str) -> None:
    """The page as a new visit to url would find it, without loading it again: the problem's view opened anew
    (the page's spare Python, which no run has touched, kept), nothing stored, the default viewport and colour
    scheme, and the focus nowhere."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(color_scheme="light")
    page.goto(url.split("#")[0] + "#/")  # the problem's view closes, saving its code: cleared below
    expect(page.get_by_role("heading", level=1, name="Problems")).to_be_visible()
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.goto(url)
    expect(page.get_by_role("article").get_by_role("heading", level=1)).to_be_visible()
    page.evaluate("() => document.activeElement?.blur()")


@pytest.fixture
def page(request, problem_url):
    """A page on the problem; errors thrown by the page's scripts fail the test. It is
    - in the test's own context, if the test asks for one (a first visit);
    - a page of its own in the warm context, if the test is marked fresh_page (it holds requests back, or is
      about what a visit loads);
    - else the module's shared page (shared_page): each run's Python is thrown away after the run anyway, so
      the page carries nothing from one test to the next that a new visit would not find too."""
    own = "context" in request.fixturenames
    if own or request.node.get_closest_marker("fresh_page"):
        page = request.getfixturevalue("context" if own else "warm_context").new_page()
        page.goto(problem_url)
    else:
        page = request.getfixturevalue("shared_page")(problem_url)
    with page_errors(page) as errors:
        yield page
    if not own and request.node.get_closest_marker("fresh_page"):
        page.evaluate("() => localStorage.clear()")  # the warm context's storage: the next test finds none
        page.close()
    assert not errors, f"the page threw: {errors}"


@pytest.fixture(scope="session")
def problem_files() -> ProblemFiles:
    """The problem's folder: its mistakes, its correct variants, its files."""
    return PROBLEM


@pytest.fixture(scope="session")
def problem() -> dict:
    """The problem's problem.json."""
    return PROBLEM.meta


@pytest.fixture(scope="session")
def required() -> int:
    """How many of the problem's tests are required: the "N/M passed" summary counts these."""
    return len(PROBLEM.required)


@pytest.fixture(scope="session")
def solution() -> str:
    return PROBLEM.solution


@pytest.fixture(scope="session")
def starter() -> str:
    return PROBLEM.starter
