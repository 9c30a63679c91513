"""Run a problem's hidden tests against the learner's code; return JSON-ready results."""

import io
import json
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from playground.isolation import interpreter_restored, recursion_capped
from playground.learner import describe, forget_directory_listing, forget_modules, load_error, write_module
from playground.output import CappedOutput, OutputBudget
from playground.problem import Problem
from playground.recorder import install_recorder
from playground.verdicts import VerdictCollector, new_verdict

PYTEST_ARGS = [
    "-q",
    "--assert=plain",  # our tests carry their own learner-friendly messages
    "--capture=no",  # the collector captures each test's output itself, within a budget
    "-p", "no:cacheprovider",
    "--noconftest",
    "--tb=native",  # verdicts carry our own messages; pytest's rich tracebacks cost time
    # plugins a hidden-test run never needs; each one costs time on every run
    *("-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:doctest", "-p", "no:junitxml",
      "-p", "no:pastebin", "-p", "no:legacypath", "-p", "no:stepwise", "-p", "no:warnings", "-p", "no:logging",
      "-p", "no:faulthandler"),
]

STOPPED = "Stopped before this test finished."


def run_tests(problem_dir: str | Path, source: str, workdir: str | Path | None = None) -> dict:
    """Run the hidden tests of the problem in problem_dir against source."""
    started = time.perf_counter()
    problem = Problem.load(problem_dir)
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    learner_path = write_module(workdir, problem.module, source)
    forget_modules(problem.module, problem.test_file.stem)
    forget_directory_listing(workdir)
    if str(workdir) not in sys.path:
        sys.path.insert(0, str(workdir))

    budget = OutputBudget()
    printed = CappedOutput(budget)
    error, verdicts, stopped = None, {}, False
    dont_write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # a stale .pyc must never stand in for new code
    try:
        with interpreter_restored(), recursion_capped():
            error = load_error(source, learner_path, problem.module, printed)
            if not error:
                verdicts, stopped = run_pytest(problem, learner_path, budget)
    except KeyboardInterrupt:  # Stop, or the time limit: the page interrupted the run
        stopped = True
    finally:
        sys.dont_write_bytecode = dont_write_bytecode
        forget_modules(problem.module, problem.test_file.stem)
    if error:
        verdicts = {name: error_verdict(error["message"]) for name in problem.test_names}

    unfinished = timeout_verdict if stopped else not_run
    tests = [{"id": test_id, "name": name, **finished(verdicts.get(test_id), unfinished)}
             for test_id, name in problem.test_names.items()]
    return {
        "problem": problem.id,
        "error": error,
        "stopped": stopped,
        "output": printed.text(),
        "tests": tests,
        "passed": sum(t["outcome"] == "passed" for t in tests),
        "total": len(tests),
        "duration": time.perf_counter() - started,
    }


def run_tests_json(problem_dir: str, source: str, workdir: str | None = None) -> str:
    """run_tests, as a JSON string: what the browser's worker hands to the page."""
    return json.dumps(run_tests(problem_dir, source, workdir))


def run_pytest(problem: Problem, learner_path: Path, budget: OutputBudget) -> tuple[dict[str, dict], bool]:
    """Each test's verdict, and whether the run was interrupted."""
    recorder = install_recorder(sys.modules.get(problem.module))  # notes each backward(): the graph views
    collector = VerdictCollector(learner_path, problem.test_file, budget, recorder)
    # An empty ini of our own: no configuration found up the tree may change the run.
    ini = learner_path.parent / "pytest.ini"
    ini.write_text("[pytest]\n")
    args = [str(problem.test_file), "-c", str(ini), "--rootdir", str(problem.folder), *PYTEST_ARGS]
    # pytest's own report stays off the console: results travel as data
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        try:
            exit_code = pytest.main(args, plugins=[collector])
        except Exception as exc:  # the learner's code broke pytest itself
            message = f"The tests could not run: {describe(exc)}"
            return {name: error_verdict(message) for name in problem.test_names} | collector.verdicts, False
    return collector.verdicts, exit_code == pytest.ExitCode.INTERRUPTED


def error_verdict(message: str) -> dict:
    return {**new_verdict(), "outcome": "error", "message": message}


def not_run() -> dict:
    return error_verdict("This test did not run.")


def timeout_verdict() -> dict:
    return {**new_verdict(), "outcome": "timeout", "message": STOPPED}


def finished(verdict: dict | None, unfinished) -> dict:
    """A test's verdict, or what to say when it never got one."""
    if verdict is None:
        return unfinished()
    if verdict["outcome"] == "pending":
        return {**unfinished(), "output": verdict["output"], "duration": verdict["duration"]}
    return verdict

