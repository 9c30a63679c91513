"""The autograd plugin, for problems about a micrograd-style Value: the graph of each test's backward()
(the graph view), the gradient doctor's sentence on a failed test, draw(v) in Run code, and advice on
the crashes a Value class tends to have.

Options in problem.json: {"graph": true, "doctor": true}; both default to true.
"""

import sys
from pathlib import Path

from playground.plugins import Plugin as Base
from playground.plugins.autograd.graph import within_total
from playground.plugins.autograd.recorder import Recorder, names_in

MAX_DRAWS = 20


class Plugin(Base):
    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.graph = options.get("graph", True)
        self.doctor = options.get("doctor", True)
        self.recorder = Recorder(numbered=self.graph and self.doctor)  # the doctor's blame follows no set order
        self.graphs: list[dict] = []
        self.skipped = 0  # draw() calls past MAX_DRAWS

    def builtins(self, script: Path | None) -> dict[str, object]:
        if not self.graph:
            return {}
        if script is None:
            return {"draw": skip_draw}  # code written for Run code may call draw(v): the tests load it too

        def draw(v) -> None:
            """Show the graph under the Value v, as it is now, below the script's output."""
            self.add_graph(v, sys._getframe(1))

        draw.__qualname__ = "draw"  # so a wrong call reads "draw() missing 1 required positional argument"
        return {"draw": draw}

    def loaded(self, module) -> None:
        """Record the backward() of every class in the learner's module: its own, or one it imports from
        what the problem provides (`from engine import Value`)."""
        for value in list(vars(module).values()):  # with the graph off too: backward() calls count progress
            if isinstance(value, type):
                self.recorder.wrap(value)

    def class_made(self, cls: type) -> None:
        self.recorder.wrap(cls)

    def test_done(self, verdict: dict) -> None:
        if self.graph:
            self.recorder.annotate(verdict, doctor=self.doctor)
        else:
            self.recorder.forget()

    def test_stopped(self, verdict: dict) -> None:
        if self.recorder.count:
            verdict["progress"] = {"what": "backward() calls", "count": self.recorder.count}

    def advice(self, exc: BaseException) -> str | None:
        if isinstance(exc, RecursionError):
            return ("Does a function or method keep calling itself? (In a Value class, `self + other` inside "
                    "__add__ calls __add__ again.)")
        if "NoneType" in str(exc):
            return "Did a method return None? Each operation must return a new Value, and each function its result."
        return None

    def add_graph(self, value, frame) -> None:
        if len(self.graphs) >= MAX_DRAWS:
            self.skipped += 1
        else:
            graph = self.recorder.view(value, names_in(frame, value))
            if not self.doctor:
                graph["flag"] = graph["doctor_note"] = None
            self.graphs.append(within_total(graph, self.graphs))

    def script_result(self) -> dict:
        note = (f"[draw() was called {MAX_DRAWS + self.skipped} times: only the first {MAX_DRAWS} are shown.]\n"
                if self.skipped else "")
        return {"graphs": self.graphs, "note": note}


def skip_draw(value=None) -> None:
    """draw(v) while the tests run: nothing to draw (Run code draws)."""
