"""Progress that lasts and moves: the home view's state and last run, export and import, storage that is full
or blocked, and a home view that follows another tab."""

import json
import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from pageutil import FILL_STORAGE, PROBLEM, STORAGE_KEY, paste_code, run_tests, serious_violations
from playground.schema import new_result, new_test

pytestmark = pytest.mark.browser

TITLE = PROBLEM.meta["title"]
CODE_KEY = STORAGE_KEY + PROBLEM.id
SAVED_KEY = "autograd-playground:code-saved:" + PROBLEM.id
RESULTS_KEY = "autograd-playground:results:" + PROBLEM.id
MINE = "class Value:\n    pass  # my newer work\n"
FROM_FILE = "class Value:\n    pass  # from the file\n"
NOTHING_CHANGED = "Nothing was changed"
SNAPSHOT = "() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('autograd-')).sort())"


def open_home(context, server_url: str) -> Page:
    page = context.new_page()
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", level=1, name="Problems")).to_be_visible()
    return page


def track_item(page: Page, title: str = TITLE):
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True))


def message(page: Page):
    return page.locator("#progress-message")


def progress_file(problems: dict, version: int = 1) -> dict:
    return {"format": "autograd-playground-progress", "version": version, "exported_at": "2026-01-01T00:00:00Z",
            "problems": problems}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def stored_results(at: str | None = None, **fields) -> str:
    """A run's results as the page keeps them: every test of the problem not run, in Python's empty Result, with
    fields changed."""
    tests = [new_test(id=test["id"], name=test["name"], tier=test.get("tier", "required"), outcome="not_run",
                      hint=test.get("hint")) for test in PROBLEM.meta["tests"]]
    results = {**new_result("tests", PROBLEM.id), "tests": tests, **fields}
    return json.dumps({"at": at or now(), "results": results})


def without_timings() -> str:
    results = json.loads(stored_results())
    del results["results"]["timings"]
    return json.dumps(results)


def import_file(page: Page, content: bytes, name: str = "progress.json") -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content})


def save_code_in_page(page: Page, code: str, when: str | None = None) -> None:
    page.evaluate("""([codeKey, savedKey, code, when]) => {
        localStorage.setItem(codeKey, code);
        if (when) localStorage.setItem(savedKey, when);
    }""", [CODE_KEY, SAVED_KEY, code, when])


def test_state_last_run_and_passed_count_survive_a_reload(context, server_url, solution, required):
    page = open_home(context, server_url)
    expect(track_item(page)).not_to_contain_text("ran ")  # never ran
    page.get_by_role("link", name=TITLE, exact=True).click()
    paste_code(page, solution)
    assert run_tests(page).startswith(f"{required}/{required} passed")
    page.get_by_role("link", name="All problems").click()
    page.reload()
    item = track_item(page)
    expect(item).to_contain_text("Solved")
    expect(item).to_contain_text(f"ran just now: {required}/{required} passed")
    when = item.locator("time").get_attribute("datetime")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", when), when


def test_a_stopped_run_is_said_as_stopped_not_as_its_count(context, server_url):
    page = open_home(context, server_url)
    stopped = {"reason": "user", "phase": "testing", "line": None, "restarted": False}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [RESULTS_KEY, stored_results(status="stopped", stopped=stopped, total=3)])
    page.reload()
    expect(track_item(page)).to_contain_text("ran just now: stopped before the end")
    expect(track_item(page)).not_to_contain_text("passed")


def test_an_export_imports_into_a_fresh_browser(browser, context, server_url, tmp_path):
    page = open_home(context, server_url)
    page.get_by_role("link", name=TITLE, exact=True).click()
    paste_code(page, MINE)
    page.get_by_role("link", name="All problems").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("autograd-playground-progress-") and path.suffix == ".json"
    exported = json.loads(path.read_text())
    assert exported["format"] == "autograd-playground-progress" and exported["version"] == 1
    entry = exported["problems"][PROBLEM.id]
    assert entry["code"] == MINE and entry["state"] == "attempted" and "code_saved_at" in entry
    expect(message(page)).to_contain_text("Downloaded")

    other = browser.new_context()
    try:
        fresh = open_home(other, server_url)
        expect(track_item(fresh)).to_contain_text("Not started")
        import_file(fresh, path.read_bytes())
        expect(message(fresh)).to_contain_text(f"Imported progress for “{TITLE}”")
        expect(track_item(fresh)).to_contain_text("Attempted")
        fresh.get_by_role("link", name=TITLE, exact=True).click()
        expect(fresh.locator(".cm-content")).to_contain_text("# my newer work")
    finally:
        other.close()


BAD_FILES = {
    "not JSON": (b'{"format": "autograd-playground-progress", "version": 1, "problems": {', "not valid JSON"),
    "another format": (json.dumps({"format": "something-else", "version": 1}).encode(), "not an Autograd"),
    "a future version": (json.dumps(progress_file({PROBLEM.id: {"code": FROM_FILE}}, version=2)).encode(),
                         "newer version of the page"),
    "a damaged entry": (json.dumps(progress_file({PROBLEM.id: {"code": 42}})).encode(), "must be text"),
    "hostile fields": (json.dumps(progress_file({PROBLEM.id: {"code": FROM_FILE, "__proto__": "x"}})).encode(),
                       "unknown field"),
    "too large": (b" " * (5 * 1024 * 1024 + 1), "too large"),
    "not a time": (json.dumps(progress_file({PROBLEM.id: {"code": FROM_FILE, "code_saved_at": "yesterday"}})).encode(),
                   "“code_saved_at” is not a time"),
    # Such results once passed the check, then kept the problem from opening on every visit.
    "results without timings": (json.dumps(progress_file({PROBLEM.id: {"results": without_timings()}})).encode(),
                                "“results” is not a run's results (“results/timings” is missing)"),
    "results that are not JSON": (json.dumps(progress_file({PROBLEM.id: {"results": "{"}})).encode(),
                                  "“results” is not a run's results"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_file_that_cannot_be_read_is_said_and_changes_nothing(context, server_url, kind):
    content, said = BAD_FILES[kind]
    page = open_home(context, server_url)
    save_code_in_page(page, MINE, "2020-01-01T00:00:00.000Z")
    before = page.evaluate(SNAPSHOT)
    import_file(page, content)
    expect(message(page)).to_contain_text(said)
    expect(message(page)).to_contain_text(NOTHING_CHANGED)
    assert page.evaluate(SNAPSHOT) == before


def test_newer_code_here_is_replaced_only_when_the_learner_says_so(context, server_url):
    page = open_home(context, server_url)
    save_code_in_page(page, MINE, "2026-06-01T00:00:00.000Z")
    older = json.dumps(progress_file({
        PROBLEM.id: {"code": FROM_FILE, "code_saved_at": "2026-01-01T00:00:00.000Z", "solved": "2026-01-01T00:00:00Z"},
        "no-such-problem": {"code": "x"},
    })).encode()
    dialog = page.get_by_role("dialog", name="Replace newer code?")

    import_file(page, older)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(TITLE)
    expect(dialog.get_by_role("button", name="Keep my newer code")).to_be_focused()
    assert not serious_violations(page)
    page.keyboard.press("Escape")  # cancels: nothing written
    expect(message(page)).to_contain_text("cancelled")
    expect(track_item(page)).to_contain_text("Attempted")

    import_file(page, older)
    dialog.get_by_role("button", name="Keep my newer code").click()
    expect(message(page)).to_contain_text(f"Kept your newer code for “{TITLE}”")
    expect(message(page)).to_contain_text("Skipped a problem not in this track: “no-such-problem”")
    expect(track_item(page)).to_contain_text("Solved")  # the rest of the file came in
    assert page.evaluate("key => localStorage.getItem(key)", CODE_KEY) == MINE

    import_file(page, older)
    dialog.get_by_role("button", name="Replace with the file's code").click()
    # The message of the import before this one said "Imported progress" too: wait for what only this one does.
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code", arg=[CODE_KEY, FROM_FILE])
    expect(message(page)).to_contain_text(f"Imported progress for “{TITLE}”")
    expect(message(page)).not_to_contain_text("Kept your newer code")


def test_code_saved_in_the_future_counts_as_saved_at_an_unknown_time(context, server_url):
    page = open_home(context, server_url)
    save_code_in_page(page, MINE, "2026-06-01T00:00:00.000Z")
    import_file(page, json.dumps(progress_file({
        PROBLEM.id: {"code": FROM_FILE, "code_saved_at": "9999-12-31T00:00:00.000Z"}})).encode())
    dialog = page.get_by_role("dialog", name="Replace newer code?")
    expect(dialog).to_be_visible()  # it asks, as for code saved at an unknown time
    dialog.get_by_role("button", name="Keep my newer code").click()
    expect(message(page)).to_contain_text(f"Kept your newer code for “{TITLE}”")
    assert page.evaluate("key => localStorage.getItem(key)", CODE_KEY) == MINE


def test_results_from_another_version_of_the_page_are_left_out_and_the_rest_imported(context, server_url):
    page = open_home(context, server_url)
    import_file(page, json.dumps(progress_file({
        PROBLEM.id: {"code": FROM_FILE, "results": stored_results(version=2)}})).encode())
    expect(message(page)).to_contain_text(f"Imported progress for “{TITLE}”")
    assert page.evaluate("key => localStorage.getItem(key)", CODE_KEY) == FROM_FILE
    assert page.evaluate("key => localStorage.getItem(key)", RESULTS_KEY) is None


DAMAGED_RESULTS = {
    "without timings": without_timings(),
    "not JSON": "{",
    "a test that is not one": stored_results(tests=[42]),
}


@pytest.mark.parametrize("kind", DAMAGED_RESULTS)
def test_damaged_results_kept_here_are_said_and_the_problem_still_opens(context, server_url, kind):
    page = open_home(context, server_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [RESULTS_KEY, DAMAGED_RESULTS[kind]])
    page.reload()
    expect(track_item(page)).to_contain_text("Attempted")
    expect(track_item(page)).not_to_contain_text("ran ")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_text("Your last results could not be shown")).to_be_visible()
    expect(page.locator("#summary")).to_have_text("Not run yet.")
    paste_code(page, MINE)  # the editor is there, and works
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code", arg=[CODE_KEY, MINE])


def test_older_code_here_is_replaced_without_a_question(context, server_url):
    page = open_home(context, server_url)
    save_code_in_page(page, MINE, "2020-01-01T00:00:00.000Z")
    import_file(page, json.dumps(progress_file({
        PROBLEM.id: {"code": FROM_FILE, "code_saved_at": "2026-01-01T00:00:00.000Z"}})).encode())
    expect(message(page)).to_contain_text(f"Imported progress for “{TITLE}”")
    assert page.evaluate("key => localStorage.getItem(key)", CODE_KEY) == FROM_FILE


def test_what_a_plugin_keeps_is_imported_where_this_browser_keeps_none_of_that_plugins(context, server_url):
    """Each plugin's data (the autograd plugin's guesses) merges: this browser's own wins, the file adds the rest."""
    key = "autograd-playground:plugins:" + PROBLEM.id
    mine = {"autograd": {"guesses": [{"value": "x", "guess": -3, "grad": -3, "right": True, "at": now()}]}}
    theirs = {"autograd": {"guesses": []}, "another": {"kept": 1}}
    page = open_home(context, server_url)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, json.dumps(mine)])
    import_file(page, json.dumps(progress_file({PROBLEM.id: {"plugins": json.dumps(theirs)}})).encode())
    expect(message(page)).to_contain_text(f"Imported progress for “{TITLE}”")
    assert json.loads(page.evaluate("key => localStorage.getItem(key)", key)) == {**mine, "another": {"kept": 1}}


def test_an_import_into_full_storage_says_so_and_changes_nothing(context, server_url):
    page = open_home(context, server_url)
    save_code_in_page(page, MINE, "2020-01-01T00:00:00.000Z")
    page.evaluate(FILL_STORAGE)
    before = page.evaluate(SNAPSHOT)
    big = "class Value:\n    pass\n" + "# " + "x" * 200_000 + "\n"
    import_file(page, json.dumps(progress_file({
        PROBLEM.id: {"code": big, "code_saved_at": "2026-01-01T00:00:00.000Z"}})).encode())
    expect(message(page)).to_contain_text("storage is full or blocked")
    expect(message(page)).to_contain_text(NOTHING_CHANGED)
    assert page.evaluate(SNAPSHOT) == before


def test_blocked_storage_is_said_plainly_and_the_page_still_works(context, server_url):
    context.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); }});""")
    page = open_home(context, server_url)
    expect(page.get_by_text("This browser is not keeping your progress")).to_be_visible()
    expect(track_item(page)).to_contain_text("Not started")
    with page.expect_download():  # an empty export, not an error
        page.get_by_role("button", name="Export progress").click()
    page.get_by_role("link", name=TITLE, exact=True).click()
    paste_code(page, MINE)
    expect(page.get_by_role("status").first).to_contain_text("could not be saved")
    expect(page.locator(".cm-content")).to_contain_text("# my newer work")


def test_the_home_view_follows_progress_made_in_another_tab(context, server_url, problem_url):
    home = open_home(context, server_url)
    expect(track_item(home)).to_contain_text("Not started")
    home.get_by_role("link", name=TITLE, exact=True).focus()
    other = context.new_page()
    other.goto(problem_url)
    paste_code(other, MINE)
    expect(track_item(home)).to_contain_text("Attempted")  # no reload
    expect(home.get_by_role("link", name=TITLE, exact=True)).to_be_focused()  # the list was not rebuilt


def test_the_home_view_with_its_progress_controls_is_accessible(context, server_url):
    page = open_home(context, server_url)
    page.keyboard.press("Tab")
    for _ in range(30):  # every control by keyboard
        if page.evaluate("() => document.activeElement.textContent") == "Import progress":
            break
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Import progress")).to_be_focused()
    assert not serious_violations(page), serious_violations(page)


def test_an_import_does_not_silently_replace_code_open_in_another_tab(context, server_url, problem_url):
    problem = context.new_page()
    problem.goto(problem_url)
    paste_code(problem, MINE)
    problem.wait_for_function("([key, code]) => localStorage.getItem(key) === code", arg=[CODE_KEY, MINE])
    home = open_home(context, server_url)
    import_file(home, json.dumps(progress_file({PROBLEM.id: {"code": FROM_FILE, "code_saved_at": now()}})).encode())
    expect(message(home)).to_contain_text(f"Imported progress for “{TITLE}”")
    bar = problem.get_by_role("alert").filter(has_text="edited in another tab")
    expect(bar).to_be_visible()  # the open tab asks before it loads the imported code or writes its own back
    expect(problem.locator(".cm-content")).to_contain_text("# my newer work")
    bar.get_by_role("button", name="Load that version").click()
    expect(problem.locator(".cm-content")).to_contain_text("# from the file")
