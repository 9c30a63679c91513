"""Share links: Copy link puts the code in the URL's fragment; opening one shows that code, not run, and the
learner chooses to keep it or go back to their own, with nothing saved lost until then."""

import random
import string

import pytest
from playwright.sync_api import Page, expect
from test_saving import leave

from pageutil import PROBLEM, STORAGE_KEY, paste_code, run_tests, serious_violations

pytestmark = pytest.mark.browser

KEY = STORAGE_KEY + PROBLEM.id
SHARED = "class Value:\n    pass  # shared by a friend: a + b, 100% ok?\n"
MINE = "class Value:\n    pass  # my own work\n"


def editor(page: Page):
    return page.locator(".cm-content")


def stored(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", KEY)


def wait_stored(page: Page, code: str) -> None:
    page.wait_for_function("([key, code]) => localStorage.getItem(key) === code", arg=[KEY, code])


def status(page: Page):
    return page.get_by_role("status").first


def shared_bar(page: Page):
    return page.get_by_role("region", name="This is code from a shared link")


def copied_link(context, server_url: str, problem_url: str, code: str) -> str:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.goto(problem_url)
    paste_code(page, code)
    page.get_by_role("button", name="Copy link").click()
    expect(status(page)).to_contain_text("Link copied")
    link = page.evaluate("() => navigator.clipboard.readText()")
    page.close()
    return link


def page_with_my_code(browser, problem_url: str):
    """A fresh browser (another learner) with their own saved code for the problem."""
    fresh = browser.new_context()
    page = fresh.new_page()
    page.goto(problem_url)
    paste_code(page, MINE)
    wait_stored(page, MINE)
    return fresh, page


def test_a_shared_link_offers_its_code_and_going_back_keeps_mine(browser, context, server_url, problem_url):
    link = copied_link(context, server_url, problem_url, SHARED)
    assert link.startswith(problem_url + "?code=") and "pass" not in link  # compressed, in the fragment

    other, page = page_with_my_code(browser, problem_url)
    try:
        page.goto(link)
        expect(shared_bar(page)).to_be_visible()
        expect(editor(page)).to_contain_text("# shared by a friend: a + b, 100% ok?")
        expect(status(page)).to_contain_text("It has not been run")
        expect(page.locator("#summary")).to_have_text("Not run yet.")
        assert page.evaluate("() => location.hash") == f"#/{PROBLEM.id}"  # read once, then out of the address
        assert not serious_violations(page), serious_violations(page)
        page.locator(".cm-content").press("End")
        page.keyboard.type(" # tried a change")  # still nothing saved: the learner has not chosen
        leave(page)  # what makes a tab save at once
        assert stored(page) == MINE
        run_tests(page)  # the learner may run it; its results are shown, not kept as theirs
        assert page.evaluate("id => localStorage.getItem('autograd-playground:results:' + id)", PROBLEM.id) is None

        shared_bar(page).get_by_role("button", name="Back to my code").click()
        expect(shared_bar(page)).to_be_hidden()
        expect(editor(page)).to_contain_text("# my own work")
        assert stored(page) == MINE
        page.reload()  # the link is not offered again
        expect(editor(page)).to_contain_text("# my own work")
        expect(shared_bar(page)).to_be_hidden()
    finally:
        other.close()


def test_keeping_a_shared_code_replaces_mine_one_undo_away(browser, context, server_url, problem_url):
    link = copied_link(context, server_url, problem_url, SHARED)
    other, page = page_with_my_code(browser, problem_url)
    try:
        page.goto(link)
        shared_bar(page).get_by_role("button", name="Keep this code").click()
        expect(shared_bar(page)).to_be_hidden()
        wait_stored(page, SHARED)
        expect(status(page)).to_contain_text("Ctrl+Z")
        page.keyboard.press("ControlOrMeta+Z")
        expect(editor(page)).to_contain_text("# my own work")
        wait_stored(page, MINE)
    finally:
        other.close()


def test_a_link_that_is_damaged_or_cut_short_says_so_and_shows_my_code(browser, context, server_url, problem_url):
    link = copied_link(context, server_url, problem_url, SHARED)
    other, page = page_with_my_code(browser, problem_url)
    try:
        for bad in [link[: len(link) - 12], f"{problem_url}?code=not-lz-data"]:
            page.goto(bad)
            alert = page.get_by_role("alert").filter(has_text="could not be read")
            expect(alert).to_be_visible()
            expect(editor(page)).to_contain_text("# my own work")
            expect(shared_bar(page)).to_be_hidden()
            assert stored(page) == MINE
            page.goto(f"{problem_url}")
    finally:
        other.close()


def test_a_link_with_a_malformed_escape_says_so_and_shows_the_list(context, server_url):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server_url}/#/{PROBLEM.id}%E0%A4?code=N4IgdghgtgpiBcIBKMDOAXA+gIwPZKA")
    expect(page.get_by_role("heading", level=1, name="Problems")).to_be_visible()
    expect(page.get_by_text("The link you followed is damaged")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("data-python", "ready", timeout=60_000)  # Python started
    assert not errors


def test_code_too_long_for_a_link_is_said_instead(context, server_url, problem_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.goto(problem_url)
    rng = random.Random(14)  # random letters do not compress: the link would be far past its limit
    noise = "".join(rng.choice(string.ascii_letters) for _ in range(20_000))
    paste_code(page, f"class Value:\n    pass\n# {noise}\n")
    page.evaluate("() => navigator.clipboard.writeText('before')")
    page.get_by_role("button", name="Copy link").click()
    expect(status(page)).to_contain_text("too long for a link")
    assert page.evaluate("() => navigator.clipboard.readText()") == "before"


def test_without_clipboard_access_the_link_is_shown_selected(context, problem_url):
    page = context.new_page()
    page.goto(problem_url)
    paste_code(page, SHARED)
    page.evaluate("() => { Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => "
                  "Promise.reject(new Error('denied'))}}); }")
    page.get_by_role("button", name="Copy link").click()
    field = page.get_by_role("textbox", name="Link to your code")
    expect(field).to_be_focused()
    assert field.input_value().startswith(problem_url + "?code=")
    assert field.evaluate("el => el.selectionStart === 0 && el.selectionEnd === el.value.length")


def test_on_a_phone_the_shared_code_is_brought_into_view(browser, context, server_url, problem_url):
    link = copied_link(context, server_url, problem_url, SHARED)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = phone.new_page()
        page.goto(link)
        expect(page.locator("#statement-body h2").first).to_be_visible()  # the statement above it is in
        expect(shared_bar(page)).to_be_visible()
        # below the statement, where a phone would not show it
        expect(shared_bar(page)).to_be_in_viewport()
    finally:
        phone.close()
