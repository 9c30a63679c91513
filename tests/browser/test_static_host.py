"""Deploying anywhere: dist/ from a plain static server that sends no custom headers (as GitHub Pages does),
from a folder below the site's root, and the `_headers` file that hosts such as Netlify read."""

import re

import pytest
from playwright.sync_api import expect

from pageutil import (
    LOOPING,
    PROBLEM,
    item_named,
    paste_code,
    results_region,
    run_and_wait,
    stop_while_running,
    wait_until_ready,
)
from serving import DIST, plain_static_server

pytestmark = pytest.mark.browser

REQUIRED = len(PROBLEM.required)


def test_a_plain_static_server_in_a_subfolder_runs_tests_and_stop_works(browser, tmp_path):
    (tmp_path / "playground").symlink_to(DIST)
    with plain_static_server(tmp_path) as origin:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(f"{origin}/playground/#/{PROBLEM.id}")
        assert "cross-origin-embedder-policy" not in response.headers
        assert page.evaluate("() => crossOriginIsolated") is False

        # First visit: no isolation, so Stop restarts Python, and says that a reload will do better.
        wait_until_ready(page)
        paste_code(page, PROBLEM.solution)
        assert run_and_wait(page).startswith(f"{REQUIRED}/{REQUIRED} passed")
        stop_while_running(page, LOOPING)
        expect(results_region(page).locator("#load-error")).to_contain_text(
            "Python was ended to stop your code, so it could not say how far the tests got. On this server Python can "
            "only be ended, not interrupted; once you reload the page, Stop can say where your code was.")

        # The offline copy, once installed, serves the page with the isolation headers.
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        page.reload()
        assert page.evaluate("() => crossOriginIsolated") is True
        wait_until_ready(page)
        stop_while_running(page, LOOPING)
        expect(item_named(page, PROBLEM.meta["tests"][0]["name"])).to_have_attribute("data-status", "stopped")
        expect(results_region(page).locator("#load-error")).not_to_contain_text("restart")
        paste_code(page, PROBLEM.solution)
        assert run_and_wait(page).startswith(f"{REQUIRED}/{REQUIRED} passed")
        context.close()
        assert not errors, f"the page threw: {errors}"


def test_the_headers_file_asks_for_what_our_own_server_sends(server_url):
    """dist/_headers (Netlify, Cloudflare Pages) holds every header `make serve` sends with the page."""
    import urllib.request

    blocks = {}
    for block in (DIST / "_headers").read_text().strip().split("\n\n"):
        pattern, *lines = block.splitlines()
        blocks[pattern] = dict(re.match(r"\s+([\w-]+): (.*)", line).groups() for line in lines)
    with urllib.request.urlopen(server_url + "/") as response:
        served = dict(response.headers.items())
    for name in ("Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Content-Security-Policy",
                 "Cross-Origin-Resource-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert blocks["/*"][name] == served[name], name
    assert "Cache-Control" not in blocks["/*"]  # hosts join every matching block's values into one header
    assert "immutable" in blocks["/v/*"]["Cache-Control"] and "immutable" in blocks["/assets/*"]["Cache-Control"]
