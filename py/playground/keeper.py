"""Freeing the learner's deep graphs one object at a time.

When the last reference to a chain of objects goes (a chain of 10,000 Values, each holding the one
before it), CPython frees each object inside the freeing of the next: C-level recursion as deep as
the chain. In the browser that overflows the JS stack near 2,000 objects and kills Python, for code
that is correct. So the harness keeps every instance of the learner's classes made during a run,
and lets go of them newest first once the run is over: an object only holds older ones, still
kept, so no freeing reaches further than one object.
"""

import builtins
import functools

MAX_KEPT = 200_000  # past this, new objects are left to Python (memory matters more)

real_build_class = builtins.__build_class__


class Keeper:
    def __init__(self) -> None:
        self.kept: list = []

    def build_class(self, module: str):
        """A builtins.__build_class__ that watches the classes module defines."""
        def build_class(func, name, *bases, **kwargs):
            cls = real_build_class(func, name, *bases, **kwargs)
            if isinstance(cls, type) and cls.__module__ == module and "__init__" in vars(cls):
                self.watch(cls)
            return cls

        return build_class

    def watch(self, cls: type) -> None:
        """Keep every instance cls.__init__ makes."""
        original = vars(cls)["__init__"]
        if not callable(original):
            return
        kept = self.kept

        @functools.wraps(original)
        def __init__(obj, *args, **kwargs):
            original(obj, *args, **kwargs)
            if len(kept) < MAX_KEPT:
                kept.append(obj)

        cls.__init__ = __init__

    def release(self) -> None:
        """Let go of the kept objects, newest first. Safe to stop halfway: the rest go next time."""
        kept = self.kept
        while kept:
            kept.pop()


keeper = Keeper()  # one for the interpreter: what a stopped run left is released by the next
