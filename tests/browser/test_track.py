"""The track: the home list with each problem's progress, routing by #/<id>, and moving between views without a
reload and without leaks."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, STORAGE_KEY, paste_code, run_tests, serious_violations, wait_until_ready
from problems import all_problems

pytestmark = pytest.mark.browser

TRACK = all_problems()


def home_heading(page: Page):
    return page.get_by_role("heading", level=1, name="Problems")


def problem_heading(page: Page, title: str):
    return page.get_by_role("heading", level=1, name=title)


def track_item(page: Page, title: str):
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True))


def open_home(context, server_url: str) -> Page:
    page = context.new_page()
    page.goto(server_url + "/")
    expect(home_heading(page)).to_be_visible()
    return page


def test_the_home_view_lists_the_track_in_order_with_each_problems_progress(context, server_url):
    page = open_home(context, server_url)
    links = page.get_by_role("list").first.get_by_role("link")
    expect(links).to_have_text([p.meta["title"] for p in TRACK])
    for problem in TRACK:
        link = page.get_by_role("link", name=problem.meta["title"], exact=True)
        expect(link).to_have_attribute("href", f"#/{problem.id}")  # a real link: open in a new tab, copy it
        item = track_item(page, problem.meta["title"])
        expect(item).to_contain_text(problem.meta["difficulty"])
        expect(item.locator(".track-builds")).to_have_text(problem.meta["builds"])  # what it builds, in a line
        expect(item).to_contain_text("Not started")
    assert not serious_violations(page), serious_violations(page)


def test_progress_follows_the_learners_work_attempted_then_solved(context, server_url, solution, required):
    page = open_home(context, server_url)
    title = PROBLEM.meta["title"]
    page.get_by_role("link", name=title, exact=True).click()
    expect(problem_heading(page, title)).to_be_focused()  # moved within the page: focus on the new heading
    paste_code(page, "class Value:\n    pass  # started\n")
    page.get_by_role("link", name="All problems").click()  # at once: the view saves as it closes
    expect(home_heading(page)).to_be_focused()
    expect(track_item(page, title)).to_contain_text("Attempted")
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY + PROBLEM.id).endswith("# started\n")

    page.go_back()  # back to the problem, its code kept
    expect(page.locator(".cm-content")).to_contain_text("# started")
    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    page.evaluate("() => { window.__sameDocument = true; }")
    after = TRACK[[p.id for p in TRACK].index(PROBLEM.id) + 1:]
    if after:  # what comes next, in track order, opens in place
        page.get_by_role("region", name="Solved").get_by_role("link", name=after[0].meta["title"]).click()
        expect(problem_heading(page, after[0].meta["title"])).to_be_focused()
        page.go_back()
        expect(problem_heading(page, title)).to_be_visible()
    expect(page.locator("#summary")).to_contain_text(f"{required}/{required} passed")  # kept, shown again
    page.get_by_role("link", name="All problems").click()
    expect(track_item(page, title)).to_contain_text("Solved")
    assert page.evaluate("() => window.__sameDocument")  # never reloaded
    page.reload()
    expect(track_item(page, title)).to_contain_text("Solved")


def test_an_unknown_problem_says_so_with_a_way_home(context, server_url):
    page = context.new_page()
    page.goto(server_url + "/#/no_such_problem")
    expect(page.get_by_role("heading", level=1)).to_have_text("No such problem")
    expect(page.get_by_role("main")).to_contain_text("no_such_problem")
    page.get_by_role("link", name="See every problem").click()
    expect(home_heading(page)).to_be_focused()
    assert not serious_violations(page), serious_violations(page)


COUNT_LISTENERS = ["window", "document"]


def listener_counts(page: Page) -> dict[str, int]:
    """Event listeners on window, and on the document with every node in it (Chrome's DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    counts = {}
    for target in COUNT_LISTENERS:
        handle = cdp.send("Runtime.evaluate", {"expression": target})["result"]["objectId"]
        found = cdp.send("DOMDebugger.getEventListeners", {"objectId": handle, "depth": -1, "pierce": True})
        counts[target] = len(found["listeners"])
    cdp.detach()
    return counts


def page_size(page: Page) -> dict:
    return {
        **listener_counts(page),
        "elements": page.evaluate("() => document.getElementsByTagName('*').length"),
        "editors": page.locator(".cm-editor").count(),
        "workers": len(page.workers),
    }


def test_switching_views_twenty_times_leaks_nothing_and_keeps_one_python(page, required, solution):
    wait_until_ready(page)
    paste_code(page, solution)
    visited = [problem.meta["title"] for problem in TRACK[:2]]  # from the list to one problem, then another
    if PROBLEM.meta["title"] in visited:
        visited.remove(PROBLEM.meta["title"])
    visited.append(PROBLEM.meta["title"])  # ending where the test began

    def round_trip():
        for title in visited:
            page.get_by_role("link", name="All problems").click()
            expect(home_heading(page)).to_be_visible()
            page.get_by_role("link", name=title, exact=True).click()
            expect(page.locator(".cm-content")).to_be_visible()  # the editor, made anew
            expect(page.get_by_role("status").first).to_have_text("Ready")

    round_trip()  # the first round trip loads what later ones reuse (the statement's chunk, each problem's)
    before = page_size(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    for _ in range(20):
        round_trip()
    assert page_size(page) == before
    assert page.evaluate("() => window.__sameDocument")  # never reloaded
    assert run_tests(page).startswith(f"{required}/{required} passed")  # the one Python still serves


def test_leaving_a_problem_while_its_tests_run_stops_them_and_the_next_run_is_its_own(page, problem, required,
                                                                                     solution):
    wait_until_ready(page)
    paste_code(page, "while True:\n    pass\n")
    page.get_by_role("button", name="Run tests").click()
    expect(page.get_by_role("status").first).to_have_text("Running tests…")
    page.get_by_role("link", name="All problems").click()
    expect(home_heading(page)).to_be_visible()
    page.go_back()
    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_views_fit_a_360_px_phone(browser, server_url, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server_url + "/")
    expect(home_heading(page)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name=PROBLEM.meta["title"], exact=True).click()
    expect(page.locator(".katex").first).to_be_visible()
    expect(page.locator(".cm-content")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    serious = serious_violations(page)
    assert not serious, json.dumps(serious, indent=1)
    context.close()


def test_each_problem_shows_its_provided_files_read_only_and_its_hints_one_at_a_time(context, server_url):
    page = open_home(context, server_url)
    for problem in TRACK:
        page.goto(f"{server_url}/#/{problem.id}")
        article = page.get_by_role("article")
        expect(article.get_by_role("heading", level=1)).to_have_text(problem.meta["title"])
        expect(article.locator(".katex").first).to_be_visible()  # the statement is in: so are the rest
        provided = article.get_by_role("region", name="Provided files")
        files = problem.provided
        expect(provided).to_have_count(1 if files else 0)
        for name, path in files.items():
            # engine.py, not buggy_engine.py
            summary = page.locator("summary", has_text=re.compile(rf"(?<![\w.]){re.escape(name)}"))
            file = provided.locator("details").filter(has=summary)
            source = path.read_text(encoding="utf-8")
            file.locator("summary").click()
            expect(file.locator("pre")).to_be_visible()
            assert file.locator("pre").text_content() == source  # as text, whole
        hints = article.get_by_role("region", name="Hints")
        has_hints = (problem.folder / "hints.md").exists()
        expect(hints).to_have_count(1 if has_hints else 0)
        if has_hints:  # each step is tested in test_hints.py
            total = len(re.findall(r"^## ", (problem.folder / "hints.md").read_text(encoding="utf-8"), re.M))
            expect(hints.get_by_role("listitem")).to_have_count(0)
            hints.get_by_role("button", name=f"Show hint 1 of {total}").click()
            expect(hints.get_by_role("heading", name=f"Hint 1 of {total}")).to_be_focused()
            expect(hints.get_by_role("listitem")).to_have_count(1)
    assert not serious_violations(page), serious_violations(page)


def test_a_cold_visit_to_a_problem_fetches_no_other_problems_files(browser, problem_url, required, solution):
    """Only the service worker, once Python is ready, fetches the other problems (for offline use)."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    context.on("request", lambda request: None if request.service_worker else fetched.append(request.url))
    page.goto(problem_url)
    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    paths = [url.split("/", 3)[3] for url in fetched]
    own = {path for path in paths if path.startswith((f"assets/{PROBLEM.id}-", f"v/problem-{PROBLEM.id}-"))}
    # its chunk (problem.json, statement, starter, …) and its Python archive (which each fresh Python fetches)
    assert len(own) == 2, paths
    others = [path for path in paths for problem in TRACK if problem.id != PROBLEM.id
              and path.startswith((f"assets/{problem.id}-", f"v/problem-{problem.id}-"))]
    assert not others, others
    context.close()
