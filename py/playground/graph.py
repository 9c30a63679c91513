"""A learner's graph of Values: walked without recursion, checked by the doctor, made JSON-ready.

The walk reads only what the graph holds: each Value's _prev, _op, data and grad. Anything may
be missing or odd in the learner's class, so every way in which reading fails becomes a note
for the learner rather than an exception.
"""

from __future__ import annotations

import gc
import math
from dataclasses import dataclass

from playground import doctor
from playground.doctor import fmt, number, short

DRAW_LIMIT = 500  # more Values than this: a note instead of a drawing
CHECK_LIMIT = 50_000  # the doctor reads graphs up to this size (a test's chain of 10,000 is fine)


class NoGraph(Exception):
    """There is no graph to read; the message says why, in the learner's words."""


class TooLarge(Exception):
    pass


@dataclass(slots=True)
class Node:
    value: object  # the learner's Value, held so that ids stay unique while we look
    op: str  # its _op as shown to the learner ('' for a leaf)
    data: object
    grad: object
    inputs: list  # the Values in _prev, one entry per use
    children: list[int]  # their positions in the walk
    opaque: bool = False  # _prev holds something that is not a Value: the local rule cannot be checked
    name: str | None = None  # the learner's variable name for it, if we saw one
    expr: str = ""  # how it was made, from its inputs' labels: 'b*c', 'relu(d)'
    label: str = ""  # its name, or else expr


def graph_view(root, names: dict[int, str] | None = None, grads_note: str | None = None,
               others: list | None = None, check_large: bool = True) -> dict:
    """The graph under root as JSON-ready data, with the doctor's flag.

    grads_note: why the gradients cannot be checked (None when they can); others: roots of other
    backward() calls, whose gradients would mix with these if the graphs share Values;
    check_large: whether to check a graph too large to draw (worth it only when someone will read the flag
    and the gradients can be checked: a large graph costs ~10 ms per 1,000 Values in Pyodide).
    """
    view = {"nodes": [], "edges": [], "output": None, "note": None, "too_large": False,
            "flag": None, "doctor_note": None}
    collecting = gc.isenabled()
    gc.disable()  # we make many small objects; each collection would walk the learner's whole graph again
    try:
        fill(view, root, names or {}, grads_note, others or [], check_large)
    except Exception as exc:  # the learner's class did something we did not foresee
        view.update(nodes=[], edges=[], output=None, flag=None, doctor_note=None,
                    note=f"The graph could not be read ({type(exc).__name__}).")
    finally:
        if collecting:
            gc.enable()
    return view


def fill(view: dict, root, names: dict[int, str], grads_note: str | None, others: list, check_large: bool) -> None:
    missing = [attr for attr in ("_prev", "_op") if not hasattr(root, attr)]
    if not hasattr(root, "data"):
        view["note"] = f"draw() needs a Value, and this is {article(type(root).__name__)}."
        return
    if missing:
        view["note"] = missing_note(missing)
    try:
        nodes = walk(root, CHECK_LIMIT if check_large else DRAW_LIMIT, follow=not missing)
    except TooLarge:
        view["too_large"] = True
        view["note"] = f"This graph has more than {DRAW_LIMIT:,} Values: too many to draw."
        size = f"{CHECK_LIMIT if check_large else DRAW_LIMIT:,}"
        view["doctor_note"] = f"The gradient doctor did not check this graph: it has more than {size} Values."
        return
    except NoGraph as exc:
        view["note"] = str(exc)
        return
    for node in nodes:
        node.name = names.get(id(node.value))
    add_labels(nodes)
    if grads_note is None and overlaps(nodes, others):
        grads_note = ("backward() was also called on another Value that shares Values with this graph: "
                      "their gradients add up, so gradients were not checked.")
    finding, doctor_note = doctor.check(nodes, check_grads=grads_note is None)
    view["doctor_note"] = " ".join(n for n in (grads_note, doctor_note) if n) or None
    drawn = not missing and len(nodes) <= DRAW_LIMIT
    if drawn:
        view["nodes"], view["edges"], view["output"] = serialise(nodes), edges(nodes), len(nodes) - 1
    elif not missing:
        view["too_large"] = True
        view["note"] = f"This graph has {len(nodes):,} Values: too many to draw (the limit is {DRAW_LIMIT:,})."
    if finding:
        flag = {"field": finding.field, "expected": json_value(finding.expected),
                "actual": json_value(finding.actual), "sentence": finding.sentence}
        if drawn:
            view["nodes"][finding.node]["flag"] = flag
        view["flag"] = {"node": finding.node if drawn else None, "label": nodes[finding.node].label, **flag}


def serialise(nodes: list[Node]) -> list[dict]:
    return [{"id": i, "name": n.name, "label": n.label, "op": n.op, "data": json_value(n.data),
             "grad": json_value(n.grad), "flag": None} for i, n in enumerate(nodes)]


def edges(nodes: list[Node]) -> list[list[int]]:
    """[input, output] pairs, one per use: x + x has two edges from x."""
    return [[child, i] for i, n in enumerate(nodes) for child in n.children]


def walk(root, limit: int, follow: bool = True) -> list[Node]:
    """The Values under root in topological order (inputs before what is made from them), root last.

    An explicit stack rather than recursion: a graph may be 10,000 Values deep.
    """
    kind = type(root)
    nodes: list[Node] = []
    seen: dict[int, Node] = {}  # id(value) -> its node, read on the first visit
    stack = [(root, False)]
    while stack:
        value, inputs_done = stack.pop()
        if inputs_done:
            nodes.append(seen[id(value)])
        elif id(value) not in seen:
            if len(seen) >= limit:
                raise TooLarge
            node = seen[id(value)] = read(value, kind, follow)
            stack.append((value, True))
            stack.extend([(v, False) for v in reversed(node.inputs)])
    position = {id(node.value): i for i, node in enumerate(nodes)}
    for i, node in enumerate(nodes):
        node.children = [position[id(v)] for v in node.inputs]
        if node.children and max(node.children) >= i:  # only a loop puts an input after its output
            raise NoGraph("This graph has a loop: a Value is among its own inputs (through _prev), so there "
                          "is no order to pass gradients back in. Each operation must make a new Value.")
    return nodes


def read(value, kind: type, follow: bool) -> Node:
    op = getattr(value, "_op", "")
    inputs, opaque = [], False
    if follow:
        prev = getattr(value, "_prev", ())
        if not hasattr(prev, "__iter__"):
            raise NoGraph(f"A Value's _prev is {article(type(prev).__name__)}: it should be a tuple of the "
                          "Values it was computed from.")
        inputs = [v for v in prev if isinstance(v, kind)]
        opaque = len(inputs) != len(prev) if hasattr(prev, "__len__") else False
    return Node(value, op if isinstance(op, str) else short(op), getattr(value, "data", None),
                getattr(value, "grad", None), inputs, [], opaque)


def add_labels(nodes: list[Node]) -> None:
    """A short label per node, built from its inputs' labels (they come first in the walk)."""
    for i, node in enumerate(nodes):
        parts = [nodes[k].label for k in node.children]
        if not parts:
            node.expr = fmt(node.data)
        elif node.op == "+" and len(parts) >= 2:
            node.expr = " + ".join(parts)
        elif node.op == "*" and len(parts) >= 2:
            node.expr = "*".join(f"({p})" if " " in p else p for p in parts)
        elif node.op.lower() == "relu" and len(parts) == 1:
            node.expr = f"relu({parts[0]})"
        else:
            node.expr = f"{node.op or '?'}({', '.join(parts)})"
        if len(node.expr) > 24:
            node.expr = f"node {i}"
        node.label = node.name or node.expr


def overlaps(nodes: list[Node], others: list) -> bool:
    """Whether any other backward() root reaches a Value of this graph."""
    if not others:
        return False
    mine = {id(n.value) for n in nodes}
    for other in others:
        try:
            theirs = walk(other, CHECK_LIMIT)
        except Exception:  # too large or unreadable: assume the worst
            return True
        if any(id(n.value) in mine for n in theirs):
            return True
    return False


def missing_note(missing: list[str]) -> str:
    what = {"_prev": "_prev (a tuple of the Values it was computed from)",
            "_op": "_op (the operation that made it: '+', '*' or 'ReLU')"}
    return (f"Your Value has no {' and no '.join(missing)}, so there is no graph to draw. "
            f"Give each Value {' and '.join(what[m] for m in missing)}.")


def json_value(x) -> float | str | None:
    """A number for JSON: finite floats stay numbers, 'nan'/'inf'/'-inf' become strings, others a short text."""
    if x is None:
        return None
    value = number(x)
    if value is None:
        return short(x)
    return value if math.isfinite(value) else str(value)


def article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
