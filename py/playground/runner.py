"""Run a problem's hidden tests against the learner's code; return a Result (playground.schema), ready for JSON."""

import importlib
import io
import json
import os
import pkgutil
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from json import dumps  # taken before learner code, which may replace json.dumps
from pathlib import Path

import pytest

from playground import plugins as plugin_modules
from playground.learner import describe, forget_directory_listing, learner_line, load_error, write_module
from playground.limits import state
from playground.output import OutputBudget
from playground.plugins import Plugin
from playground.problem import Problem
from playground.schema import Result, TestResult, stopped
from playground.session import Session
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


def run_tests(problem_dir: str | Path, source: str, workdir: str | Path | None = None, send=None) -> Result:
    """Run the hidden tests of the problem in problem_dir against source; send: where the plugins' live data goes
    while it runs (playground.live)."""
    problem = Problem.load(problem_dir)
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    learner_path = write_module(workdir, problem.module, source)
    forget_directory_listing(workdir)
    session = Session("tests", problem, learner_path, send)
    result = session.result
    verdicts: dict[str, dict] = {}
    phase = "loading"
    try:
        with session.running():
            result["error"] = load_error(source, learner_path, problem.module, session.output, problem.defines,
                                         session.advice)
            phase = "testing"
            if not result["error"]:
                verdicts, result["error"] = run_pytest(problem, session.plugins, learner_path, session.budget)
                if state.stop_requested:  # the page's interrupt ended the session: pytest reports no more
                    result["stopped"] = stopped("testing", running_line(verdicts))
            learner = sys.modules.get(problem.module)
            problem.forget_modules()
            if not state.stop_requested:  # a stopped run answers first: its Python is thrown away
                session.let_go(vars(learner) if learner else None)
    except KeyboardInterrupt as exc:  # Stop, or the time limit: the page interrupted the run
        line = learner_line(exc.__traceback__, learner_path) if phase == "loading" else running_line(verdicts)
        result["stopped"] = stopped(phase, line)
    except Exception as exc:  # the learner's code broke the harness itself
        result["error"] = harness_error(f"The tests could not run: {describe(exc)}. Did your code replace or "
                                        "delete something the tests use (a module's function, a built-in)?",
                                        learner_line(exc.__traceback__, learner_path))
    if state.stop_requested and not result["stopped"]:  # the interrupt came as the run ended, and was swallowed
        result["stopped"] = stopped(phase, None)

    tests = test_results(problem, verdicts, unfinished="stopped" if result["stopped"] else "not_run")
    required = [t for t in tests if t["tier"] == "required"]
    challenge = [t for t in tests if t["tier"] == "challenge"]
    passed = sum(t["outcome"] == "passed" for t in required)
    return session.finish(
        status="stopped" if result["stopped"] else "error" if result["error"] else "finished",
        tests=tests,
        passed=passed,
        total=len(required),
        challenge={"passed": sum(t["outcome"] == "passed" for t in challenge), "total": len(challenge)},
        solved=passed == len(required) and not result["stopped"],
        shared_message=say_once(tests, allowed=not result["stopped"]),
    )


def running_line(verdicts: dict[str, dict]) -> int | None:
    """The line of the learner's code the test running when the run was stopped was on."""
    return next((v["line"] for v in verdicts.values() if v["outcome"] == "running"), None)


def harness_error(message: str, line: int | None = None) -> dict:
    return {"type": "HarnessError", "line": line, "message": message, "traceback": ""}


def test_results(problem: Problem, verdicts: dict[str, dict], unfinished: str) -> list[TestResult]:
    """Every test of the problem, in problem.json's order, with its verdict; a test that started and did not
    finish is `unfinished` ("stopped" when the run was stopped), one that never started is "not_run"."""
    tests = []
    for test_id, name in problem.test_names.items():
        verdict = verdicts.get(test_id) or {**new_verdict(), "outcome": "not_run"}
        if verdict["outcome"] == "running":
            verdict = {**verdict, "outcome": unfinished}
        tests.append({**verdict, "id": test_id, "name": name, "tier": problem.tiers[test_id],
                      "hint": problem.hints.get(test_id)})
    return tests


def warm_up(problem_dir: str | Path | None = None) -> None:
    """Load everything a run imports (every plugin too) before any learner code runs, so that the harness's
    classes are recorded as they are: run a problem's starter, or a one-test problem of our own."""
    for module in pkgutil.walk_packages(plugin_modules.__path__, f"{plugin_modules.__name__}."):
        importlib.import_module(module.name)
    if problem_dir is not None:
        run_tests(problem_dir, (Path(problem_dir) / "starter.py").read_text(encoding="utf-8"))
        return
    with tempfile.TemporaryDirectory() as folder:
        problem = Path(folder) / "warm_up"
        problem.mkdir()
        (problem / "problem.json").write_text(json.dumps(
            {"id": "warm_up", "title": "Warm-up", "tests": [{"id": "test_warm_up", "name": "Warm-up"}]}))
        (problem / "test_warm_up.py").write_text("from submission import x\n\n\ndef test_warm_up():\n"
                                                 "    assert x == 1\n")
        run_tests(problem, "x = 1\n")


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


def run_tests_json(problem_dir: str, source: str, workdir: str | None = None, send=None) -> str:
    """run_tests, as a JSON string: what the browser's worker hands to the page, within MAX_RESULT_CHARS."""
    results = run_tests(problem_dir, source, workdir, send)
    text = dumps(results)
    if len(text) > MAX_RESULT_CHARS:  # every part is capped where it is made; this is the last guard
        for test in results["tests"]:
            test["plugins"] = {}
        results["output"] += ("\n[What the plugins added to each test (the graphs) was left out: these results were "
                              "too large to send to the page.]\n")
        text = dumps(results)
    return text


def run_pytest(problem: Problem, plugins: list[Plugin], learner_path: Path,
               budget: OutputBudget) -> tuple[dict[str, dict], dict | None]:
    """Each test's verdict, and the error that kept pytest from running them, if any."""
    learner = sys.modules.get(problem.module)
    for plugin in plugins:
        plugin.loaded(learner)
    collector = VerdictCollector(learner_path, problem.test_file, budget, plugins, problem.module)
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
            return collector.verdicts, harness_error(f"The tests could not run: {describe(exc)}.")
    if collector.collect_error and not state.stop_requested:  # each test says what kept them all from starting
        return {name: dict(collector.collect_error) for name in problem.test_names}, None
    return collector.verdicts, None
