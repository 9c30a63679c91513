"""Where in the learner's code something happens, read from the functions their objects hold."""

import inspect
import types
from pathlib import Path


def written_in(code: types.CodeType) -> str | None:
    """None for the learner's own code; the file's name for a module the problem provides (engine.py)."""
    path = Path(code.co_filename)
    return path.name if path.parent.name == "provided" else None


def rule_place(value, field: str) -> tuple[str, int | None, str | None] | None:
    """Where the code makes value (field "data") or passes its gradient back (field "grad"):
    ("`__mul__`'s `_backward`", 24, None), read from its _backward function, with the provided file it is in
    (None: the learner's code); None when it can't be told."""
    try:
        rule = inspect.getattr_static(value, "_backward", None)
        rule = getattr(rule, "__func__", rule)  # a method chosen by op: its function
        if not isinstance(rule, types.FunctionType):
            return None
        outer, _, inner = rule.__qualname__.rpartition(".<locals>.")
        method = outer.rpartition(".")[2]
        if field == "grad":
            where = f"`{method}`'s `{inner}`" if method else f"`{rule.__name__}`"
            return where, rule.__code__.co_firstlineno, written_in(rule.__code__)
        made_by = inspect.getattr_static(type(value), method, None) if method else None
        if isinstance(made_by, types.FunctionType):
            return f"`{method}`", made_by.__code__.co_firstlineno, written_in(made_by.__code__)
    except Exception:  # the learner's class can be anything
        pass
    return None


def backward_place(root) -> tuple[str, int | None, str | None] | None:
    """Where backward() is: ("`backward`", 40, None), or None."""
    try:
        method = inspect.getattr_static(type(root), "backward", None)
        method = inspect.unwrap(method)  # past the recorder's wrapper
        if isinstance(method, types.FunctionType):
            return "`backward`", method.__code__.co_firstlineno, written_in(method.__code__)
    except Exception:
        pass
    return None
