"""What one run leaves behind is charged to that run, and never changes the next run's verdicts."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pageutil import paste_code, run_and_wait, wait_until_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "py" / "problems" / "basic_autograd" / "solution.py").read_text()
STARTER = (ROOT / "py" / "problems" / "basic_autograd" / "starter.py").read_text()
# Freed when the run ends (the module is let go of), and then never returns.
ENDLESS_DEL = SOLUTION + ("\n\nclass Stuck:\n    def __del__(self):\n        while True:\n            pass\n\n\n"
                          "stuck = Stuck()\n")
TAMPERING = [
    "import _pytest.python\n_pytest.python.Function.runtest = lambda self: None\n",
    "import os\nos.environ['PYTEST_ADDOPTS'] = '-k nothing'\n",
    "import playground.problem as p\n(p.PROBLEMS / 'basic_autograd' / 'test_basic_autograd.py').write_text('')\n",
    "import sys\nsys.setrecursionlimit(40)\n",
]


def test_work_left_by_a_run_is_charged_to_that_run(page: Page):
    paste_code(page, ENDLESS_DEL)
    summary = run_and_wait(page)
    assert "time limit" in summary, summary
    paste_code(page, SOLUTION)
    summary = run_and_wait(page)
    assert re.match(r"^7/7 passed", summary) and "time limit" not in summary, summary


def test_tampering_then_the_starter_still_fails_and_the_solution_passes(page: Page):
    for tampering in TAMPERING:
        paste_code(page, tampering + STARTER)
        run_and_wait(page)
        paste_code(page, STARTER)
        assert re.match(r"^0/7 passed", run_and_wait(page)), tampering
    paste_code(page, SOLUTION)
    assert re.match(r"^7/7 passed", run_and_wait(page))


def test_an_audit_hook_gets_a_fresh_python(page: Page):
    paste_code(page, "import sys\nsys.addaudithook(lambda *args: None)\n" + SOLUTION)
    assert re.match(r"^7/7 passed", run_and_wait(page))
    expect(page.get_by_role("status").first).to_contain_text("fresh Python")
    wait_until_ready(page)
    paste_code(page, SOLUTION)
    assert re.match(r"^7/7 passed", run_and_wait(page))
