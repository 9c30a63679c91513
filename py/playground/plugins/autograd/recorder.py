"""Watching the learner's backward(): which Value it ran from, and what the caller called its Values.

After the learner's module is imported, Recorder.wrap replaces Value.backward with a thin wrapper
that notes each outermost call (its root, the caller's variable names, whether it finished) and
then runs the learner's own method unchanged. Graphs are read from these notes afterwards.

It also numbers each Value as it is made (wrapping Value.__init__), so that a graph is walked in the
same order every run: a _prev that is a set (as micrograd's is) iterates in an order that follows
id(), which changes from run to run, and the doctor's blame must not.
"""

from __future__ import annotations

import functools
import itertools
import sys
import types
from dataclasses import dataclass, field

from playground.plugins.autograd import replay
from playground.plugins.autograd.graph import graph_view, without_doctor

MAX_CALLS = 20  # backward() calls remembered per test or script; more than that: gradients not checked


@dataclass
class Call:
    root: object
    names: dict[int, str] = field(default_factory=dict)
    error: str | None = None  # the type of exception backward() raised, if it did
    replay: replay.Replay | None = None  # its steps, each node's _backward call (replay.py)


class Recorder:
    def __init__(self, numbered: bool = True, remember: bool = True) -> None:
        """numbered: number Values as they are made (worth it where the doctor reads graphs: it costs about a
        third more per Value made, so a training problem goes without, its graph drawn in the set's order).
        remember: keep the last calls' roots, for their graphs; False: calls are only counted."""
        self.numbered = numbered
        self.remember = remember
        self.calls: list[Call] = []
        self.count = 0  # calls so far (since the last annotate), including those no longer remembered
        self.depth = 0  # > 0 while the learner's backward() runs: inner calls belong to the outer one
        self.born: dict[int, int] = {}  # id(value) -> its number, counted as Values are made
        self.counter = itertools.count(1)

    def made(self, value) -> int:
        """The number of value, in the order Values were made (0: made before we were watching)."""
        return self.born.get(id(value), 0)

    def wrap(self, cls) -> bool:
        """Record calls to cls.backward, when it is a plain function (the class may define it anywhere)."""
        try:
            owner = next((k for k in cls.__mro__ if "backward" in vars(k)), None)
            original = vars(owner)["backward"] if owner else None
            if not isinstance(original, types.FunctionType) or getattr(original, "recorded", False):
                return False
            owner.backward = self.recording(original)
            maker = next((k for k in cls.__mro__ if "__init__" in vars(k)), None)
            init = vars(maker)["__init__"] if maker and self.numbered else None
            if isinstance(init, types.FunctionType) and not getattr(init, "numbering", False):
                maker.__init__ = self.numbering(init)
            return True
        except Exception:
            return False

    def recording(self, original: types.FunctionType):
        recorder = self

        @functools.wraps(original)
        def backward(self, *args, **kwargs):
            if recorder.depth:
                return original(self, *args, **kwargs)
            call = recorder.note_call(self, sys._getframe(1))
            # past MAX_CALLS the doctor checks no gradient, and the steps of one of many calls teach little
            call.replay = replay.start(self) if recorder.remember and recorder.count <= MAX_CALLS else None
            recorder.depth += 1
            try:
                return original(self, *args, **kwargs)
            except BaseException as exc:
                call.error = type(exc).__name__
                raise
            finally:
                recorder.depth -= 1
                if call.replay:
                    call.replay.restore()

        backward.recorded = True
        return backward

    def numbering(self, original: types.FunctionType):
        """original __init__, first giving the new Value the next number (an id reused by a later Value
        gets the later number, so a live Value always holds its own)."""
        born, count = self.born, self.counter

        @functools.wraps(original)
        def __init__(self, *args, **kwargs):
            born[id(self)] = next(count)
            original(self, *args, **kwargs)

        __init__.numbering = True
        return __init__

    def note_call(self, root, frame) -> Call:
        self.count += 1
        if not self.remember:
            return Call(None)
        call = Call(root, names_in(frame, root))
        self.calls.append(call)
        del self.calls[:-MAX_CALLS]
        return call

    def view(self, root, names: dict[int, str] | None = None, check_large: bool = True) -> dict:
        """The graph under root, checked by the doctor, with what we know of backward() calls so far."""
        mine = [c for c in self.calls if c.root is root]
        if self.count > len(self.calls):
            note = f"backward() ran {self.count} times, so the gradients were not checked."
        elif not mine:
            note = "backward() was not called on this Value, so its gradients were not checked."
        elif mine[-1].error:
            note = f"backward() stopped with {mine[-1].error}, so the gradients were not checked."
        elif len(mine) > 1:
            note = (f"backward() ran {len(mine)} times on this Value: gradients add up across calls, "
                    "so they were not checked.")
        else:
            note = None
        others = list({id(c.root): c.root for c in self.calls if c.root is not root}.values())
        known = {**(mine[-1].names if mine else {}), **(names or {})}
        return graph_view(root, known, grads_note=note, others=others, check_large=check_large and note is None,
                          made=self.made if self.numbered else None, replay=mine[-1].replay if mine else None)

    def annotate(self, verdict: dict, doctor: bool = True) -> dict | None:
        """The graph of a test's last backward() (or None), then forget its calls.

        On a failed test, the doctor's sentence joins the verdict's message (unless doctor is off: then the graph
        carries no flag). Never raises, never changes the outcome.
        """
        try:
            if not self.calls:
                return None
            failed = verdict["outcome"] != "passed"
            graph = self.view(self.calls[-1].root, check_large=failed)
            if not doctor:
                without_doctor(graph)
            if failed and graph["flag"]:
                doctor = f"Gradient doctor: {graph['flag']['sentence']}"
                verdict["message"] = f"{verdict['message']}\n{doctor}" if verdict["message"] else doctor
                verdict["line"] = verdict["line"] or graph["flag"]["line"]  # "Show line" goes to the rule
            return graph
        except Exception:
            return None
        finally:
            self.forget()

    def forget(self) -> None:
        """Start afresh: the next test's calls."""
        self.calls, self.count = [], 0


def names_in(frame, root) -> dict[int, str]:
    """{id(value): variable name} for the Values among the frame's local variables (first name wins)."""
    names: dict[int, str] = {}
    try:
        kind = type(root)
        for name, value in list(frame.f_locals.items()):
            if isinstance(value, kind) and not name.startswith("__") and id(value) not in names:
                names[id(value)] = name
    except Exception:
        pass
    return names
