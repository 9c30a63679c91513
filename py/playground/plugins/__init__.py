"""Problem-specific helpers, which a problem turns on in its problem.json: "plugins": {"autograd": {...}}.

A plugin is a module of this package holding a class named Plugin. The harness makes one per run and
calls its hooks at fixed points; each hook does nothing unless the plugin overrides it.
"""

import importlib
from pathlib import Path


class Plugin:
    def __init__(self, options: dict) -> None:
        self.options = options

    def builtins(self, script: Path | None) -> dict[str, object]:
        """Names the learner's code gets without an import: in a script run (script is its path) or tests."""
        return {}

    def loaded(self, module) -> None:
        """The learner's module has just been imported, before the tests run."""

    def class_made(self, cls: type) -> None:
        """The learner's code (a script) has just defined cls."""

    def test_done(self, verdict: dict) -> None:
        """A test has ended: add to its verdict (e.g. a graph), without changing its outcome."""

    def test_stopped(self, verdict: dict) -> None:
        """The run was stopped during this test: say how far it got, as verdict["progress"]:
        {"what": "backward() calls", "count": 137}."""

    def advice(self, exc: BaseException) -> str | None:
        """What usually causes this exception in a learner's code, in their terms."""
        return None

    def script_done(self) -> None:
        """The learner's script has ended without being stopped, still under the run's limits."""

    def run_result(self) -> dict:
        """Fields the plugin adds to the Result of any run, tests or script (e.g. {"plot": {...}})."""
        return {}

    def script_result(self) -> dict:
        """What the plugin adds to a script run's result (e.g. {"graphs": [...]}) and a note for its output."""
        return {}


def advice(plugins: list[Plugin], exc: BaseException) -> str | None:
    """The first plugin's advice on exc, if any says something."""
    return next(filter(None, (plugin.advice(exc) for plugin in plugins)), None)


def load(plugins: dict[str, dict]) -> list[Plugin]:
    """One fresh Plugin per name, in problem.json's order."""
    return [importlib.import_module(f"playground.plugins.{name}").Plugin(options or {})
            for name, options in plugins.items()]
