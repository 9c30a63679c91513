"""Browser tests: serve the built dist/, drive it with Playwright in Chromium.

The tests about a problem play pageutil.PROBLEM (found by tests/problems.py): they paste its solution and its
mistakes and count its tests, without naming it."""

import pytest

from pageutil import PROBLEM
from problems import ProblemFiles
from serving import CHROMIUM_ARGS, chromium_path, served_dist


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


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture(scope="session")
def problem_url(server_url) -> str:
    """The problem's own page: #/<id>."""
    return f"{server_url}/#/{PROBLEM.id}"


@pytest.fixture
def page(context, problem_url):
    """A fresh page on the problem; errors thrown by the page's scripts fail the test."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(problem_url)
    yield page
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
