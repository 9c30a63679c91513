"""The backward pass, step by step: each call of a node's _backward, in the order the learner's backward() made
them, with the grads of the node's inputs before and after it.

Recorded by wrapping each node's _backward (an attribute of the node, or a method of its class) for the length of
one outermost backward() call, and put back as it was afterwards: the learner's code runs unchanged. Only graphs
of at most REPLAY_NODES Values are recorded, the size a learner steps through; a leaf has no rule to step
through, so leaves are left alone.
"""

from __future__ import annotations

from playground.plugins.autograd.nodes import fmt

REPLAY_NODES = 200
MAX_STEPS = 400  # a rule that runs again and again (recursion without a visited set) is cut here
UNSET = object()


class Replay:
    def __init__(self, root) -> None:
        self.steps: list[tuple[object, list[tuple[object, object, object]]]] = []  # (node, [(input, before, after)])
        self.more = 0  # steps past MAX_STEPS, counted only
        self.wrapped: list[tuple[object, object]] = []  # (node, its own _backward attribute, or UNSET)
        nodes = reachable(root, REPLAY_NODES)
        self.recording = nodes is not None
        try:
            for node in nodes or []:
                inputs = list({id(child): child for child in children_of(node)}.values())
                if inputs:
                    self.wrap(node, inputs)
        except Exception:
            self.restore()  # a Value that refused its wrapper: the ones wrapped before it get theirs back
            raise

    def wrap(self, node, inputs: list) -> None:
        original = node._backward
        replay = self

        def _backward(*args, **kwargs):
            before = [getattr(child, "grad", None) for child in inputs]
            try:
                return original(*args, **kwargs)
            finally:
                replay.note(node, inputs, before)

        own = vars(node).get("_backward", UNSET) if hasattr(node, "__dict__") else original  # a slot holds it
        node._backward = _backward
        self.wrapped.append((node, own))

    def note(self, node, inputs: list, before: list) -> None:
        if len(self.steps) >= MAX_STEPS:
            self.more += 1
            return
        after = [getattr(child, "grad", None) for child in inputs]
        self.steps.append((node, list(zip(inputs, before, after, strict=True))))

    def restore(self) -> None:
        """Every node's _backward as it was: its own attribute back, or the class's method showing through."""
        for node, own in reversed(self.wrapped):
            try:
                if own is UNSET:
                    del node._backward
                else:
                    node._backward = own
            except Exception:  # noqa: BLE001, S110 — a node that won't take it back keeps our wrapper, which is harmless
                pass
        self.wrapped = []


def children_of(node) -> list:
    try:
        return list(getattr(node, "_prev", ()) or ())
    except Exception:  # noqa: BLE001 — an odd _prev: no inputs to watch
        return []


def reachable(root, limit: int) -> list | None:
    """Every Value under root, root first; None when there are more than limit (or they can't be read)."""
    seen = {id(root): root}
    stack = [root]
    while stack:
        for child in children_of(stack.pop()):
            if id(child) not in seen:
                seen[id(child)] = child
                if len(seen) > limit:
                    return None
                stack.append(child)
    return list(seen.values())


def start(root) -> Replay | None:
    """A recording of the backward() about to run from root, or None when its graph can't be wrapped."""
    try:
        replay = Replay(root)
    except Exception:  # noqa: BLE001 — a Value that refuses new attributes (__slots__): no replay
        return None
    return replay if replay.recording else None


def replay_view(replay: Replay | None, shown: dict[int, int]) -> dict | None:
    """The steps as the page replays them: each step's node and its inputs' grads, by their place in the view.
    A step of a node the view leaves out (a summary) is counted in skipped; an input it leaves out is dropped."""
    if replay is None:
        return None
    steps, skipped = [], 0
    for node, changes in replay.steps:
        if id(node) not in shown:
            skipped += 1
            continue
        grads = [[shown[id(child)], fmt(before), fmt(after)] for child, before, after in changes
                 if id(child) in shown]
        steps.append({"node": shown[id(node)], "grads": sorted(grads)})
    return {"steps": steps, "skipped": skipped, "more": replay.more}


def first_step(view: dict | None, node: int | None) -> int | None:
    """The first step at which node's rule ran (where the doctor's flag points), or None."""
    steps = view["steps"] if view else []
    return next((i for i, step in enumerate(steps) if node is not None and step["node"] == node), None)
