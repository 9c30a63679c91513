"""Browser tests: serve the built dist/ with `vite preview`, drive it with Playwright in Chromium."""

import json
from pathlib import Path

import pytest

from serving import CHROMIUM_ARGS, chromium_path, served_dist

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = ROOT / "py" / "problems" / "basic_autograd"


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


@pytest.fixture
def page(context, server_url):
    """A fresh page on the playground; errors thrown by the page's scripts fail the test."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server_url + "/")
    yield page
    assert not errors, f"the page threw: {errors}"


@pytest.fixture(scope="session")
def problem() -> dict:
    return json.loads((PROBLEM / "problem.json").read_text())


@pytest.fixture(scope="session")
def required(problem) -> int:
    """How many of the problem's tests are required: the "N/M passed" summary counts these."""
    return sum(t.get("tier", "required") == "required" for t in problem["tests"])


@pytest.fixture(scope="session")
def solution() -> str:
    return (PROBLEM / "solution.py").read_text()


@pytest.fixture(scope="session")
def starter() -> str:
    return (PROBLEM / "starter.py").read_text()
