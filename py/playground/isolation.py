"""Undo what the learner's code did to the interpreter, so the next run starts clean.

Everything shares one Python in the worker: a learner who deletes a module, rebinds a
builtin or swaps sys.stdout must not break the runs that follow.
"""

import builtins
import sys
from contextlib import contextmanager


@contextmanager
def interpreter_restored():
    modules = dict(sys.modules)
    builtin_names = dict(vars(builtins))
    path = list(sys.path)
    streams = sys.stdin, sys.stdout, sys.stderr
    recursion_limit = sys.getrecursionlimit()
    try:
        yield
    finally:
        for name, module in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        restore_builtins(builtin_names)
        sys.path[:] = path
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.setrecursionlimit(recursion_limit)


# Python's default limit (1000) lets recursion through operators (`self + other` inside __add__)
# overflow the browser's stack and kill Pyodide; this limit turns it into a RecursionError.
LEARNER_RECURSION_LIMIT = 220


@contextmanager
def recursion_capped(limit: int = LEARNER_RECURSION_LIMIT):
    """Run with a low recursion limit that the learner's code can lower but not raise."""
    set_limit = sys.setrecursionlimit

    def capped_setrecursionlimit(requested: int) -> None:
        set_limit(min(requested, limit))

    set_limit(limit)
    sys.setrecursionlimit = capped_setrecursionlimit
    try:
        yield
    finally:
        sys.setrecursionlimit = set_limit


def restore_builtins(saved: dict) -> None:
    namespace = vars(builtins)
    namespace.update(saved)  # first, so the builtins used below are the real ones again
    for name in [name for name in namespace if name not in saved]:
        del namespace[name]
