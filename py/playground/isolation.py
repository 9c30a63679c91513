"""Undo what the learner's code did to the interpreter, so the next run starts clean.

Everything shares one Python in the worker: a learner who deletes a module, rebinds a
builtin or swaps sys.stdout must not break the runs that follow.
"""

import builtins
import os
import signal
import sys
from contextlib import contextmanager
from types import ModuleType


@contextmanager
def interpreter_restored():
    modules = dict(sys.modules)
    # Every loaded module's names (json.dumps, pytest.main, this harness's own functions...): about 1 ms.
    module_names = [(vars(m), dict(vars(m))) for m in modules.values() if isinstance(m, ModuleType)]
    builtin_names = dict(vars(builtins))
    path = list(sys.path)
    streams = sys.stdin, sys.stdout, sys.stderr
    recursion_limit = sys.getrecursionlimit()
    interrupt_handler = signal.getsignal(signal.SIGINT)  # Stop raises KeyboardInterrupt through it
    tracer, profiler = sys.gettrace(), sys.getprofile()  # one left behind would slow every later run
    cwd = os.getcwd()
    try:
        yield
    finally:
        # First, with nothing but dict methods: the functions used below may be the ones replaced.
        for namespace, saved in module_names:
            for name, value in saved.items():
                if namespace.get(name, namespace) is not value:
                    namespace[name] = value
        if interrupt_handler is not None:
            signal.signal(signal.SIGINT, interrupt_handler)
        for name, module in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        restore_builtins(builtin_names)
        sys.path[:] = path
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.setrecursionlimit(recursion_limit)
        sys.settrace(tracer)
        sys.setprofile(profiler)
        os.chdir(cwd)


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
