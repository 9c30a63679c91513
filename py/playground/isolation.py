"""Undo what the learner's code did to the interpreter, so the next run starts clean.

Everything shares one Python in the worker: a learner who deletes a module, patches pytest's
classes, sets os.environ or rebinds a builtin must not change the verdicts of the runs that follow.
"""

import builtins
import gc
import operator
import os
import signal
import sys
from contextlib import contextmanager
from types import ModuleType

IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a built-in class nobody can patch


@contextmanager
def interpreter_restored():
    modules = dict(sys.modules)
    # Every loaded module's names (json.dumps, pytest.main, this harness's own functions...): about 1 ms.
    module_names = [(vars(m), dict(vars(m))) for m in modules.values() if isinstance(m, ModuleType)]
    class_names = classes_as_first_seen(modules)
    builtin_names = dict(vars(builtins))
    paths = [(sequence, list(sequence)) for sequence in (sys.path, sys.meta_path, sys.path_hooks)]
    importer_cache = dict(sys.path_importer_cache)
    environ = dict(os.environ)
    streams = sys.stdin, sys.stdout, sys.stderr
    recursion_limit = sys.getrecursionlimit()
    int_digits = sys.get_int_max_str_digits()
    interrupt_handler = signal.getsignal(signal.SIGINT)  # Stop raises KeyboardInterrupt through it
    tracer, profiler = sys.gettrace(), sys.getprofile()  # one left behind would slow every later run
    collecting = gc.isenabled()
    cwd = os.getcwd()
    try:
        yield
    finally:
        # First, with nothing but dict methods: the functions used below may be the ones replaced.
        for namespace, saved in module_names:
            if unchanged(namespace, saved):
                continue
            for name, value in saved.items():
                if namespace.get(name, namespace) is not value:
                    namespace[name] = value
        restore_classes(class_names)
        if interrupt_handler is not None:
            signal.signal(signal.SIGINT, interrupt_handler)
        for name, module in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        restore_builtins(builtin_names)
        for sequence, saved in paths:
            sequence[:] = saved
        sys.path_importer_cache.clear()
        sys.path_importer_cache.update(importer_cache)
        os.environ.clear()
        os.environ.update(environ)
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.setrecursionlimit(recursion_limit)
        sys.set_int_max_str_digits(int_digits)
        sys.settrace(tracer)
        sys.setprofile(profiler)
        os.chdir(cwd)
        if collecting:
            gc.enable()


# Each class that code could patch (pytest's Function.runtest...), as it was when its module was first seen
# at the start of a run. The harness and pytest are loaded, and run once, before any learner code
# (warm_up): their classes are recorded untouched.
first_seen: dict[int, tuple[type, dict]] = {}
modules_seen: set[str] = set()


def classes_as_first_seen(modules: dict) -> list[tuple[type, dict]]:
    for name, module in modules.items():
        if name in modules_seen or not isinstance(module, ModuleType):
            continue
        modules_seen.add(name)
        for value in list(vars(module).values()):
            if isinstance(value, type) and not value.__flags__ & IMMUTABLE_TYPE and value.__module__ == name:
                first_seen.setdefault(id(value), (value, dict(vars(value))))
    return list(first_seen.values())


def unchanged(current, saved: dict) -> bool:
    """The same names bound to the same objects, in the same order (checked in C: most modules are untouched).
    Identity, not ==: code may bind an object whose __eq__ says it equals anything."""
    return (len(current) == len(saved) and all(map(operator.is_, current, saved))
            and all(map(operator.is_, current.values(), saved.values())))


def restore_classes(class_names: list[tuple[type, dict]]) -> None:
    for cls, saved in class_names:
        current = vars(cls)
        if unchanged(current, saved):
            continue
        for name in [name for name in current if name not in saved]:
            type.__delattr__(cls, name)
        for name, value in saved.items():
            if current.get(name, current) is not value and name not in ("__dict__", "__weakref__", "__doc__"):
                type.__setattr__(cls, name, value)


def restore_builtins(saved: dict) -> None:
    namespace = vars(builtins)
    namespace.update(saved)  # first, so the builtins used below are the real ones again
    for name in [name for name in namespace if name not in saved]:
        del namespace[name]
