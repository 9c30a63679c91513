"""After one visit the playground works with the server stopped: a service worker precaches it, every problem
included, so a link to any problem (#/<id>) opens offline."""

import json
import os
import shutil
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from pageutil import PROBLEM, paste_code, results_region, run_code, run_tests, wait_until_ready
from problems import all_problems
from serving import ROOT, free_port, served_dist

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


# The fonts the page has asked for, once they have come or failed: {"KaTeX_Math italic 400": "loaded", ...}.
FONTS = """async () => {
  await document.fonts.ready;
  const asked = [...document.fonts].filter((face) => face.status !== "unloaded");
  return Object.fromEntries(asked.map((face) => [`${face.family} ${face.style} ${face.weight}`, face.status]));
}"""


def wait_for_offline_copy(page) -> None:
    """The service worker is active once it has precached everything."""
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")


def test_after_one_visit_the_page_loads_and_runs_tests_with_the_server_stopped(browser, solution, problem,
                                                                            required):
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    with served_dist() as origin:  # a server of this test's own, to stop
        page.goto(f"{origin}/#/{PROBLEM.id}")
        run_tests(page)
        wait_for_offline_copy(page)
        cached = set(page.evaluate(CACHED_URLS))
        # every file the page needed is in the offline copy (the service worker's own scripts aside)
        needed = {url.split("#")[0] for url in fetched if url.startswith(origin) and "/sw.js" not in url
                  and "/workbox-" not in url}
        assert needed - {origin + "/"} <= cached | {origin + "/index.html"}, needed - cached
        # and every problem's files, fetched or not: any problem opens offline (the lazy part of the standard
        # library aside: it is kept once an import needs it, test_the_rarely_used_library_... below)
        built = {f"{origin}/{path.relative_to(ROOT / 'dist').as_posix()}" for path in (ROOT / "dist").rglob("*")
                 if path.suffix in {".js", ".zip"} and path.name != "sw.js" and "python_lazy" not in path.name}
        assert built <= cached, built - cached

    page.reload()  # the server is gone
    expect(page.get_by_role("heading", name=problem["title"])).to_be_visible()
    paste_code(page, solution)
    summary = run_tests(page)
    assert summary.startswith(f"{required}/{required} passed")
    expect(results_region(page).locator('[data-status="passed"]')).to_have_count(len(problem["tests"]))

    deep_link = context.new_page()  # a link to the problem, opened offline in a new tab
    deep_link.goto(f"{origin}/#/{PROBLEM.id}")
    expect(deep_link.get_by_role("heading", level=1)).to_have_text(problem["title"])
    expect(deep_link.locator(".katex").first).to_be_visible()  # the statement's chunk, from the offline copy
    expect(deep_link.locator(".cm-content")).to_contain_text(solution.splitlines()[0])  # the editor, their code
    deep_link.get_by_role("link", name="All problems").click()
    expect(deep_link.get_by_role("link", name=problem["title"])).to_be_visible()
    # every statement's math has its fonts: the offline copy keeps only those the statements use
    for other in all_problems():
        deep_link.goto(f"{origin}/#/{other.id}")
        expect(deep_link.locator(".katex").first).to_be_visible()
        fonts = deep_link.evaluate(FONTS)
        assert fonts and all(status == "loaded" for status in fonts.values()), (other.id, fonts)
    context.close()


def test_the_rarely_used_library_comes_on_first_import_and_is_kept_for_offline(browser):
    """statistics is in the boot archive, so it works offline after one visit; xml is in the lazy archive, which
    a visit does not fetch: offline, its import says why it failed; online, it comes, and stays for offline."""
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    lazy_fetches = []
    context.on("request", lambda request: lazy_fetches.append(request.url) if "python_lazy" in request.url else 0)
    with served_dist(port) as origin:
        page.goto(f"{origin}/#/{PROBLEM.id}")
        wait_until_ready(page)
        wait_for_offline_copy(page)
        assert lazy_fetches == [] and not [url for url in page.evaluate(CACHED_URLS) if "python_lazy" in url]

    page.reload()  # the server is gone
    wait_until_ready(page)
    assert "Printed:\n\n3\n" in run_code(page, "import statistics\nprint(statistics.mean([1, 2, 6]))")
    said = run_code(page, "import xml.dom.minidom\n")
    assert "xml is part of Python's standard library" in said and "Check your connection" in said, said

    with served_dist(port):
        minidom = "import xml.dom.minidom\nprint(xml.dom.minidom.parseString('<tag/>').documentElement.tagName)\n"
        assert "Printed:\n\ntag\n" in run_code(page, minidom)
        assert len(lazy_fetches) >= 1

    page.reload()  # offline again, with a Python that has not imported xml yet
    wait_until_ready(page)
    assert "Printed:\n\ntag\nemail too\n" in run_code(page, minidom + "import email.mime.text\nprint('email too')\n")
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


def build_release(name: str, out_dir) -> None:
    """A second release of the page: the same sources built with another release name."""
    subprocess.run(["npx", "vite", "build", "--logLevel", "error", "--outDir", str(out_dir), "--emptyOutDir"],
                   cwd=ROOT, env={**os.environ, "PLAYGROUND_RELEASE": name}, check=True, timeout=300)


def test_a_new_release_takes_over_whole_only_when_the_learner_reloads(browser, tmp_path, solution, required):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(ROOT / "dist", first)
    build_release("second-release", second)
    port = free_port()
    context = browser.new_context()
    page = context.new_page()
    with served_dist(port, root=first) as origin:
        page.goto(f"{origin}/#/{PROBLEM.id}")
        page.get_by_text("Ready", exact=True).wait_for(timeout=60_000)
        wait_for_offline_copy(page)
        first_release = page.evaluate("document.documentElement.dataset.release")
    with served_dist(port, root=second) as origin:  # the same origin now serves the new release
        page.reload()  # still the first release, from the offline copy: the new one installs beside it
        assert page.evaluate("document.documentElement.dataset.release") == first_release
        reload = page.get_by_role("button", name="Reload")
        expect(reload).to_be_visible(timeout=60_000)
        reload.click()
        page.wait_for_function("() => document.documentElement.dataset.release === 'second-release'")
        # nothing of the first release is left in the page: every script and style is the second's
        loaded = page.evaluate("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        assets = {path for path in loaded if path.startswith("/assets/")}
        assert assets and all((second / path.lstrip("/")).exists() for path in assets), assets
        paste_code(page, solution)
        assert run_tests(page).startswith(f"{required}/{required} passed")
    context.close()
