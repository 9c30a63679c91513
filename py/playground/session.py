"""One run of the learner's code, in either mode: "tests" (Run tests, playground.runner) or "script" (Run code,
playground.script). Both modes run it the same way: the problem's plugins, their builtins and the keeper's
__build_class__ in the builtins module, the folders to import from, the limits, the live data to the page,
no bytecode written; and both end alike, with the output, the timings and what each plugin adds."""

import sys
import time
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Literal

from playground import plugins as plugin_modules
from playground.keeper import Keeper
from playground.learner import learner_setting
from playground.limits import learner_limits
from playground.live import connected
from playground.output import CappedOutput, OutputBudget
from playground.problem import Problem
from playground.schema import Result, new_result

Mode = Literal["tests", "script"]


class Session:
    def __init__(self, mode: Mode, problem: Problem | None, learner_path: Path, send=None) -> None:
        """learner_path: where the learner's code is saved, as the tests' module or as the script;
        send: where the plugins' live data goes while it runs (playground.live)."""
        self.started = time.perf_counter()
        self.mode = mode
        self.problem = problem
        self.learner_path = learner_path
        self.send = send
        self.plugins = plugin_modules.load(problem.plugins) if problem else []
        self.keeper = Keeper()
        self.budget = OutputBudget()  # at most 10,000 lines / 1 MB, what the code prints and each test's output
        self.output = CappedOutput(self.budget)
        self.result = new_result(mode, problem.id if problem else None)

    @property
    def module(self) -> str:
        """The name the learner's code runs under: the module the tests import, or __main__."""
        return self.learner_path.stem if self.mode == "tests" else "__main__"

    def folders(self) -> list[Path]:
        """Where imports look first: the tests import the learner's module from its folder; what the problem
        provides comes after it."""
        own = [self.learner_path.parent] if self.mode == "tests" else []
        return own + ([self.problem.provided_dir] if self.problem else [])

    @contextmanager
    def running(self):
        """The setting the learner's code runs in, taken away after it; the problem's modules are imported
        afresh (the learner's code may have changed a provided class)."""
        script = self.learner_path if self.mode == "script" else None
        added = {name: value for plugin in self.plugins for name, value in plugin.builtins(script).items()}
        added["__build_class__"] = self.keeper.build_class(self.module, made=self.class_made)
        aliases = self.problem.aliases if self.problem else None
        dont_write_bytecode = sys.dont_write_bytecode
        sys.dont_write_bytecode = True  # a stale .pyc must never stand in for new code
        self.forget_modules()
        try:
            with learner_setting(self.folders(), added, aliases), learner_limits(), connected(self.send):
                yield
        finally:
            sys.dont_write_bytecode = dont_write_bytecode
            self.forget_modules()

    def forget_modules(self) -> None:
        if self.problem:
            self.problem.forget_modules()

    def class_made(self, cls: type) -> None:
        for plugin in self.plugins:
            plugin.class_made(cls)

    def advice(self, exc: BaseException) -> str | None:
        return plugin_modules.advice(self.plugins, exc)

    def let_go(self, namespace: dict | None) -> None:
        """Free what the learner's code made, still in its setting: a __del__ that prints, prints to the output."""
        with redirect_stdout(self.output), redirect_stderr(self.output):
            self.keeper.let_go(namespace)

    def finish(self, **fields) -> Result:
        """The run's Result: fields, the output, the time it took and each plugin's data."""
        self.result.update(fields, output=self.output.text(), timings={"total": time.perf_counter() - self.started})
        plugin_modules.add_results(self.result, self.plugins)
        return self.result
