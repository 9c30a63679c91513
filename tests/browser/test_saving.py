"""Saved work is never lost: not to a stale tab, not to a full storage."""

import pytest
from playwright.sync_api import Page, expect

from pageutil import FILL_STORAGE, PROBLEM, STORAGE_KEY, paste_code

pytestmark = pytest.mark.browser

KEY = STORAGE_KEY + PROBLEM.id
OLD = "class Value:\n    pass  # old work\n"
NEW = "class Value:\n    pass  # new work, from tab B\n"
MINE = "class Value:\n    pass  # tab A's own edit\n"


def stored(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", KEY)


def wait_stored(page: Page, code: str) -> None:
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code", arg=[KEY, code])


def leave(page: Page) -> None:
    """What a tab does when it is hidden and closed: the events the page saves on."""
    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
        window.dispatchEvent(new PageTransitionEvent("pagehide"));
    }""")


def open_tab(context, url: str) -> Page:
    """url: the problem's page."""
    page = context.new_page()
    page.goto(url)
    expect(page.locator(".cm-content")).to_be_visible()
    return page


def test_a_stale_tab_never_overwrites_newer_work_from_another_tab(context, problem_url):
    a = open_tab(context, problem_url)
    paste_code(a, OLD)
    wait_stored(a, OLD)
    a.reload()  # tab A now holds the old code, unchanged
    expect(a.locator(".cm-content")).to_contain_text("# old work")

    b = open_tab(context, problem_url)
    paste_code(b, NEW)
    wait_stored(b, NEW)
    bar = a.get_by_role("alert").filter(has_text="edited in another tab")
    expect(bar).to_be_visible()
    leave(b)
    b.close()

    leave(a)  # A is hidden and closed without a keystroke: it must not write its old code back
    assert stored(a) == NEW
    a.close(run_before_unload=True)
    check = open_tab(context, problem_url)
    expect(check.locator(".cm-content")).to_contain_text("# new work, from tab B")


def test_a_tab_asks_before_it_replaces_or_loads_another_tabs_code(context, problem_url):
    a = open_tab(context, problem_url)
    b = open_tab(context, problem_url)
    paste_code(b, NEW)
    wait_stored(b, NEW)
    bar = a.get_by_role("alert").filter(has_text="edited in another tab")
    expect(bar).to_be_visible()

    paste_code(a, MINE)  # typing in A while B's version is newer: not saved, even when A is hidden
    leave(a)
    assert stored(a) == NEW

    bar.get_by_role("button", name="Load that version").click()
    expect(bar).to_be_hidden()
    expect(a.locator(".cm-content")).to_contain_text("# new work, from tab B")
    a.keyboard.press("ControlOrMeta+Z")  # A's own code comes back, as an ordinary edit: saved
    expect(a.locator(".cm-content")).to_contain_text("# tab A's own edit")
    wait_stored(a, MINE)

    b_bar = b.get_by_role("alert").filter(has_text="edited in another tab")
    expect(b_bar).to_be_visible()  # now B is the one asking; it keeps its own
    b_bar.get_by_role("button", name="Keep mine").click()
    wait_stored(b, NEW)
    expect(bar).to_be_visible()  # A asks again, and this time keeps its own
    bar.get_by_role("button", name="Keep mine").click()
    expect(bar).to_be_hidden()
    wait_stored(a, MINE)
    expect(b_bar).to_be_visible()


def test_a_save_that_fails_is_said_at_once_with_a_way_to_copy_the_code(context, server_url, problem_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = open_tab(context, problem_url)
    page.evaluate(FILL_STORAGE)
    paste_code(page, MINE)
    status = page.get_by_role("status").first
    expect(status).to_contain_text("could not be saved")
    bar = page.get_by_role("alert").filter(has_text="not saved")
    expect(bar).to_be_visible()
    assert stored(page) is None

    bar.get_by_role("button", name="Copy code").click()
    expect(status).to_contain_text("copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == MINE

    # room again: the next save works, and says so
    page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('fill-'))"
                  ".forEach((k) => localStorage.removeItem(k))")
    page.locator(".cm-content").press("ControlOrMeta+End")
    page.keyboard.type("# more")
    wait_stored(page, MINE + "# more")
    expect(bar).to_be_hidden()
    expect(status).to_contain_text("saved again")


def test_without_clipboard_access_copy_code_selects_the_code(context, problem_url):
    """Private mode (every write refused) and a clipboard the page may not use."""
    page = open_tab(context, problem_url)
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('', 'QuotaExceededError'); }; }")
    paste_code(page, MINE)
    page.evaluate("() => { Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => "
                  "Promise.reject(new Error('denied'))}}); }")
    page.get_by_role("button", name="Copy code").click()
    expect(page.get_by_role("status").first).to_contain_text("press Ctrl+C")
    assert page.evaluate("() => getSelection().toString()") == MINE
