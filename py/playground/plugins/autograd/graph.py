"""A learner's graph of Values: walked without recursion, checked by the doctor, made JSON-ready.

The walk reads only what the graph holds: each Value's _prev, _op, data and grad. Anything may
be missing or odd in the learner's class, so every way in which reading fails becomes a note
for the learner rather than an exception. Every size is capped here, where the JSON is made:
a graph too large to draw becomes a summary of a dozen Values, and each text is cut short.
"""

from __future__ import annotations

import gc
import json
from collections import Counter

from playground.plugins.autograd import doctor
from playground.plugins.autograd.nodes import Node, article, clip, fmt, grouped, rounded, short
from playground.plugins.autograd.places import backward_place, rule_place
from playground.plugins.autograd.replay import first_step, replay_view

# Drawn in full up to these: the page's dagre layout of 300 Values or 400 edges takes about a second
# (measured in Node on this 2-core VM: a random DAG of 200 Values and 396 edges 0.4-0.5 s, the
# `_prev = self._prev + other._prev + (self, other)` bug at 21 Values and 380 edges 1.2 s;
# 41 Values and 1,560 edges 18.7 s). static/plugins/autograd/graph-layout.js holds the same numbers.
MAX_NODES = 300
MAX_EDGES = 400
CHECK_LIMIT = 50_000  # the walk and the doctor read graphs up to this many Values (a test's chain of 10,000 is fine)
EDGE_LIMIT = 200_000  # ... and this many edges (a _prev that copies its inputs' _prev grows as the square)
NEAR = 6  # a summary shows the NEAR Values nearest the output and, when the whole graph was walked,
PICK = 3  # PICK leaves, the flagged Value, PICK of its inputs and PICK of the Values made from it
OP_CHARS = 12
NAME_CHARS = 24
GRAPH_BYTES = 100_000  # the JSON of one graph; a full drawing of MAX_NODES Values takes ~60 KB
TOTAL_BYTES = 1_000_000  # the JSON of all the graphs one Run code draws


class NoGraph(Exception):
    """There is no graph to read; the message says why, in the learner's words."""


class TooLarge(Exception):
    """The walk stopped at a limit; the message says which: 'more than 300 Values'."""


DOCTOR_OFF = "The gradient doctor is off in this problem: these gradients are shown as they are, unchecked."


def without_doctor(view: dict) -> dict:
    """The view with no word of the doctor's (a problem whose engine is wrong on purpose turns it off)."""
    view["flag"], view["doctor_note"] = None, DOCTOR_OFF
    return view


def graph_view(root, names: dict[int, str] | None = None, grads_note: str | None = None,
               others: list | None = None, check_large: bool = True, made=None, replay=None) -> dict:
    """The graph under root as JSON-ready data, with the doctor's flag.

    grads_note: why the gradients cannot be checked (None when they can); others: roots of other
    backward() calls, whose gradients would mix with these if the graphs share Values;
    check_large: whether to check a graph too large to draw (worth it only when someone will read the flag
    and the gradients can be checked: a large graph costs ~10 ms per 1,000 Values in Pyodide);
    made: a Value's number in the order Values were made, which orders the inputs in a set _prev (else
    they come in the set's order, which follows id() and so changes from run to run);
    replay: the steps of the backward() that ran from root (replay.py), or None.
    """
    view = empty_view()
    names = {key: clip(name, NAME_CHARS) for key, name in (names or {}).items()}
    collecting = gc.isenabled()
    gc.disable()  # we make many small objects; each collection would walk the learner's whole graph again
    try:
        fill(view, root, names, grads_note, others or [], check_large, made, replay)
    except Exception as exc:  # the learner's class did something we did not foresee
        view = empty_view(f"The graph could not be read ({type(exc).__name__}).")
    finally:
        if collecting:
            gc.enable()
    size = len(json.dumps(view))
    if size > GRAPH_BYTES:  # not expected, as every text is capped: a safety net
        view = empty_view(f"This graph's description is too long to send to the page ({size:,} bytes).")
        size = len(json.dumps(view))
    view["bytes"] = size  # for within_total
    return view


def empty_view(note: str | None = None) -> dict:
    """total: how large the whole graph is, when it was counted; too_large: nodes holds only a summary of it."""
    return {"nodes": [], "edges": [], "output": None, "note": note, "too_large": False, "total": None,
            "flag": None, "doctor_note": None, "replay": None}


def within_total(graph: dict, earlier: list[dict]) -> dict:
    """graph, or a note in its place when it would take the graphs of one run past TOTAL_BYTES."""
    used = sum(g.get("bytes") or len(json.dumps(g)) for g in earlier)
    if used + (graph.get("bytes") or len(json.dumps(graph))) <= TOTAL_BYTES:
        return graph
    return empty_view(f"Not drawn: the graphs before this one already fill the page's budget "
                      f"({TOTAL_BYTES // 1_000_000} MB of graph data per run).")


def fill(view: dict, root, names: dict[int, str], grads_note: str | None, others: list, check_large: bool,
         made=None, replay=None) -> None:
    missing = [attr for attr in ("_prev", "_op") if not hasattr(root, attr)]
    if not hasattr(root, "data"):
        view["note"] = f"draw() needs a Value, and this is {article(clip(type(root).__name__, 30))}."
        return
    if missing:
        view["note"] = missing_note(missing)
    limits = (CHECK_LIMIT, EDGE_LIMIT) if check_large else (MAX_NODES, MAX_EDGES)  # a check costs a walk
    try:
        nodes = walk(root, *limits, follow=not missing, made=made)
    except TooLarge as exc:
        view["total"] = {"values": None, "edges": None, "exact": False}
        summarise(view, near_output(root, names, made), str(exc), flagged=False)
        view["doctor_note"] = f"The gradient doctor did not check this graph: it has {exc}."
        return
    except NoGraph as exc:
        view["note"] = str(exc)
        return
    edge_count = sum(len(node.children) for node in nodes)
    view["total"] = {"values": len(nodes), "edges": edge_count, "exact": True}
    for node in nodes:
        node.name = names.get(id(node.value))
    add_labels(nodes)
    if grads_note is None and overlaps(nodes, others, made):
        grads_note = ("backward() was also called on another Value that shares Values with this graph: "
                      "their gradients add up, so gradients were not checked.")
    finding, doctor_note = doctor.check(nodes, check_grads=grads_note is None)
    view["doctor_note"] = " ".join(n for n in (grads_note, doctor_note) if n) or None
    flagged = finding.node if finding else None
    if missing:
        shown = {}
    elif len(nodes) <= MAX_NODES and edge_count <= MAX_EDGES:
        shown = show(view, nodes)
    else:
        size = f"{len(nodes):,} Values and {edge_count:,} edges"
        shown = summarise(view, [nodes[i] for i in picks(nodes, flagged)], size, flagged is not None)
    view["replay"] = replay_view(replay, shown)
    if finding:
        place = (backward_place(root) if finding.culprit is None
                 else rule_place(nodes[finding.culprit].value, finding.field))
        where, line, provided = place or (None, None, None)
        if provided:  # the problem's own code is right: the Values changed after the graph was built
            view["doctor_note"] = (f"{nodes[flagged].label} disagrees with the rules in {provided}, which are right: "
                                   "was a Value's data or grad changed after this graph was built (a training step)?")
            return
        sentence = finding.sentence + (f". Look at {where}, line {line} of your code" if where and line else "")
        culprit = shown.get(id(nodes[finding.culprit].value)) if finding.culprit is not None else None
        flag = {"field": finding.field, "expected": fmt(finding.expected), "actual": fmt(finding.actual),
                "sentence": sentence, "where": where, "line": line, "step": first_step(view["replay"], culprit)}
        at = shown.get(id(nodes[flagged].value))
        if at is not None:
            view["nodes"][at]["flag"] = flag
        view["flag"] = {"node": at, "label": nodes[flagged].label, **flag}


def show(view: dict, nodes: list[Node], merge: bool = False) -> dict[int, int]:
    """Put nodes (the output last) and the edges between them in view; return {id(value): its id in view}.

    One edge per use ([input, output]); with merge, one per pair of Values, [input, output, uses] when
    there are more uses than one: a summary's few Values may share thousands of edges.
    """
    ids = {id(node.value): i for i, node in enumerate(nodes)}
    view["nodes"] = [{"id": i, "name": n.name, "label": n.label, "op": n.op, "data": fmt(n.data),
                      "grad": fmt(n.grad), "flag": None,
                      "hidden": sum(id(v) not in ids for v in n.inputs)}  # inputs left out of a summary
                     for i, n in enumerate(nodes)]
    uses = [(ids[id(v)], i) for i, n in enumerate(nodes) for v in n.inputs if id(v) in ids]
    if merge:
        counted = Counter(uses)
        view["edges"] = [[*pair, n] if n > 1 else [*pair] for pair, n in counted.items()]
    else:
        view["edges"] = [[*pair] for pair in uses]
    view["output"] = len(nodes) - 1
    return ids


def summarise(view: dict, picked: list[Node], size: str, flagged: bool) -> dict[int, int]:
    """A summary in place of a graph too large to draw: a dozen of its Values, and a note on what they are."""
    view["too_large"] = True
    shown = show(view, picked, merge=True)
    leaves = any(not node.inputs for node in picked)
    which = ", ".join(["the output and its nearest inputs", *(["the first leaves"] if leaves else []),
                       *(["the flagged Value with its neighbours"] if flagged else [])])
    view["note"] = f"{size[0].upper()}{size[1:]}: too many to draw. Showing {len(picked)}: {which}."
    return shown


def picks(nodes: list[Node], flagged: int | None) -> list[int]:
    """Positions (in walk order) of the Values a summary shows."""
    near = [len(nodes) - 1]  # breadth first from the output
    for i in near:
        near.extend(k for k in dict.fromkeys(nodes[i].children) if k not in near)
        if len(near) >= NEAR:
            break
    chosen = {*near[:NEAR], *[i for i, node in enumerate(nodes) if not node.children][:PICK]}
    if flagged is not None:
        consumers = [i for i in range(flagged + 1, len(nodes)) if flagged in nodes[i].children]
        chosen.update([flagged, *list(dict.fromkeys(nodes[flagged].children))[:PICK], *consumers[:PICK]])
    return sorted(chosen)


def near_output(root, names: dict[int, str], made=None) -> list[Node]:
    """Without a walk of the whole graph: the NEAR Values nearest the output, as Nodes labelled from what
    they show (an input left out reads '…'), inputs before what is made from them."""
    kind = type(root)
    near = {id(root): read(root, kind, follow=True, made=made)}  # breadth first from the output
    queue = [root]
    for made in queue:
        for value in near[id(made)].inputs:
            if len(near) < NEAR and id(value) not in near:
                near[id(value)] = read(value, kind, follow=True, made=made)
                queue.append(value)
    labels: dict[int, str] = {}
    ordered: list[Node] = []
    while len(ordered) < len(near):
        waiting = [n for key, n in near.items() if key not in labels]
        ready = [n for n in waiting if all(id(v) in labels or id(v) not in near for v in n.inputs)]
        for node in ready or waiting[:1]:  # none ready: a loop, label it anyway
            node.name = names.get(id(node.value))
            node.expr = clip(expression(node.op, [labels.get(id(v), "…") for v in node.inputs], node.data), 24)
            labels[id(node.value)] = node.label = node.name or node.expr
            ordered.append(node)
    return sorted(ordered, key=lambda node: node.value is root)  # the output last


def walk(root, limit: int, edge_limit: int = EDGE_LIMIT, follow: bool = True, made=None) -> list[Node]:
    """The Values under root in topological order (inputs before what is made from them), root last.

    An explicit stack rather than recursion: a graph may be 10,000 Values deep. Raises TooLarge past
    limit Values or edge_limit edges.
    """
    kind = type(root)
    nodes: list[Node] = []
    seen: dict[int, Node] = {}  # id(value) -> its node, read on the first visit
    stack = [(root, False)]
    edges = 0
    while stack:
        value, inputs_done = stack.pop()
        if inputs_done:
            nodes.append(seen[id(value)])
        elif id(value) not in seen:
            if len(seen) >= limit:
                raise TooLarge(f"more than {limit:,} Values")
            node = seen[id(value)] = read(value, kind, follow, made)
            edges += len(node.inputs)
            if edges > edge_limit:
                raise TooLarge(f"more than {edge_limit:,} edges")
            stack.append((value, True))
            stack.extend([(v, False) for v in reversed(node.inputs)])
    position = {id(node.value): i for i, node in enumerate(nodes)}
    for i, node in enumerate(nodes):
        node.children = [position[id(v)] for v in node.inputs]
        if node.children and max(node.children) >= i:  # only a loop puts an input after its output
            raise NoGraph("This graph has a loop: a Value is among its own inputs (through _prev), so there "
                          "is no order to pass gradients back in. Each operation must make a new Value.")
    return nodes


def read(value, kind: type, follow: bool, made=None) -> Node:
    op = getattr(value, "_op", "")
    inputs, opaque = [], False
    if follow:
        prev = getattr(value, "_prev", ())
        if not hasattr(prev, "__iter__"):
            raise NoGraph(f"A Value's _prev is {article(clip(type(prev).__name__, 30))}: it should be a tuple of "
                          "the Values it was computed from.")
        inputs = [v for v in prev if isinstance(v, kind)]
        if made and isinstance(prev, (set, frozenset)):  # in the order they were made, as a tuple would hold them
            inputs.sort(key=made)
        opaque = len(inputs) != len(prev) if hasattr(prev, "__len__") else False
    op = clip(op, OP_CHARS) if isinstance(op, str) else short(op)
    return Node(value, op, getattr(value, "data", None), getattr(value, "grad", None), inputs, [], opaque)


def add_labels(nodes: list[Node]) -> None:
    """A short label per node, built from its inputs' labels (they come first in the walk)."""
    for i, node in enumerate(nodes):
        node.expr = expression(node.op, [nodes[k].label for k in node.children], node.data)
        if len(node.expr) > 24:
            node.expr = f"node {i}"
        node.label = node.name or node.expr


def expression(op: str, parts: list[str], data) -> str:
    """How a Value was made, from its inputs' labels, as Python would write it: 'b*c', 'a + d', 'b**-1', 'a - b',
    '-a', 'relu(d)', 'exp(a)'; a leaf's own data."""
    if not parts:
        return rounded(data)
    if op == "+" and len(parts) >= 2:
        return " + ".join(parts)
    if op in ("*", "/") and len(parts) >= 2:
        return op.join(grouped(p) for p in parts)
    if op == "-" and len(parts) == 2:
        return f"{parts[0]} - {grouped(parts[1])}"
    if op.startswith("**") and len(parts) == 1:
        return f"{grouped(parts[0])}{op}"
    if op == "neg" and len(parts) == 1:
        return f"-{grouped(parts[0])}"
    if op.lower() == "relu" and len(parts) == 1:
        return f"relu({parts[0]})"
    return f"{op or '?'}({', '.join(parts)})"


def overlaps(nodes: list[Node], others: list, made=None) -> bool:
    """Whether any other backward() root reaches a Value of this graph."""
    if not others:
        return False
    mine = {id(n.value) for n in nodes}
    for other in others:
        try:
            theirs = walk(other, CHECK_LIMIT, made=made)
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
