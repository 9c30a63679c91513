"""Learner code pasted as it is imports what a problem provides: Karpathy's micrograd/nn.py, which starts with
`from micrograd.engine import Value`, passes the MLP problem; other imports of an engine say where it is."""

import sys
from pathlib import Path

import pytest

from playground import run_tests
from playground.script import run_script

PROBLEMS = Path(__file__).resolve().parent.parent / "py" / "problems"

KARPATHY_NN = '''import random
from micrograd.engine import Value

class Module:

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        return []

class Neuron(Module):

    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1,1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi*xi for wi,xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"{'ReLU' if self.nonlin else 'Linear'}Neuron({len(self.w)})"

class Layer(Module):

    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"

class MLP(Module):

    def __init__(self, nin, nouts):
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i+1], nonlin=i!=len(nouts)-1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"
'''


def run(problem, source, tmp_path):
    return run_tests(PROBLEMS / problem, source, tmp_path / "work")


def test_karpathy_nn_pasted_as_it_is_passes_the_mlp_problem(tmp_path):
    results = run("mlp", KARPATHY_NN, tmp_path)
    assert results["error"] is None, results["error"]
    assert [t["id"] for t in results["tests"] if t["outcome"] != "passed"] == []
    assert results["solved"]


@pytest.mark.parametrize("line", ["from micrograd.engine import Value",
                                  "import micrograd.engine\nValue = micrograd.engine.Value",
                                  "from micrograd import engine\nValue = engine.Value"])
def test_the_alias_is_the_provided_module_itself(line, tmp_path):
    source = KARPATHY_NN.replace("from micrograd.engine import Value", line) + (
        "\nimport engine\nimport micrograd.engine\n"
        "assert micrograd.engine is engine, 'the alias is a copy'\n"
        "assert Value is engine.Value\n")
    results = run("mlp", source, tmp_path)
    assert results["error"] is None, results["error"]
    assert results["solved"]


def test_run_code_imports_through_the_aliases_too(tmp_path):
    source = ("from micrograd.engine import Value\nfrom micrograd.nn import MLP\nimport engine\n"
              "print(isinstance(MLP(2, [1]).parameters()[0], engine.Value), Value is engine.Value)\n")
    result = run_script(source, tmp_path / "s", problem_dir=PROBLEMS / "training_step")
    assert result["error"] is None, result["error"]
    assert result["output"] == "True True\n"


def test_the_aliases_are_gone_after_a_run_and_fresh_in_the_next(tmp_path):
    changes_engine = "import micrograd.engine\nmicrograd.engine.Value.relu = None\n" + KARPATHY_NN
    assert not run("mlp", changes_engine, tmp_path)["solved"]
    assert not [name for name in sys.modules if name.partition(".")[0] in ("micrograd", "engine")]
    assert not [f for f in sys.meta_path if type(f).__name__ == "Aliases"]
    assert run("mlp", KARPATHY_NN, tmp_path)["solved"]
    assert run("basic_autograd", "from micrograd.engine import Value\n", tmp_path)["error"]["type"] == \
        "ModuleNotFoundError"  # a problem without aliases has none


ENGINE_ADVICE = "The engine is provided as `engine`: `from engine import Value`."


@pytest.mark.parametrize("line", ["from micrograd import Value", "from engine_v2 import Value",
                                  "import micrograd.value", "from value import Value"])
@pytest.mark.parametrize("problem", ["mlp", "training_step"])
def test_another_import_of_the_engine_says_where_it_is(problem, line, tmp_path):
    error = run(problem, KARPATHY_NN.replace("from micrograd.engine import Value", line), tmp_path)["error"]
    assert error["line"] == 2
    assert error["message"].endswith(f"while loading (line 2 of your code). {ENGINE_ADVICE}"), error["message"]


@pytest.mark.parametrize("problem", ["basic_autograd", "more_operations"])
@pytest.mark.parametrize("line", ["from micrograd.engine import Value", "from engine import Value"])
def test_an_import_of_an_engine_where_the_learner_writes_value_says_so(problem, line, tmp_path):
    error = run(problem, f"{line}\n", tmp_path)["error"]
    missing = line.split()[1].split(".")[0]
    assert error["message"] == (f"Your code raised ModuleNotFoundError: No module named '{missing}' "
                                "while loading (line 1 of your code). In this problem you write `Value` yourself: "
                                "delete the import and define `class Value` in your code.")


def test_an_import_unrelated_to_the_engine_gets_no_engine_advice(tmp_path):
    error = run("mlp", "import random_utils\n" + KARPATHY_NN, tmp_path)["error"]
    assert error["message"] == ("Your code raised ModuleNotFoundError: No module named 'random_utils' while loading "
                                "(line 1 of your code).")
    wrong_name = run("mlp", KARPATHY_NN.replace("import Value", "import Valeu"), tmp_path)["error"]
    assert "engine is provided" not in wrong_name["message"]


LABELLED = "\n\nx = Value(2.0, label='x')\n"
LABEL_ADVICE = ("The provided `Value(data, _children=(), _op='')` takes no `label`: leave it out of the call (set it "
                "afterwards if you need it: `v.label = ...`).")


def test_a_keyword_the_provided_value_lacks_says_what_it_takes(tmp_path):
    at_load = run("mlp", KARPATHY_NN + LABELLED, tmp_path)["error"]
    assert at_load["message"].endswith(f"while loading (line {KARPATHY_NN.count(chr(10)) + 3} of your code). "
                                       f"{LABEL_ADVICE}"), at_load["message"]
    in_tests = run("mlp", KARPATHY_NN.replace("Value(0)", "Value(0, label='b')"), tmp_path)
    failing = [t for t in in_tests["tests"] if t["outcome"] != "passed"]
    assert failing and in_tests["shared_message"] == ("TypeError: Value.__init__() got an unexpected keyword argument "
                                                      f"'label' (line 17 of your code). {LABEL_ADVICE}")
    script = run_script("from engine import Value\nValue(1, label='a')\n", tmp_path / "s",
                        problem_dir=PROBLEMS / "mlp")
    assert script["error"]["message"].endswith(f"(line 2 of your code). {LABEL_ADVICE}"), script["error"]["message"]


def test_a_keyword_a_learners_own_value_lacks_gets_no_provided_value_advice(tmp_path):
    source = (PROBLEMS / "basic_autograd" / "solution.py").read_text() + "\nValue(1, label='a')\n"
    assert "provided" not in run("basic_autograd", source, tmp_path)["error"]["message"]
