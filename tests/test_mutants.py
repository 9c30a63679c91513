"""scripts/mutants.py's rules, on a small engine: each rule makes the mutant it names, and only that change."""

import difflib
import sys

from problems import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import mutants  # noqa: E402

ENGINE = '''
class Value:
    def __init__(self, data, _children=()):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = _children

    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()


def step(params, lr):
    for p in params:
        p.data -= lr * p.grad
        p.grad = 0
'''


def changed_lines(mutant: str) -> list[str]:
    original = mutants.ast.unparse(mutants.ast.parse(ENGINE)).splitlines()
    return [line for line in difflib.ndiff(original, mutant.splitlines()) if line[:2] in ("- ", "+ ")]


def test_each_local_rule_has_its_four_mutants():
    made = mutants.mutants(ENGINE)
    where = "Value.__mul__._backward"
    original = "self.grad += other.data * out.grad"
    expected = {
        "assigns instead of adds": "self.grad = other.data * out.grad",
        "drops the upstream gradient": "self.grad += other.data * 1.0",
        "wrong local derivative": "self.grad += out.grad",
        "wrong operand": "self.grad += self.data * out.grad",
    }
    for rule, line in expected.items():
        diff = changed_lines(made[f"{where}: {rule}: {original}"])
        assert diff == [f"-             {original}", f"+             {line}"], (rule, diff)


def test_backward_gets_orders_that_are_not_topological():
    made = mutants.mutants(ENGINE)
    rules = {name.split(": ")[1] for name in made if name.startswith("Value.backward:")}
    assert {"forward order", "breadth-first from the output", "each node once per path", "output not seeded"} <= rules
    forward = changed_lines(made["Value.backward: forward order: def backward(self):"])
    assert forward == ["-         for v in reversed(topo):", "+         for v in topo:"]


def test_an_update_and_its_zeroing_are_mutated():
    made = mutants.mutants(ENGINE)
    assert changed_lines(made["step: the update's sign flipped: p.data -= lr * p.grad"]) == \
        ["-         p.data -= lr * p.grad", "+         p.data += lr * p.grad"]
    assert changed_lines(made["step: gradients not zeroed: p.grad = 0"]) == ["-         p.grad = 0", "+         pass"]


def test_every_mutant_is_valid_python_and_differs_from_the_original():
    for name, source in mutants.mutants(ENGINE).items():
        compile(source, name, "exec")
        assert changed_lines(source), name
