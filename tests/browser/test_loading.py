"""While Python loads, a progress bar beside the status line shows the bytes of its files so far against their
total, then that Python is starting; it goes once Python is ready."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Every value the bar takes, as the page sets it: the download is too quick here to catch halfway by looking.
WATCH_BAR = """new MutationObserver(() => {
  const bar = document.getElementById("python-progress");
  if (!bar || bar.dataset.watched) return;
  bar.dataset.watched = "yes";
  window.barValues = [];
  new MutationObserver(() => {
    window.barValues.push({ value: bar.getAttribute("value"), max: bar.max, text: bar.getAttribute("aria-valuetext") });
  }).observe(bar, { attributes: true, attributeFilter: ["value", "aria-valuetext"] });
}).observe(document, { childList: true, subtree: true });"""


def test_a_progress_bar_shows_python_loading_then_goes(context, problem_url):
    context.add_init_script(WATCH_BAR)
    page = context.new_page()
    page.goto(problem_url)
    bar = page.get_by_role("progressbar", name="Loading Python")
    page.wait_for_function("() => document.documentElement.dataset.python === 'ready'", timeout=60_000)
    expect(bar).to_be_hidden()
    values = page.evaluate("() => window.barValues")
    counted = [float(v["value"]) for v in values if v["value"] is not None]
    assert counted, values  # bytes were counted as they came
    assert counted == sorted(counted) and counted[-1] <= values[-1]["max"]
    assert values[-1]["text"] == "Starting Python"  # then, all in, Python starts


def test_a_python_that_cannot_load_says_so_at_once(context, problem_url):
    """Nothing to wait for: the status line says what failed without waiting for a run to ask. (Our bundle of
    pytest and the harness is missing, as on a server caught in the middle of a deploy.)"""
    context.route("**/py-bundle-*.zip", lambda route: route.fulfill(status=404, body="gone"))
    page = context.new_page()
    page.goto(problem_url)
    expect(page.get_by_role("status").first).to_contain_text("Python could not load", timeout=60_000)
    expect(page.get_by_role("status").first).to_contain_text("Reload the page to try again")
    expect(page.get_by_role("progressbar", name="Loading Python")).to_be_hidden()  # nothing is coming
