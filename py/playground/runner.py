"""Run a problem's hidden tests against the learner's code; return JSON-ready results.

The results, one object per run (the page renders from this and nothing else):
    {problem, error: {type, line, message, traceback} | None, stopped, output,
     tests: [{id, name, tier: "required" | "challenge", outcome: "passed" | "failed" | "error" | "timeout",
              message, output, duration, line, traceback, graph, hint}],
     passed, total (required tests only), challenge: {passed, total}, solved,
     shared_message (said once above the list: it applies to every test that did not pass; a test whose
     message equals it needs no message of its own), restart_python, duration}
"""

import builtins
import io
import json
import os
import signal
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from playground.isolation import interpreter_restored
from playground.keeper import keeper
from playground.learner import (
    describe,
    forget_directory_listing,
    forget_modules,
    learner_line,
    load_error,
    write_module,
)
from playground.limits import learner_limits, state, stop_requested
from playground.output import CappedOutput, OutputBudget
from playground.problem import PROBLEMS, Problem
from playground.recorder import install_recorder
from playground.verdicts import VerdictCollector, new_verdict

PYTEST_ARGS = [
    "-q",
    "--assert=plain",  # our tests carry their own learner-friendly messages
    "--capture=no",  # the collector captures each test's output itself, within a budget
    "-p", "no:cacheprovider",
    "--noconftest",
    "--tb=no",  # verdicts carry our own messages and tracebacks; pytest's cost time on every failure
    # plugins a hidden-test run never needs; each one costs time on every run
    *("-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:doctest", "-p", "no:junitxml",
      "-p", "no:pastebin", "-p", "no:legacypath", "-p", "no:stepwise", "-p", "no:warnings", "-p", "no:logging",
      "-p", "no:faulthandler", "-p", "no:debugging", "-p", "no:unittest", "-p", "no:setuponly",
      "-p", "no:setupplan", "-p", "no:freeze_support"),
]
MAX_RESULT_CHARS = 8_000_000
PYTEST_ENVIRONMENT = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DEBUG", "PYTEST_THEME")

# Stop or the time limit; the page puts the reason in place of the first word.
STOPPED = "Stopped before this test finished."
NOT_STARTED = "Stopped before this test started."
STOPPED_LOADING = "Stopped while your code was loading."


def run_tests(problem_dir: str | Path, source: str, workdir: str | Path | None = None) -> dict:
    """Run the hidden tests of the problem in problem_dir against source."""
    started = time.perf_counter()
    keeper.release()  # whatever a stopped run left
    problem = Problem.load(problem_dir)
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    learner_path = write_module(workdir, problem.module, source)
    forget_modules(problem.module, problem.test_file.stem)
    forget_directory_listing(workdir)
    if str(workdir) not in sys.path:
        sys.path.insert(0, str(workdir))

    budget = OutputBudget()
    printed = CappedOutput(budget)
    error, verdicts, stopped, loading = None, {}, False, True
    dont_write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # a stale .pyc must never stand in for new code
    try:
        with interpreter_restored(), learner_limits():
            signal.signal(signal.SIGINT, stop_requested)
            builtins.draw = skip_draw  # code written for Run code may call draw(v): the tests load it too
            builtins.__build_class__ = keeper.build_class(problem.module)
            error = load_error(source, learner_path, problem.module, printed)
            loading = False
            if not error:
                verdicts, stopped = run_pytest(problem, learner_path, budget)
            learner = sys.modules.get(problem.module)
            forget_modules(problem.module, problem.test_file.stem)
            with redirect_stdout(printed), redirect_stderr(printed):  # where a __del__ prints
                keeper.let_go(vars(learner) if learner else None)
    except KeyboardInterrupt as exc:  # Stop, or the time limit: the page interrupted the run
        stopped = True
        if loading:  # the learner's code was still loading: which line was it running?
            line = learner_line(exc.__traceback__, learner_path)
            verdicts = {name: stopped_verdict(STOPPED_LOADING, line) for name in problem.test_names}
    except Exception as exc:  # the learner's code broke the harness itself; the interpreter is restored by now
        error = {"type": "HarnessError", "line": learner_line(exc.__traceback__, learner_path), "traceback": "",
                 "message": f"The tests could not run: {describe(exc)}. Did your code replace or delete something "
                            "the tests use (a module's function, a built-in)?"}
    finally:
        sys.dont_write_bytecode = dont_write_bytecode
        forget_modules(problem.module, problem.test_file.stem)
    if error:
        verdicts = {name: error_verdict(error["message"]) for name in problem.test_names}

    tests = test_results(problem, verdicts, stopped)
    required = [t for t in tests if t["tier"] == "required"]
    challenge = [t for t in tests if t["tier"] == "challenge"]
    passed = sum(t["outcome"] == "passed" for t in required)
    return {
        "problem": problem.id,
        "error": error,
        "stopped": stopped,
        "output": printed.text(),
        "tests": tests,
        "passed": passed,
        "total": len(required),
        "challenge": {"passed": sum(t["outcome"] == "passed" for t in challenge), "total": len(challenge)},
        "solved": passed == len(required) and not stopped,
        "shared_message": say_once(tests, allowed=not stopped),
        "restart_python": state.audit_hook_added,  # something the run did can't be undone
        "duration": time.perf_counter() - started,
    }


def test_results(problem: Problem, verdicts: dict[str, dict], stopped: bool) -> list[dict]:
    """Every test of the problem, in order, with its verdict (or why it has none)."""
    unfinished = unfinished_verdict if stopped else not_run
    return [{"id": test_id, "name": name, "tier": problem.tiers[test_id],
             **finished(verdicts.get(test_id), unfinished), "hint": problem.hints.get(test_id)}
            for test_id, name in problem.test_names.items()]


def warm_up() -> None:
    """Run the first problem's starter once, so that everything a run imports is loaded (and its classes
    recorded as they are) before any learner code runs."""
    folder = next((p.parent for p in sorted(PROBLEMS.glob("*/problem.json"))), None)
    if folder is not None:
        run_tests(folder, (folder / "starter.py").read_text(encoding="utf-8"))


def say_once(tests: list[dict], allowed: bool = True) -> str | None:
    """What every test that did not pass has in common (its whole message, or the advice after it): returned,
    to be said once, and left out of each test's message. Each test's advice joins its message otherwise."""
    for test in tests:
        test["full_message"] = with_advice(test["message"], test.get("advice"))
    failing = [t for t in tests if t["outcome"] != "passed"] if allowed else []
    shared = None
    for said in ("full_message", "advice"):
        first = failing[0].get(said) if len(failing) > 1 else None
        if shared is None and first and all(t.get(said) == first for t in failing):
            shared = first
    for test in tests:
        advice, full = test.pop("advice", None), test.pop("full_message")
        test["message"] = test["message"] if advice == shared else full
    return shared


def with_advice(message: str, advice: str | None) -> str:
    if not advice:
        return message
    return f"{message} {advice}" if message else advice


def skip_draw(value=None) -> None:
    """draw(v) while the tests run: nothing to draw (Run code draws; see playground.script)."""


def run_tests_json(problem_dir: str, source: str, workdir: str | None = None) -> str:
    """run_tests, as a JSON string: what the browser's worker hands to the page, within MAX_RESULT_CHARS."""
    results = run_tests(problem_dir, source, workdir)
    text = json.dumps(results)
    if len(text) > MAX_RESULT_CHARS:  # every part is capped where it is made; this is the last guard
        for test in results["tests"]:
            test["graph"] = None
        results["output"] += "\n[The graphs were left out: these results were too large to send to the page.]\n"
        text = json.dumps(results)
    return text


def run_pytest(problem: Problem, learner_path: Path, budget: OutputBudget) -> tuple[dict[str, dict], bool]:
    """Each test's verdict, and whether the run was interrupted."""
    recorder = install_recorder(sys.modules.get(problem.module))  # notes each backward(): the graph views
    collector = VerdictCollector(learner_path, problem.test_file, budget, recorder)
    # An empty ini of our own: no configuration found up the tree may change the run.
    ini = learner_path.parent / "pytest.ini"
    ini.write_text("[pytest]\n")
    args = [str(problem.test_file), "-c", str(ini), "--rootdir", str(problem.folder), *PYTEST_ARGS]
    for name in PYTEST_ENVIRONMENT:
        os.environ.pop(name, None)
    # pytest's own report stays off the console: results travel as data
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        try:
            pytest.main(args, plugins=[collector])
        except Exception as exc:  # the learner's code broke pytest itself
            message = f"The tests could not run: {describe(exc)}"
            return {name: error_verdict(message) for name in problem.test_names} | collector.verdicts, False
    return collector.verdicts, state.stop_requested  # pytest ends the session at the page's interrupt


def error_verdict(message: str) -> dict:
    return {**new_verdict(), "outcome": "error", "message": message}


def not_run(_verdict: dict | None = None) -> dict:
    return error_verdict("This test did not run.")


def stopped_verdict(message: str, line: int | None = None) -> dict:
    if line:
        message += f" It was running line {line} of your code."
    return {**new_verdict(), "outcome": "timeout", "message": message, "line": line}


def unfinished_verdict(verdict: dict | None) -> dict:
    """A test the interrupt caught: running (with the line it was on, when in the learner's code) or not started."""
    if verdict is None:
        return stopped_verdict(NOT_STARTED)
    return stopped_verdict(STOPPED, verdict["line"])


def finished(verdict: dict | None, unfinished) -> dict:
    """A test's verdict, or what to say when it never got one."""
    if verdict is None:
        return unfinished(None)
    if verdict["outcome"] == "pending":
        return {**unfinished(verdict), "output": verdict["output"], "duration": verdict["duration"]}
    return verdict
