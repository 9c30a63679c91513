"""After one visit the playground works with the server stopped: a service worker precaches it."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from pageutil import paste_code, results_region, run_tests
from serving import served_dist

pytestmark = pytest.mark.browser

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      const url = new URL(request.url);
      url.searchParams.delete("__WB_REVISION__");
      urls.push(url.href);
    }
  }
  return urls;
}"""


def wait_for_offline_copy(page) -> None:
    """The service worker is active once it has precached everything."""
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")


def test_after_one_visit_the_page_loads_and_runs_tests_with_the_server_stopped(browser, solution, problem):
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    with served_dist() as origin:  # a server of this test's own, to stop
        page.goto(origin + "/")
        run_tests(page)
        wait_for_offline_copy(page)
        cached = set(page.evaluate(CACHED_URLS))
        # every file the page needed is in the offline copy (the service worker's own scripts aside)
        needed = {url.split("#")[0] for url in fetched if url.startswith(origin) and "/sw.js" not in url
                  and "/workbox-" not in url}
        assert needed - {origin + "/"} <= cached | {origin + "/index.html"}, needed - cached

    page.reload()  # the server is gone
    expect(page.get_by_role("heading", name=problem["title"])).to_be_visible()
    paste_code(page, solution)
    summary = run_tests(page)
    total = len(problem["tests"])
    assert summary.startswith(f"{total}/{total} passed")
    expect(results_region(page).locator('[data-status="passed"]')).to_have_count(total)
    context.close()


def test_every_versioned_file_is_cached_for_good_and_the_rest_revalidated(server_url):
    def headers(path: str) -> dict:
        with urllib.request.urlopen(server_url + path) as response:
            return dict(response.headers)

    manifest_headers = headers("/manifest.json")
    assert manifest_headers["Cache-Control"] == "no-cache"
    manifest = json.loads(urllib.request.urlopen(server_url + "/manifest.json").read())
    for path in (manifest["bundle"], manifest["stdlib"], manifest["pyodide"] + "pyodide.asm.wasm"):
        assert "immutable" in headers("/" + path)["Cache-Control"]
    for name in ("Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Content-Security-Policy"):
        assert name in manifest_headers
