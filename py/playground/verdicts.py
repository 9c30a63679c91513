"""Turning what pytest saw into one learner-readable verdict per test."""

import ast
import re
import sys
import traceback
from pathlib import Path

import pytest

from playground.learner import cut, describe, learner_frames, learner_line, learner_traceback
from playground.limits import state
from playground.output import CappedOutput, OutputBudget
from playground.plugins import Plugin
from playground.plugins import advice as plugins_advice
from playground.schema import new_test


class OrderFromYourCode(Exception):
    """KeyboardInterrupt or pytest.exit() raised by the learner's code: pytest would obey it and end
    the whole session, so the test that raised it fails instead."""


class VerdictCollector:
    """A pytest plugin that records each test's outcome, message, output and duration."""

    def __init__(self, learner_path: Path, test_path: Path, budget: OutputBudget,
                 plugins: list[Plugin] = (), module: str = "submission") -> None:
        self.learner_path = learner_path
        self.test_path = test_path
        self.budget = budget
        self.plugins = plugins
        self.module = module
        self.verdicts: dict[str, dict] = {}
        self.collect_error: dict | None = None  # the hidden tests could not even be collected: why

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector):
        """Note why collecting failed (a name the learner has not defined yet, imported by the tests)."""
        collect = collector.collect

        def noting_collect():
            try:
                return collect()
            except BaseException as exc:
                if not isinstance(exc, KeyboardInterrupt):
                    self.collect_error = self.collect_verdict(exc)
                raise

        collector.collect = noting_collect
        return (yield)

    def collect_verdict(self, exc: BaseException) -> dict:
        cause = exc.__cause__ or exc.__context__ or exc  # pytest raises CollectError while handling the cause
        line = learner_line(cause.__traceback__, self.learner_path)
        missing = missing_name(cause)
        if missing and cause.name == self.module:
            return {**new_verdict(), "outcome": "error", "message": f"Your code does not define `{missing}`, "
                    "which the tests import. Check its name and that it is not inside another block."}
        return {**new_verdict(), "outcome": "error", "line": line,
                "message": f"The tests could not start: {describe(cause)}.",
                "traceback": learner_traceback(cause, self.learner_path)}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None):
        """Capture what the test prints, through all its phases, within the run's budget."""
        output = CappedOutput(self.budget)
        streams = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = output
        try:
            return (yield)
        except KeyboardInterrupt as exc:  # Stop or the time limit, during this test: where was it?
            verdict = self.verdicts.setdefault(item.name, new_verdict())
            verdict["line"] = learner_line(exc.__traceback__, self.learner_path)
            for plugin in self.plugins:
                plugin.test_stopped(verdict)
            raise
        finally:
            sys.stdout, sys.stderr = streams
            self.verdicts.setdefault(item.name, new_verdict())["output"] = output.text()

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function):
        try:
            return (yield)
        except KeyboardInterrupt as exc:
            if state.stop_requested:  # the page's Stop or time limit
                raise
            raise OrderFromYourCode("raised KeyboardInterrupt", "only the Stop button stops a run here. "
                                    "To report a problem, raise another exception.").with_traceback(
                                        exc.__traceback__) from None
        except pytest.exit.Exception as exc:
            raise OrderFromYourCode("called pytest.exit()", "the hidden tests can't be ended from your code."
                                    ).with_traceback(exc.__traceback__) from None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        verdict = self.verdicts.setdefault(item.name, new_verdict())
        verdict["duration"] += report.duration
        if call.excinfo is not None and verdict["outcome"] in ("running", "passed"):
            verdict.update(self.explain(call.excinfo.value, call.when))
        elif call.when == "call" and verdict["outcome"] == "running":
            verdict["outcome"] = "passed"
        if call.when == "teardown":
            for plugin in self.plugins:
                plugin.test_done(verdict)
        return report

    def explain(self, exc: BaseException, when: str) -> dict:
        """Outcome and message for an exception raised while running a test."""
        tb = exc.__traceback__
        line = learner_line(tb, self.learner_path)
        if isinstance(exc, pytest.fail.Exception):
            return {"outcome": "failed", "message": exc.msg, "line": line}
        if isinstance(exc, AssertionError) and not learner_frames(tb, self.learner_path):
            message = cut(str(exc)) or f"Check failed: {self.test_line(exc) or 'assertion'}"
            return {"outcome": "failed", "message": message, "line": line}
        if (missing := missing_name(exc)) and exc.name == self.module:  # a test's own import of a name
            return {"outcome": "error", "message": f"Your code does not define `{missing}`, which the tests "
                    "import. Check its name and that it is not inside another block.", "line": None}
        if isinstance(exc, OrderFromYourCode):
            where = f" (line {line} of your code)" if line else ""
            what, why = exc.args
            return {"outcome": "error", "message": f"Your code {what}{where}: {why}", "line": line,
                    "traceback": learner_traceback(exc, self.learner_path)}
        return {
            "outcome": "error",
            "message": self.crash_message(exc, line),
            "advice": self.advice(exc),
            "line": line,
            "traceback": learner_traceback(exc, self.learner_path),
        }

    def crash_message(self, exc: BaseException, line: int | None) -> str:
        message = describe(exc)
        where = exc.__traceback__ and learner_frames(exc.__traceback__, self.learner_path)
        if line and isinstance(exc, RecursionError) and where:
            said = describe(exc).split(": ", 1)[-1]
            return f"RecursionError in `{where[-1].name}`, line {line} of your code: {said}."
        message = message.rstrip(".")
        if line:
            return f"{message} (line {line} of your code)."
        if code := self.test_line(exc):
            return f"{message}, while the test ran `{code}`."
        return f"{message}."

    def advice(self, exc: BaseException) -> str | None:
        """What usually causes this kind of crash, in a learner's terms (from the problem's plugins)."""
        return plugins_advice(self.plugins, exc)

    def test_line(self, exc: BaseException) -> str | None:
        """The hidden test's line of code that was running when the exception was raised."""
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == self.test_path]
        return short_statement(frames[-1].line) if frames and frames[-1].line else None


def missing_name(exc: BaseException) -> str | None:
    """The name a `from module import name` did not find (ImportError.name_from, before Python 3.12 only in
    its message)."""
    if not isinstance(exc, ImportError):
        return None
    if name := getattr(exc, "name_from", None):
        return name
    found = re.match(r"cannot import name '(\w+)'", str(exc))
    return found.group(1) if found else None


def short_statement(line: str) -> str:
    """An assert without its message: the learner sees the check, not the f-string."""
    try:
        statement = ast.parse(line.strip()).body[0]
    except (SyntaxError, IndexError):
        return line.strip()
    if isinstance(statement, ast.Assert):
        return f"assert {ast.unparse(statement.test)}"
    return line.strip()


def new_verdict() -> dict:
    """A test's verdict as it starts: "running" until it ends (a test still running when the run is stopped
    ends "stopped")."""
    return new_test(outcome="running")
