"""The harness under CPython: structured results, learner-facing messages, repeated runs."""

import json
from pathlib import Path

import pytest

from playground import run_tests

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = ROOT / "py" / "problems" / "basic_autograd"
SOLUTION = (PROBLEM / "solution.py").read_text()
STARTER = (PROBLEM / "starter.py").read_text()
META = json.loads((PROBLEM / "problem.json").read_text())
REQUIRED = sum(t.get("tier", "required") == "required" for t in META["tests"])


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
    assert results["duration"] > 0
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
    assert set(outcomes(results).values()) == {"error"}
    assert all("line 3" in t["message"] for t in results["tests"])


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
    assert "class named Value" in results["error"]["message"]
    assert set(outcomes(results).values()) == {"error"}


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


def test_each_run_gets_a_fresh_module(run):
    wrong = SOLUTION.replace("other.grad += out.grad", "other.grad = out.grad", 1)
    # the same length as the solution: a stale .pyc would hide the change
    same_size_wrong = SOLUTION.replace("other.grad += out.grad", "other.grad =  out.grad", 1)
    assert len(same_size_wrong) == len(SOLUTION)
    verdicts = [run(source)["passed"] for source in (SOLUTION, same_size_wrong, SOLUTION, wrong)]
    total = REQUIRED
    assert verdicts[0] == verdicts[2] == total
    assert verdicts[1] < total and verdicts[3] < total


def test_learner_cannot_break_later_runs_by_polluting_modules(run):
    run("import sys\nsys.modules['pytest'] = None\nclass Value: pass\n")
    assert run(SOLUTION)["passed"] == REQUIRED


def test_empty_editor_gets_a_clear_message(run):
    results = run("  \n\n")
    assert results["error"]["type"] == "EmptyCode"
    assert "empty" in results["tests"][0]["message"]


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


def test_keyboard_interrupt_marks_unfinished_tests_timeout(run):
    interrupted = SOLUTION.replace("def relu(self):", f"def relu(self):\n        {PAGE_STOP}", 1)
    results = run(interrupted)
    assert results["stopped"] is True
    verdicts = outcomes(results)
    assert verdicts["test_reference_example"] == "timeout"  # Example 1 calls relu
    assert set(verdicts.values()) == {"timeout"}
    assert "Stopped" in results["tests"][0]["message"]
    line = interrupted.splitlines().index(f"        {PAGE_STOP}") + 1
    assert results["tests"][0]["line"] == line  # where it was stopped: a loop that never ends, say
    message = results["tests"][0]["message"]
    assert message == f"Stopped before this test finished. It was running line {line} of your code."
    assert results["tests"][1]["message"] == "Stopped before this test started."


def test_keyboard_interrupt_while_loading_names_the_line(run):
    results = run(f"x = 0\nwhile x < 10:\n    {PAGE_STOP}\n")
    assert results["stopped"] is True and results["error"] is None
    assert {t["outcome"] for t in results["tests"]} == {"timeout"}
    assert results["tests"][0]["message"] == "Stopped while your code was loading. It was running line 3 of your code."


def test_code_that_replaces_harness_functions_gets_a_message_and_is_undone(run):
    results = run("import json, playground.runner\njson.dumps = None\nplayground.runner.run_pytest = None\n"
                  "class Value: pass\n")
    assert results["error"]["type"] == "HarnessError"
    assert "replace or delete something the tests use" in results["tests"][0]["message"]
    assert json.dumps is not None
    assert run(SOLUTION)["passed"] == REQUIRED


def test_an_ignored_interrupt_is_undone_after_the_run(run):
    import signal

    handler = signal.getsignal(signal.SIGINT)
    ignoring = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n" + SOLUTION
    assert run(ignoring)["passed"] == REQUIRED
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_tracer_or_another_working_directory_is_undone_after_the_run(run):
    import os
    import sys

    tracer, cwd = sys.gettrace(), os.getcwd()
    run("import os, sys\nsys.settrace(lambda *args: None)\nos.chdir('/')\n" + SOLUTION)
    assert sys.gettrace() is tracer
    assert os.getcwd() == cwd


def test_huge_output_is_cut_but_a_correct_solution_still_passes(run):
    chatty = SOLUTION.replace("def backward(self):", "def backward(self):\n        for i in range(30_000): print(i)", 1)
    results = run(chatty)
    assert results["passed"] == results["total"]
    shown = "".join(t["output"] for t in results["tests"])
    assert shown.count("\n") < 10_000 + 20
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


def test_code_that_breaks_the_harness_does_not_break_the_next_run(run):
    vandal = (
        "import builtins, sys, playground\n"
        "builtins.print = None\n"
        "sys.stdout = None\n"
        "sys.setrecursionlimit(50)\n"
        "del sys.modules['json']\n"
        "class Value: pass\n"
    )
    run(vandal)
    results = run(SOLUTION)
    assert results["passed"] == REQUIRED
    print("print works again")
