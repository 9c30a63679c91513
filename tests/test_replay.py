"""The backward pass replayed (playground/plugins/autograd/replay.py): each node's _backward call, in the order the
learner's backward() made it, with its inputs' grads before and after; the learner's code left as it was."""

import pytest

from playground.plugins.autograd import replay as replay_module
from playground.script import run_script
from problems import first_problem

PROBLEM = first_problem("autograd").folder
SOLUTION = (PROBLEM / "solution.py").read_text()
BACKWARD = SOLUTION[SOLUTION.index("    def backward(self):"):SOLUTION.index("        self.grad = 1.0")]
# z = x*y + x with y = -4: the sum's rule first (x.grad 0 -> 1), then the product's (x.grad 1 -> -3)
LECTURE = "x = Value(2.0)\ny = Value(-4.0)\nz = x*y + x\nz.backward()\ndraw(z)\n"


@pytest.fixture
def replayed(tmp_path):
    """The steps of the graph draw() shows, as [(node label, [(input label, before, after), ...]), ...]."""
    def run(source: str) -> list:
        result = run_script(source, workdir=tmp_path / "script", problem_dir=PROBLEM)
        [graph] = result["plugins"]["autograd"]["graphs"]
        labels = [node["label"] for node in graph["nodes"]]
        if graph["replay"] is None:
            return None
        return [(labels[step["node"]], [(labels[i], before, after) for i, before, after in step["grads"]])
                for step in graph["replay"]["steps"]]
    return run


def test_a_right_engine_runs_the_sum_then_the_product(replayed):
    assert replayed(SOLUTION + LECTURE) == [
        ("z", [("x", "0", "1"), ("x*y", "0", "1")]),
        ("x*y", [("x", "1", "-3"), ("y", "0", "2")]),
    ]


def test_an_assignment_that_overwrites_a_contribution_shows_at_its_step(replayed):
    assigning = SOLUTION.replace("self.grad += other.data * out.grad", "self.grad = other.data * out.grad")
    assert replayed(assigning + LECTURE)[1] == ("x*y", [("x", "1", "-4"), ("y", "0", "2")])


def test_rules_in_forward_order_run_the_product_first(replayed):
    forward = SOLUTION.replace("for v in reversed(topo):", "for v in topo:")
    assert [label for label, _ in replayed(forward + LECTURE)] == ["x*y", "z"]


def test_recursion_without_a_visited_set_runs_a_rule_twice(replayed):
    naive = SOLUTION.replace(BACKWARD, "    def backward(self):\n        self.grad = 1.0\n        self.walk()\n\n"
                             "    def walk(self):\n        self._backward()\n        for child in self._prev:\n"
                             "            child.walk()\n\n    def unused(self):\n")
    steps = replayed(naive + "x = Value(3.0)\na = x * x\nz = a + a\nz.backward()\ndraw(z)\n")
    assert [label for label, _ in steps] == ["z", "a", "a"]


def test_rules_as_methods_are_replayed_and_put_back(replayed):
    methods = first_problem("autograd").mistakes["method_rules.py"]  # a correct engine whose _backward is a method
    check = "\nassert all('_backward' not in vars(v) for v in (x, y, z, z._prev[0]))\n"
    assert replayed(methods + LECTURE + check) == [
        ("z", [("x", "0", "1"), ("x*y", "0", "1")]),
        ("x*y", [("x", "1", "-3"), ("y", "0", "2")]),
    ]


def test_each_rule_is_put_back_after_backward(tmp_path):
    source = SOLUTION + "x = Value(2.0)\nz = x * x\nrule = z._backward\nz.backward()\nassert z._backward is rule\n"
    result = run_script(source, workdir=tmp_path / "script", problem_dir=PROBLEM)
    assert result["error"] is None, result["error"]


def test_a_graph_past_the_limit_is_not_replayed(replayed, monkeypatch):
    monkeypatch.setattr(replay_module, "REPLAY_NODES", 3)
    assert replayed(SOLUTION + LECTURE) is None


def test_the_flag_links_to_the_step_of_the_wrong_rule(tmp_path):
    assigning = SOLUTION.replace("self.grad += other.data * out.grad", "self.grad = other.data * out.grad")
    result = run_script(assigning + LECTURE, workdir=tmp_path / "script", problem_dir=PROBLEM)
    [graph] = result["plugins"]["autograd"]["graphs"]
    assert graph["flag"]["step"] == 1  # the product's rule, the second step


def test_a_value_that_refuses_its_wrapper_leaves_every_rule_as_it_was(tmp_path):
    """The product refuses a new _backward, after the sum has taken its wrapper: the sum gets its own rule back."""
    sealed = ("class Sealed(Value):\n    def __setattr__(self, name, value):\n"
              "        if name == '_backward' and getattr(self, 'sealed', False):\n"
              "            raise AttributeError('sealed')\n        object.__setattr__(self, name, value)\n\n"
              "x = Value(2.0)\ny = Value(-4.0)\nproduct = x * y\nproduct.__class__ = Sealed\nproduct.sealed = True\n"
              "z = product + x\nrule = z._backward\nz.backward()\nassert z._backward is rule\nassert x.grad == -3\n")
    result = run_script(SOLUTION + sealed, workdir=tmp_path / "script", problem_dir=PROBLEM)
    assert result["error"] is None, result["error"]


def test_past_twenty_calls_of_backward_nothing_more_is_recorded(replayed):
    """The doctor checks no gradient then, and recording each of many calls would cost the run its time."""
    many = "for _ in range(25):\n    Value(1.0).backward()\n"
    assert replayed(SOLUTION + many + LECTURE) is None
    assert replayed(SOLUTION + LECTURE) is not None
