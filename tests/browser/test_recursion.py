"""Python recursion in the page as in CPython: the textbook engine is solved, deep graphs are freed without
crashing Python, and recursion through operators is a RecursionError at the learner's line, not a crash."""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import paste_code, results_region, run_and_wait, run_code
from problems import first_problem

pytestmark = pytest.mark.browser

PROBLEM = first_problem("autograd")
ALL_PASSED = rf"^{len(PROBLEM.required)}/{len(PROBLEM.required)} passed"
LONG_CHAIN = PROBLEM.challenges[0]["id"]  # 10,000 additions: too deep for a recursive topological sort
PRODUCT = PROBLEM.required[1]["id"]  # a test that multiplies
# Correct engines written apart from the reference solution (the problem's mistakes/ holds them too).
RECURSIVE_TOPO = PROBLEM.mistakes["recursive_topo_set.py"]
METHOD_RULES = PROBLEM.mistakes["method_rules.py"]
FREED_CHAIN = METHOD_RULES + "\nchain = Value(1.0)\nfor _ in range(100_000):\n    chain = chain + Value(1.0)\n"
OPERATOR_RECURSION = METHOD_RULES.replace("    def __mul__(self, other):\n",
                                          "    def __mul__(self, other):\n        return other * self\n", 1)
# How deep each kind of recursion goes in the page, printed by Run code.
DEPTHS = """import sys
sys.setrecursionlimit(10_000)

def plain(n):
    return 0 if n == 0 else 1 + plain(n - 1)

print("plain", plain(2_400))

def endless(n):
    return endless(n + 1)

try:
    endless(0)
except RecursionError as error:
    print("capped:", error)

class Deep:
    depth = 0

    def __add__(self, other):
        Deep.depth += 1
        return self + other

try:
    Deep() + Deep()
except RecursionError as error:
    print("operator", Deep.depth, error)
"""


def statuses_of(page: Page) -> dict[str, str]:
    """{test id: status} of the results list."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("#results li[data-test-id]")]
        .map((li) => [li.dataset.testId, li.dataset.status]))""")


def test_the_textbook_engine_is_solved_and_only_the_challenge_asks_for_a_stack(page: Page):
    paste_code(page, RECURSIVE_TOPO)
    summary = run_and_wait(page)
    assert re.match(ALL_PASSED, summary), summary
    statuses = statuses_of(page)
    assert statuses.pop(LONG_CHAIN) == "failed"
    assert set(statuses.values()) == {"passed"}
    challenge = results_region(page).locator(f"li[data-test-id='{LONG_CHAIN}']")
    expect(challenge).to_contain_text("recursion limit")


def test_rules_as_methods_pass_everything_and_deep_chains_are_freed(page: Page):
    for code in (METHOD_RULES, FREED_CHAIN):
        paste_code(page, code)
        summary = run_and_wait(page)
        assert re.match(ALL_PASSED, summary), (code[-80:], summary, results_region(page).inner_text()[:300])
        assert set(statuses_of(page).values()) == {"passed"}
    expect(page.get_by_role("status").first).not_to_contain_text("crashed")


def test_recursion_through_an_operator_names_the_method_and_line(page: Page):
    paste_code(page, OPERATOR_RECURSION)
    run_and_wait(page)
    line = OPERATOR_RECURSION.splitlines().index("        return other * self") + 1
    product = results_region(page).locator(f"li[data-test-id='{PRODUCT}']")
    expect(product).to_have_attribute("data-status", "error")
    # every test that multiplies fails the same way: said once, above the list
    expect(results_region(page)).to_contain_text(f"RecursionError in __mul__, line {line} of your code")
    expect(page.get_by_role("status").first).not_to_contain_text("crashed")
    paste_code(page, METHOD_RULES)
    assert re.match(ALL_PASSED, run_and_wait(page))  # the same Python, still fine


def test_run_code_recursion_depths(page: Page):
    shown = run_code(page, DEPTHS + "\nv = None\nclass N:\n    def __init__(self, p):\n        self.p = p\n"
                     "for _ in range(5_000):\n    v = N(v)\ndel v\nprint('freed')\n")
    assert "plain 2400" in shown
    assert "capped: maximum recursion depth exceeded" in shown, shown  # at 2,500 (the note: tests/test_harness.py)
    depth = int(re.search(r"operator (\d+)", shown).group(1))
    print(f"\noperator recursion in the page stops at depth {depth}: {shown.splitlines()[1]}")
    assert 50 < depth < 1_000
    assert "freed" in shown
    shown = run_code(page, "import sys\nsys.setrecursionlimit(40)\n")
    assert "too low for the tests to run" in shown


@pytest.mark.parametrize("what", ["repr", "==", "copy.deepcopy"])
def test_deep_repr_comparison_and_copy_are_recursion_errors_at_the_learners_line(page: Page, what):
    """Each recurses through C once per Value of a 5,000-long chain: a RecursionError, never a crash."""
    special = {"repr": "    def __repr__(self):\n        return f'Value({self._prev!r})'\n",
               "==": "    def __eq__(self, other):\n        return self._prev == other._prev\n",
               "copy.deepcopy": ""}[what]
    use = {"repr": "repr(a)", "==": "a == b", "copy.deepcopy": "copy.deepcopy(a)"}[what]
    code = (f"import copy\n{METHOD_RULES}\n{special}\n\ndef chain():\n    v = Value(1.0)\n"
            "    for _ in range(5_000):\n        v = v + Value(1.0)\n    return v\n\n"
            f"a, b = chain(), chain()\n{use}\n")
    shown = run_code(page, code)
    lines = code.splitlines()
    line = lines.index(special.splitlines()[1]) + 1 if special else lines.index(use) + 1  # the innermost of the code's
    assert "RecursionError" in shown and f"line {line}" in shown, shown
    assert "too many calls nested" in shown or "maximum recursion depth" in shown, shown
    expect(page.get_by_role("status").first).not_to_contain_text("crashed")


@pytest.mark.parametrize("nested", ["x = [x]", "x = (x,)", "x = {'a': x}"])
def test_a_structure_too_deep_to_free_names_the_cause_and_harms_no_later_run(page: Page, nested):
    """Freeing 10,000 nested lists overflows the browser's stack, which Python can't prevent: the message says
    so, and the next run has a Python of its own."""
    shown = run_code(page, f"x = None\nfor _ in range(10_000):\n    {nested}\ndel x\n")
    assert "Python crashed (the browser's stack overflowed: something was nested thousands deep" in shown, shown
    assert "the next run gets a fresh Python" in shown
    assert "after" in run_code(page, "print('after')\n")
