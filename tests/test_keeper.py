"""The keeper: instances of the learner's classes are let go of newest first, and only when safe."""

import builtins

from playground.keeper import Keeper


class Node:
    def __init__(self, prev):
        self.prev = prev


class Cyclic:
    def __init__(self, prev):
        self.prev = prev
        self.backward = lambda: self  # micrograd's _backward closure refers back to its Value


def watched() -> tuple[Keeper, type, type]:
    keeper = Keeper()
    node = type("Node", (Node,), {"__init__": Node.__init__})
    cyclic = type("Cyclic", (Cyclic,), {"__init__": Cyclic.__init__})
    keeper.watch(node)
    keeper.watch(cyclic)
    return keeper, node, cyclic


def test_compaction_keeps_what_the_code_holds_and_drops_the_rest():
    keeper, node, cyclic = watched()
    chain = None
    for _ in range(1_000):
        chain = node(chain)
    garbage = None
    for _ in range(1_000):
        garbage = node(garbage)
    del garbage
    for _ in range(1_000):
        cyclic(None)
    assert len(keeper.kept) == 3_000
    keeper.compact()
    assert len(keeper.kept) == 1_000 and keeper.kept[-1] is chain


def test_classes_of_the_learners_module_are_watched_and_released():
    keeper = Keeper()
    namespace = {"__name__": "submission",
                 "__builtins__": {**vars(builtins), "__build_class__": keeper.build_class("submission")}}
    exec("class V:\n    def __init__(self, x):\n        self.x = x\nv = V(1)\nw = V(2)\n", namespace)
    assert [v.x for v in keeper.kept] == [1, 2]
    keeper.let_go(None)
    assert keeper.kept == [] and namespace["w"].x == 2
