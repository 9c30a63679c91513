"""Every run in a Python that no learner code has touched (issue 21): what one run does to its Python, its file
system or its worker's JavaScript never decides the verdicts of a later run.

Each attack was found to carry over when one Python served every run. After it: a wrong engine still fails,
another problem's starter is not solved, and a correct engine passes.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import paste_code, run_and_wait, shown_count, wait_for_next_shown
from problems import all_problems, first_problem

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")
OTHER = next(p for p in all_problems() if p.id != PROBLEM.id)
SOLUTION, STARTER = PROBLEM.solution, PROBLEM.starter
REQUIRED = len(PROBLEM.required)
ALL_PASSED = f"^{REQUIRED}/{REQUIRED} passed"
WRONG = SOLUTION.replace("self.grad += ", "self.grad = ")
assert WRONG != SOLUTION
TESTS = f"test_{PROBLEM.id}.py"

# Every test of a problem, passed: what an attack would have later runs report.
ALL_PASS = """
def all_passed(problem_dir):
    import json, pathlib
    meta = json.loads((pathlib.Path(problem_dir) / "problem.json").read_text())
    tests = [{"id": t["id"], "name": t["name"], "tier": t.get("tier", "required"), "outcome": "passed",
              "message": "", "output": "", "duration": 0.0, "line": None, "traceback": "", "plugins": {},
              "progress": None, "hint": None} for t in meta["tests"]]
    return {"version": 4, "kind": "tests", "problem": meta["id"], "status": "finished", "error": None,
            "stopped": None, "output": "", "tests": tests, "passed": len(tests), "total": len(tests),
            "challenge": {"passed": 0, "total": 0}, "solved": True, "shared_message": None, "plugins": {},
            "timings": {"total": 0.1}}
"""

ATTACKS = {
    "a harness function's __code__ swapped": ALL_PASS + """
import playground.runner as runner
def run_tests(problem_dir, source, workdir=None, send=None):
    return all_passed(problem_dir)
runner.run_tests.__code__ = run_tests.__code__
""",
    "the hidden tests rewritten": f"""
import json, playground.problem as p
folder = p.PROBLEMS / {PROBLEM.id!r}
ids = [t["id"] for t in json.loads((folder / "problem.json").read_text())["tests"]]
for test_file in p.PROBLEMS.glob("*/test_*.py"):
    names = [t["id"] for t in json.loads((test_file.parent / "problem.json").read_text())["tests"]]
    test_file.write_text("".join(f"def {{name}}():\\n    pass\\n" for name in names))
""",
    "an audit hook": """
import sys
def hook(event, args):
    if event == "import" and args[0] == "submission":
        raise RuntimeError("hooked")
sys.addaudithook(hook)
""",
    "a hash-based .pyc planted for the hidden tests": (
        "import importlib.util, playground.problem as p\nfrom importlib._bootstrap_external import _code_to_hash_pyc\n"
        f"pyc = importlib.util.cache_from_source(str(p.PROBLEMS / {PROBLEM.id!r} / {TESTS!r}))\n"
        "open(pyc, 'wb').write(_code_to_hash_pyc(compile('', 'x', 'exec'), importlib.util.source_hash(b''), False))\n"),
    "an engine planted in the work folder": f"""
import pathlib, sys
pathlib.Path(sys.path[0], "engine.py").write_text({SOLUTION!r})
pathlib.Path(sys.path[0], "__init__.py").write_text("")
""",
    "callKwargs on the shared PyProxy prototype": ALL_PASS + f"""
import js, json
from pyodide.ffi import create_proxy
fake = json.dumps(all_passed(__import__("playground.problem").problem.PROBLEMS / {PROBLEM.id!r}))
link = js.Object.getPrototypeOf(create_proxy(lambda: None))
while link is not None and not js.Object.getOwnPropertyDescriptor(link, "callKwargs"):
    link = js.Object.getPrototypeOf(link)
if link is not None:
    link.callKwargs = create_proxy(lambda *args: fake)
""",
    "pyodide_js.runPython reassigned": """
import pyodide_js
from pyodide.ffi import create_proxy
pyodide_js.runPython = create_proxy(lambda *args: None)
pyodide_js.pyimport = create_proxy(lambda *args: None)
""",
    "a self-reposting scheduler.postTask": """
import js
from pyodide.ffi import create_proxy
def spin(*args):
    js.scheduler.postTask(create_proxy(spin))
    while True:
        pass
if hasattr(js, "scheduler"):
    js.scheduler.postTask(create_proxy(spin))
""",
}


def open_problem(page: Page, problem_id: str, title: str) -> None:
    page.evaluate("(id) => { location.hash = `#/${id}`; }", problem_id)
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def run_with(page: Page, code: str) -> str:
    paste_code(page, code)
    return run_and_wait(page)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_in_one_run_decides_nothing_later(page: Page, attack):
    run_with(page, ATTACKS[attack] + STARTER)
    assert not re.match(ALL_PASSED, run_with(page, WRONG)), attack
    open_problem(page, OTHER.id, OTHER.meta["title"])
    other = run_and_wait(page)  # its starter, as a newcomer sees it
    assert "Solved" not in other and not other.startswith(f"{len(OTHER.required)}/"), (attack, other)
    open_problem(page, PROBLEM.id, PROBLEM.meta["title"])
    assert re.match(ALL_PASSED, run_with(page, SOLUTION)), attack


def test_the_code_of_a_shared_link_run_once_does_not_judge_later_runs(browser, server_url):
    attack = ATTACKS["callKwargs on the shared PyProxy prototype"] + ATTACKS["a harness function's __code__ swapped"]
    author = browser.new_context()
    author.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = author.new_page()
    page.goto(f"{server_url}/#/{PROBLEM.id}")
    paste_code(page, attack + STARTER)
    page.get_by_role("button", name="Copy link").click()
    link = page.evaluate("() => navigator.clipboard.readText()")
    author.close()

    victim = browser.new_context()
    try:
        page = victim.new_page()
        page.goto(link)
        bar = page.get_by_role("region", name="This is code from a shared link")
        expect(bar).to_be_visible()
        run_and_wait(page)  # the victim presses Run tests once
        bar.get_by_role("button", name="Back to my code").click()
        expect(bar).to_be_hidden()
        assert not re.match(ALL_PASSED, run_with(page, WRONG))
        stored = page.evaluate("(id) => localStorage.getItem(`autograd-playground:solved:${id}`)", PROBLEM.id)
        assert stored is None
        assert re.match(ALL_PASSED, run_with(page, SOLUTION))
    finally:
        victim.close()


def test_at_most_two_workers_live_and_each_run_has_its_own(page: Page):
    """Two runs in a row: the second runs in a Python where the first one's module-level state is not."""
    marker = "import builtins\nprint('seen before:', hasattr(builtins, 'ran_before'))\nbuiltins.ran_before = 1\n"
    run_with(page, marker + SOLUTION)
    first = page.locator("#results").inner_text()
    run_and_wait(page)
    second = page.locator("#results").inner_text()
    assert "seen before: False" in first and "seen before: False" in second, (first, second)
    assert "seen before: True" not in second



def test_work_left_by_a_run_is_charged_to_that_run(page: Page):
    endless_del = SOLUTION + ("\n\nclass Stuck:\n    def __del__(self):\n        while True:\n            pass\n\n\n"
                              "stuck = Stuck()\n")
    summary = run_with(page, endless_del)
    assert "time limit" in summary, summary
    summary = run_with(page, SOLUTION)
    assert re.match(ALL_PASSED, summary) and "time limit" not in summary, summary


@pytest.mark.fresh_page  # it holds a request back
def test_a_run_clicked_before_the_spare_is_ready_waits_for_it_and_says_so(page: Page):
    """The next Python's files are held back: a run waits for it, the status line says so, and it runs once the
    files come."""
    expect(page.get_by_role("status").first).to_have_text("Ready", timeout=60_000)
    page.route("**/v/py-bundle-*.zip", lambda route: None)  # held until unrouted
    paste_code(page, SOLUTION)
    assert re.match(ALL_PASSED, run_and_wait(page))  # in the first Python; the spare behind it is held back
    before = shown_count(page)
    page.get_by_role("button", name="Run tests").click()
    expect(page.get_by_role("status").first).to_have_text("Starting a fresh Python for your tests…")
    page.unroute("**/v/py-bundle-*.zip")  # lets the held request go on
    wait_for_next_shown(page, before)
    assert re.match(ALL_PASSED, page.locator("#summary").text_content())
