"""The harness under CPython: structured results, learner-facing messages, repeated runs."""

import json
import sys

import pytest

from playground import run_tests
from playground.schema import SCHEMA, VERSION
from problems import first_problem

SEED = first_problem("autograd")
PROBLEM = SEED.folder
SOLUTION = SEED.solution
STARTER = SEED.starter
META = SEED.meta
REQUIRED = len(SEED.required)


@pytest.fixture
def run(tmp_path):
    return lambda source: run_tests(PROBLEM, source, workdir=tmp_path / "work")


def outcomes(results: dict) -> dict[str, str]:
    return {t["id"]: t["outcome"] for t in results["tests"]}


def test_reference_passes_every_test_in_order(run):
    results = run(SOLUTION)
    assert results["error"] is None
    assert [t["name"] for t in results["tests"]] == [t["name"] for t in META["tests"]]
    assert set(outcomes(results).values()) == {"passed"}
    assert results["passed"] == results["total"] == REQUIRED
    assert results["challenge"] == {"passed": len(META["tests"]) - REQUIRED, "total": len(META["tests"]) - REQUIRED}
    assert results["solved"] is True and results["shared_message"] is None
    assert results["timings"]["total"] > 0
    assert results["version"] == VERSION and results["kind"] == "tests" and results["status"] == "finished"
    assert set(results) == set(SCHEMA["required"])  # one shape, written down once (py/result.schema.json)
    assert json.loads(json.dumps(results)) == results


def test_starter_fails_every_test_and_says_why(run):
    results = run(STARTER)
    assert results["passed"] == 0
    for test in results["tests"]:
        assert test["outcome"] in {"failed", "error"}
        assert test["message"], test


def test_operation_returning_none_gets_a_hint(run):
    results = run(STARTER)
    first = results["tests"][0]
    assert "NoneType" in first["message"]
    # the same advice for every failing test is said once, above the list, not on each test
    assert "return a new Value" in results["shared_message"]
    assert not any("return a new Value" in t["message"] for t in results["tests"])


def test_syntax_error_names_the_line_and_marks_every_test_error(run):
    results = run("class Value:\n    def __init__(self, data):\n        self.data = data +\n")
    assert results["error"]["type"] == "SyntaxError"
    assert results["error"]["line"] == 3
    assert "line 3" in results["error"]["message"]
    assert results["status"] == "error"
    assert set(outcomes(results).values()) == {"not_run"}  # the error is said once, not on every test


def test_exception_at_import_names_the_learners_line(run):
    results = run("x = 1\n\nraise ValueError('boom')\n")
    error = results["error"]
    assert error["type"] == "ValueError"
    assert error["line"] == 3
    assert "ValueError: boom" in error["message"]
    assert "line 3" in error["traceback"]
    assert "playground" not in error["traceback"] and "_pytest" not in error["traceback"]


def test_sys_exit_at_import_is_reported_not_obeyed(run):
    results = run("import sys\nsys.exit(0)\n")
    assert results["error"]["type"] == "SystemExit"
    assert results["passed"] == 0


def test_missing_value_class_is_named(run):
    results = run("def value():\n    pass\n")
    assert results["error"] is None and set(outcomes(results).values()) == {"error"}
    assert results["shared_message"].startswith("Your code does not define `Value`, which the tests import.")


def test_crash_inside_learner_method_points_at_its_line(run):
    broken = SOLUTION.replace("def relu(self):", "def relu(self):\n        1 / 0", 1)
    line = broken.splitlines().index("        1 / 0") + 1
    results = run(broken)
    relu_test = next(t for t in results["tests"] if t["id"] == "test_relu_positive")
    assert relu_test["outcome"] == "error"
    assert "ZeroDivisionError" in relu_test["message"]
    assert f"line {line} of your code" in relu_test["message"]
    assert relu_test["line"] == line
    assert "_pytest" not in relu_test["traceback"] and f"line {line}" in relu_test["traceback"]


def test_printed_output_is_kept_per_test(run):
    printing = "def backward(self):\n        print('<b>backward</b>', self.data)"
    results = run(SOLUTION.replace("def backward(self):", printing, 1))
    assert results["passed"] == results["total"]
    assert results["tests"][0]["output"] == "<b>backward</b> 0\n"  # Example 1: e = relu(-28) = 0


def test_output_printed_while_loading_is_kept(run):
    results = run("print('hello from import')\n" + SOLUTION)
    assert results["output"] == "hello from import\n"
    assert results["passed"] == results["total"]


def test_each_run_gets_a_fresh_module(run, monkeypatch):
    # as if PYTHONDONTWRITEBYTECODE were unset: the harness itself must keep a stale .pyc from standing in
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    wrong = SOLUTION.replace("other.grad += out.grad", "other.grad = out.grad", 1)
    # the same length as the solution: a stale .pyc would hide the change
    same_size_wrong = SOLUTION.replace("other.grad += out.grad", "other.grad =  out.grad", 1)
    assert len(same_size_wrong) == len(SOLUTION)
    verdicts = [run(source)["passed"] for source in (SOLUTION, same_size_wrong, SOLUTION, wrong)]
    total = REQUIRED
    assert verdicts[0] == verdicts[2] == total
    assert verdicts[1] < total and verdicts[3] < total


def test_empty_editor_gets_a_clear_message(run):
    results = run("  \n\n")
    assert results["error"]["type"] == "EmptyCode"
    assert "The editor is empty: define `Value`" in results["error"]["message"]


def test_a_message_that_is_a_sentence_ends_the_load_error(run):
    results = run("import numpy as np\n" + SOLUTION)
    assert results["error"]["message"] == (
        "Your code raised, while loading (line 1 of your code), ModuleNotFoundError: This playground runs plain "
        "Python in your browser, and numpy isn't available here. Use floats, lists and the math and random modules "
        "instead.")


def test_infinite_recursion_is_a_recursion_error_at_the_learners_line(run):
    looping = SOLUTION.replace("def __add__(self, other):", "def __add__(self, other):\n        return self + other", 1)
    line = looping.splitlines().index("        return self + other") + 1
    results = run(looping)
    first = results["tests"][0]
    assert first["outcome"] == "error"
    assert first["message"].startswith("RecursionError")
    assert f"line {line} of your code" in first["message"]
    assert run(SOLUTION)["passed"] == results["total"]  # and the next run is fine


# What the page's Stop button and time limit do: Pyodide's interrupt buffer raises SIGINT in Python.
PAGE_STOP = "import signal; signal.raise_signal(signal.SIGINT)"


def test_keyboard_interrupt_marks_the_running_test_stopped(run):
    interrupted = SOLUTION.replace("def relu(self):", f"def relu(self):\n        {PAGE_STOP}", 1)
    results = run(interrupted)
    line = interrupted.splitlines().index(f"        {PAGE_STOP}") + 1
    assert results["status"] == "stopped"
    assert results["stopped"] == {"reason": None, "phase": "testing", "line": line, "restarted": False}
    verdicts = outcomes(results)
    assert verdicts["test_reference_example"] == "stopped"  # Example 1 calls relu
    assert set(list(verdicts.values())[1:]) == {"not_run"}
    assert results["tests"][0]["line"] == line  # where it was stopped: a loop that never ends, say
    assert results["shared_message"] is None and not results["solved"]


def test_keyboard_interrupt_while_loading_names_the_line(run):
    results = run(f"x = 0\nwhile x < 10:\n    {PAGE_STOP}\n")
    assert results["status"] == "stopped" and results["error"] is None
    assert results["stopped"] == {"reason": None, "phase": "loading", "line": 3, "restarted": False}
    assert {t["outcome"] for t in results["tests"]} == {"not_run"}


def test_huge_output_is_cut_but_a_correct_solution_still_passes(run):
    chatty = SOLUTION.replace("def backward(self):", "def backward(self):\n        for i in range(30_000): print(i)", 1)
    results = run(chatty)
    assert results["passed"] == results["total"]
    shown = "".join(t["output"] for t in results["tests"])
    assert shown.count("\n") <= 10_000 + 2 * len(results["tests"])  # the cap, and a note or two per test
    assert "output cut" in shown


def test_output_is_cut_at_a_megabyte(run):
    results = run("print('x' * 3_000_000)\n" + SOLUTION)
    assert len(results["output"]) < 1_100_000
    assert "output cut" in results["output"]
    assert results["passed"] == results["total"]


def test_a_megabyte_of_code_runs(run):
    padding = "# padding line to make the file large ...........................................\n" * 12_500
    assert len(padding) > 1_000_000
    assert run(padding + SOLUTION)["passed"] == REQUIRED


def test_code_that_is_not_valid_text_gets_a_message(run):
    results = run("class Value:\n    pass\n\ud800\n")
    assert results["error"]["type"] == "SyntaxError"
    assert results["error"]["line"] == 3
    assert "Line 3 of your code holds a character that is not valid text (U+D800)" in results["error"]["message"]
    assert results["passed"] == 0
    null = run("x = 1\x00\n")["error"]
    assert null["type"] == "SyntaxError" and "Line 1 of your code holds a null character" in null["message"]


def test_keyboard_interrupt_raised_by_the_code_is_an_error_not_a_stop(run):
    code = SOLUTION.replace("def relu(self):", "def relu(self):\n        raise KeyboardInterrupt", 1)
    line = code.splitlines().index("        raise KeyboardInterrupt") + 1
    results = run(code)
    assert results["status"] == "finished" and results["stopped"] is None
    first = results["tests"][0]
    assert first["outcome"] == "error"
    assert f"Your code raised KeyboardInterrupt (line {line} of your code): only the Stop button" in first["message"]
    assert outcomes(results)["test_accumulates_when_reused"] == "passed"  # the other tests still ran
    loading = run("raise KeyboardInterrupt\n")
    assert loading["stopped"] is None and "KeyboardInterrupt" in loading["error"]["message"]


def test_pytest_exit_from_the_code_is_an_error_with_a_reason(run):
    code = "import pytest\n" + SOLUTION.replace("def relu(self):", "def relu(self):\n        pytest.exit('bye')", 1)
    results = run(code)
    first = results["tests"][0]
    assert first["outcome"] == "error" and "called pytest.exit()" in first["message"]
    assert outcomes(results)["test_accumulates_when_reused"] == "passed"


def test_a_recursion_limit_too_low_for_the_tests_is_refused_with_a_reason(run):
    results = run("import sys\nsys.setrecursionlimit(40)\n" + SOLUTION)
    assert results["error"]["line"] == 2
    assert "sys.setrecursionlimit(40) is too low for the tests to run" in results["error"]["message"]
    raised = run("import sys\nsys.setrecursionlimit(5_000)\n" + SOLUTION)
    assert raised["passed"] == REQUIRED


def test_a_recursion_limit_above_what_the_browser_holds_is_capped_and_said(run):
    results = run("import sys\nsys.setrecursionlimit(10_000)\n\ndef f(n):\n    return f(n + 1)\n\nf(0)\n")
    assert results["error"]["type"] == "RecursionError"
    assert "your code asked for a recursion limit of 10,000; in the browser it is at most 2,500" in \
        results["error"]["message"]


def test_input_says_there_is_no_keyboard(run):
    results = run("name = input('name? ')\n" + SOLUTION)
    assert results["error"]["type"] == "EOFError"
    assert "no keyboard" in results["error"]["message"] and results["error"]["line"] == 1


def test_fractions_are_numbers_too(run):
    fractions = "from fractions import Fraction\n" + SOLUTION.replace(
        "self.data = data", "self.data = Fraction(data)", 1).replace("self.grad = 0.0", "self.grad = Fraction(0)", 1)
    results = run(fractions)
    assert results["passed"] == REQUIRED, [t["message"] for t in results["tests"] if t["outcome"] != "passed"]


def test_a_huge_exception_message_is_cut(run):
    results = run("raise ValueError('x' * 30_000_000)\n")
    assert len(json.dumps(results)) < 100_000
    assert "more characters" in results["error"]["message"]


def test_garbage_left_by_a_run_is_collected_within_it(run):
    freed = ("import builtins, gc\nclass Flag:\n    def __del__(self):\n"
             "        builtins.print('collected')\na = Flag(); b = Flag(); a.b, b.a = b, a\ndel a, b\n")
    results = run(freed + SOLUTION)
    assert "collected\ncollected" in results["output"]
