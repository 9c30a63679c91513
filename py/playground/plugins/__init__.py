"""Problem-specific helpers, which a problem turns on in its problem.json: "plugins": {"autograd": {...}}.

A plugin is a module of this package holding a class named Plugin. The harness makes one per run and
calls its hooks at fixed points; each hook does nothing unless the plugin overrides it.

A plugin owns its data: what it adds to a test or a run goes in their "plugins", under its name
(py/result.schema.json), and what it sends while the code runs (send_live) reaches the page as
{type: "live", plugin: its name, data} (playground.live). The page draws both with the plugin's views,
static/plugins/<name>/. A new plugin is a package here, a folder there, and its options in py/problem.schema.json.
"""

import importlib
from pathlib import Path

from playground.live import live


class Plugin:
    def __init__(self, name: str, options: dict) -> None:
        self.name = name  # its module's: playground.plugins.<name>
        self.options = options

    def builtins(self, script: Path | None) -> dict[str, object]:
        """Names the learner's code gets without an import: in a script run (script is its path) or tests."""
        return {}

    def loaded(self, module) -> None:
        """The learner's module has just been imported, before the tests run."""

    def class_made(self, cls: type) -> None:
        """The learner's code (a script) has just defined cls."""

    def test_done(self, verdict: dict) -> None:
        """A test has ended: add to its verdict (verdict["plugins"][self.name]: the autograd plugin's graph),
        without changing its outcome."""

    def test_stopped(self, verdict: dict) -> None:
        """The run was stopped during this test: say how far it got, as verdict["progress"]:
        {"what": "backward() calls", "count": 137}."""

    def advice(self, exc: BaseException) -> str | None:
        """What usually causes this exception in a learner's code, in their terms."""
        return None

    def script_done(self) -> None:
        """The learner's script has ended without being stopped, still under the run's limits."""

    def run_result(self) -> dict:
        """What the plugin adds to the Result of any run, tests or script, as result["plugins"][self.name] (the
        plots plugin's plot); nothing when empty."""
        return {}

    def note(self) -> str:
        """A note for the end of the run's output ("[draw() was called 25 times...]\n"), or ""."""
        return ""

    def send_live(self, data: dict) -> None:
        """Send the page data while the code runs, for this plugin's view (nothing when no page listens)."""
        live.send(self.name, data)


def advice(plugins: list[Plugin], exc: BaseException) -> str | None:
    """The first plugin's advice on exc, if any says something."""
    return next(filter(None, (plugin.advice(exc) for plugin in plugins)), None)


def load(plugins: dict[str, dict]) -> list[Plugin]:
    """One fresh Plugin per name, in problem.json's order."""
    return [importlib.import_module(f"playground.plugins.{name}").Plugin(name, options or {})
            for name, options in plugins.items()]


def add_results(result: dict, plugins: list[Plugin]) -> None:
    """Each plugin's data for the run, under its name, and its note at the end of the output."""
    for plugin in plugins:
        if data := plugin.run_result():
            result["plugins"][plugin.name] = data
        result["output"] += plugin.note()
