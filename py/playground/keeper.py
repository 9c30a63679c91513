"""Freeing the learner's deep graphs one object at a time.

When the last reference to a chain of objects goes (a chain of 10,000 Values, each holding the one
before it), CPython frees each object inside the freeing of the next: C-level recursion as deep as
the chain. In the browser that overflows the JS stack near 2,000 objects and kills Python, for code
that is correct. So the harness keeps every instance of the learner's classes made during a run,
and lets go of them newest first: an object only holds older ones, still kept, so no freeing reaches
further than one object. Objects that only the keeper holds are let go of the same way as the run
goes on, so memory stays bounded by what the learner's code holds.
"""

import builtins
import functools
import gc
import sys
import types

FIRST_COMPACTION = 50_000  # kept objects before the first look for ones only the keeper holds
MAX_KEPT = 1_000_000  # past this, new objects are left to Python

real_build_class = builtins.__build_class__


class Keeper:
    def __init__(self) -> None:
        self.kept: list = []
        self.room = FIRST_COMPACTION  # when the list is this long, it is compacted
        self.full = False

    def build_class(self, module: str, made=None):
        """A builtins.__build_class__ that watches the classes module defines; made(cls) is told of each."""
        def build_class(func, name, *bases, **kwargs):
            cls = real_build_class(func, name, *bases, **kwargs)
            if isinstance(cls, type) and cls.__module__ == module:
                if "__init__" in vars(cls):
                    self.watch(cls)
                if made:
                    made(cls)
            return cls

        return build_class

    def watch(self, cls: type) -> None:
        """Keep every instance cls.__init__ makes."""
        original = vars(cls)["__init__"]
        if not callable(original):
            return
        keeper, kept = self, self.kept

        @functools.wraps(original)
        def __init__(obj, *args, **kwargs):  # on every Value made: kept short
            original(obj, *args, **kwargs)
            if len(kept) < keeper.room:
                kept.append(obj)
            else:
                keeper.make_room(obj)

        cls.__init__ = __init__

    def make_room(self, obj) -> None:
        """The list is at its limit: let go of what only it holds, then keep obj if there is room."""
        if self.full:
            return
        self.compact()
        self.room = min(MAX_KEPT, max(FIRST_COMPACTION, 2 * len(self.kept)))
        if len(self.kept) < self.room:
            self.kept.append(obj)
        else:  # a million objects the code still holds: keep no more (memory matters more)
            self.full = True

    def compact(self) -> None:
        """Let go of the objects nothing else holds (or only their own closures), newest first."""
        kept = self.kept
        held_by_list_alone = references([object()], 0)  # counting conventions change between Pythons
        for i in range(len(kept) - 1, -1, -1):
            if references(kept, i) - held_by_list_alone <= own_closure_references(kept[i]):
                kept[i] = None
        kept[:] = [obj for obj in kept if obj is not None]

    def let_go(self, namespace: dict | None) -> None:
        """At the end of a run, while the learner's objects are still kept: collect the garbage (each __del__
        runs within the run, its module still whole), empty the learner's namespace (what only it held is freed
        now), then let go of the kept objects, newest first."""
        gc.collect()
        if namespace is not None:
            namespace.clear()
        kept = self.kept
        while kept:
            kept.pop()


def references(objects: list, i: int) -> int:
    """sys.getrefcount of objects[i], counted the same way every time."""
    return sys.getrefcount(objects[i])


def own_closure_references(obj) -> int:
    """How many closures among obj's attributes refer back to obj (micrograd's _backward does)."""
    try:
        attributes = vars(obj).values()
    except TypeError:  # __slots__: no closures to look at
        return 0
    count = 0
    for value in attributes:
        if isinstance(value, types.FunctionType) and value.__closure__:
            count += sum(1 for cell in value.__closure__ if cell_holds(cell, obj))
    return count


def cell_holds(cell, obj) -> bool:
    try:
        return cell.cell_contents is obj
    except ValueError:  # an empty cell
        return False

