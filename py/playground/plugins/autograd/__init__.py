"""The autograd plugin, for problems about a micrograd-style Value: the graph of each test's backward()
(a test's plugins.autograd.graph, drawn by static/plugins/autograd/), the gradient doctor's sentence on a
failed test, draw(v) in Run code (the run's plugins.autograd.graphs), and advice on the crashes a Value class
tends to have.

Options in problem.json: {"graph": true, "doctor": true, "engine": "engine"}; graph and doctor default to true;
engine names the provided module that holds Value, when the problem provides one (the learner writes Value
otherwise).
"""

import inspect
import re
import sys
from pathlib import Path

from playground.plugins import Plugin as Base
from playground.plugins.autograd.graph import within_total, without_doctor
from playground.plugins.autograd.recorder import Recorder, names_in

MAX_DRAWS = 20


class Plugin(Base):
    def __init__(self, name: str, options: dict) -> None:
        super().__init__(name, options)
        self.graph = options.get("graph", True)
        self.doctor = options.get("doctor", True)
        self.engine = options.get("engine")
        # the doctor's blame follows no set order; with no graph to show, backward() calls are only counted
        self.recorder = Recorder(numbered=self.graph and self.doctor, remember=self.graph)
        self.graphs: list[dict] = []
        self.skipped = 0  # draw() calls past MAX_DRAWS

    def builtins(self, script: Path | None) -> dict[str, object]:
        if not self.graph:
            return {}
        if script is None:
            return {"draw": skip_draw}  # code written for Run code may call draw(v): the tests load it too

        def draw(v) -> None:
            """Show the graph under the Value v, as it is now, below the script's output (plugins.autograd.graphs)."""
            self.add_graph(v, sys._getframe(1))

        draw.__qualname__ = "draw"  # so a wrong call reads "draw() missing 1 required positional argument"
        return {"draw": draw}

    def loaded(self, module) -> None:
        """Record the backward() of every class in the learner's module: its own, or one it imports from
        what the problem provides (`from engine import Value`), and the provided engine's Value even when the
        code never names it (`from nn import MLP`), so that a time-out can say how many ran."""
        values = list(vars(module).values())
        engine = sys.modules.get(self.engine) if self.engine else None
        for value in values + (list(vars(engine).values()) if engine else []):
            if isinstance(value, type):  # with the graph off too: backward() calls count progress
                self.recorder.wrap(value)

    def class_made(self, cls: type) -> None:
        self.recorder.wrap(cls)

    def test_done(self, verdict: dict) -> None:
        if not self.graph:
            return self.recorder.forget()
        if graph := self.recorder.annotate(verdict, doctor=self.doctor):
            verdict["plugins"][self.name] = {"graph": graph}
        return None

    def test_stopped(self, verdict: dict) -> None:
        if self.recorder.count:
            verdict["progress"] = {"what": "backward() calls", "count": self.recorder.count}

    def advice(self, exc: BaseException) -> str | None:
        if isinstance(exc, ImportError):
            return self.import_advice(exc)
        if isinstance(exc, TypeError) and self.engine and str(exc).startswith("Value.__init__()"):
            return self.signature_advice(str(exc))
        if isinstance(exc, RecursionError):
            return ("Does a function or method keep calling itself? (In a Value class, `self + other` inside "
                    "__add__ calls __add__ again.)")
        if "NoneType" in str(exc):
            return "Did a method return None? Each operation must return a new Value, and each function its result."
        return None

    def import_advice(self, exc: ImportError) -> str | None:
        """Where Value comes from, when the code imports it from elsewhere: micrograd's layout (where the
        problem has no alias for it), another name for the engine, or an engine the learner is to write."""
        missing = exc.name or ""  # the module not found, or the one without the name asked for
        if isinstance(exc, ModuleNotFoundError):  # micrograd.engine, engine_v2, micrograd.value
            about_value = re.search("micrograd|engine|value", missing, re.IGNORECASE)
        else:  # `from micrograd import Value`, micrograd being the package above an alias; `from nn import Value`
            asked = getattr(exc, "name_from", None) == "Value" or "cannot import name 'Value'" in str(exc)
            about_value = self.engine and missing != self.engine and asked
        if not about_value:
            return None
        if self.engine:
            return f"The engine is provided as `{self.engine}`: `from {self.engine} import Value`."
        return ("In this problem you write `Value` yourself: delete the import and define `class Value` in your "
                "code.")

    def signature_advice(self, said: str) -> str | None:
        """What the provided Value accepts, when the code calls it with arguments it lacks (label='a')."""
        value = getattr(sys.modules.get(self.engine), "Value", None)
        if not isinstance(value, type):
            return None
        called = f"`Value{inspect.signature(value)}`"
        if keyword := re.search(r"unexpected keyword argument '(\w+)'", said):
            return (f"The provided {called} takes no `{keyword.group(1)}`: leave it out of the call (set it "
                    f"afterwards if you need it: `v.{keyword.group(1)} = ...`).")
        return f"The provided Value is called as {called}."

    def add_graph(self, value, frame) -> None:
        if len(self.graphs) >= MAX_DRAWS:
            self.skipped += 1
        else:
            graph = self.recorder.view(value, names_in(frame, value))
            if not self.doctor:
                without_doctor(graph)
            self.graphs.append(within_total(graph, self.graphs))

    def run_result(self) -> dict:
        return {"graphs": self.graphs} if self.graphs else {}

    def note(self) -> str:
        return (f"[draw() was called {MAX_DRAWS + self.skipped} times: only the first {MAX_DRAWS} are shown.]\n"
                if self.skipped else "")


def skip_draw(value=None) -> None:
    """draw(v) while the tests run: nothing to draw (Run code draws)."""
