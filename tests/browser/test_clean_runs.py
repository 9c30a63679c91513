"""What one run leaves behind is charged to that run, and never changes the next run's verdicts."""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import paste_code, run_and_wait, wait_until_ready
from problems import first_problem

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")
SOLUTION, STARTER = PROBLEM.solution, PROBLEM.starter
REQUIRED = len(PROBLEM.required)
ALL_PASSED, NONE_PASSED = f"^{REQUIRED}/{REQUIRED} passed", f"^0/{REQUIRED} passed"
TESTS = f"test_{PROBLEM.id}.py"
# Freed when the run ends (the module is let go of), and then never returns.
ENDLESS_DEL = SOLUTION + ("\n\nclass Stuck:\n    def __del__(self):\n        while True:\n            pass\n\n\n"
                          "stuck = Stuck()\n")
TAMPERING = [
    "import _pytest.python\n_pytest.python.Function.runtest = lambda self: None\n",
    "import os\nos.environ['PYTEST_ADDOPTS'] = '-k nothing'\n",
    f"import playground.problem as p\n(p.PROBLEMS / {PROBLEM.id!r} / {TESTS!r}).write_text('')\n",
    # The hidden tests' bytecode, used without checking their source: replaced by an empty module's.
    "import importlib.util, playground.problem as p\nfrom importlib._bootstrap_external import _code_to_hash_pyc\n"
    f"pyc = importlib.util.cache_from_source(str(p.PROBLEMS / {PROBLEM.id!r} / {TESTS!r}))\n"
    "open(pyc, 'wb').write(_code_to_hash_pyc(compile('', 'x', 'exec'), importlib.util.source_hash(b''), False))\n",
    f"import shutil, playground.problem as p\nshutil.rmtree(p.PROBLEMS / {PROBLEM.id!r})\n",
    "import sys\nsys.setrecursionlimit(40)\n",
]


def test_work_left_by_a_run_is_charged_to_that_run(page: Page):
    paste_code(page, ENDLESS_DEL)
    summary = run_and_wait(page)
    assert "time limit" in summary, summary
    paste_code(page, SOLUTION)
    summary = run_and_wait(page)
    assert re.match(ALL_PASSED, summary) and "time limit" not in summary, summary


def test_tampering_then_the_starter_still_fails_and_the_solution_passes(page: Page):
    for tampering in TAMPERING:
        paste_code(page, tampering + STARTER)
        run_and_wait(page)
        paste_code(page, STARTER)
        assert re.match(NONE_PASSED, run_and_wait(page)), tampering
    paste_code(page, SOLUTION)
    assert re.match(ALL_PASSED, run_and_wait(page))


def test_an_audit_hook_gets_a_fresh_python(page: Page):
    paste_code(page, "import sys\nsys.addaudithook(lambda *args: None)\n" + SOLUTION)
    assert re.match(ALL_PASSED, run_and_wait(page))
    expect(page.get_by_role("status").first).to_contain_text("fresh Python")
    wait_until_ready(page)
    paste_code(page, SOLUTION)
    assert re.match(ALL_PASSED, run_and_wait(page))
