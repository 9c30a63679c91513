"""Learner code pasted as it is imports what a problem provides: Karpathy's micrograd/nn.py, which starts with
`from micrograd.engine import Value`, passes the MLP problem; other imports of an engine say where it is."""

import sys

import pytest

from playground import run_tests
from playground.script import run_script
from problems import ProblemFiles, all_problems

# The problems are found by what they hold, not named: the one where the learner writes the MLP against a
# provided engine (its variants hold Karpathy's nn.py), the ones that also provide nn, those that provide the
# engine, and those where the learner writes Value.
ALIASED = [p for p in all_problems() if p.meta.get("aliases")]
MLP_PROBLEM = next(p for p in ALIASED if "MLP" in p.meta["defines"])
NN_PROVIDED = next(p for p in ALIASED if "micrograd.nn" in p.meta["aliases"])
ENGINE_PROVIDED = [p for p in ALIASED if p.meta["plugins"].get("autograd", {}).get("engine")]
VALUE_PROBLEMS = [p for p in all_problems() if "Value" in p.meta["defines"]]

# micrograd's nn.py as published: the variant's two comment lines gone, its engine imported as micrograd's
KARPATHY_NN = MLP_PROBLEM.mistakes["karpathy_nn.py"].split("\n", 2)[2].replace(
    "from engine import Value", "from micrograd.engine import Value")


def run(problem: ProblemFiles, source: str, tmp_path):
    return run_tests(problem.folder, source, tmp_path / "work")


def test_karpathy_nn_pasted_as_it_is_passes_the_mlp_problem(tmp_path):
    results = run(MLP_PROBLEM, KARPATHY_NN, tmp_path)
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
    results = run(MLP_PROBLEM, source, tmp_path)
    assert results["error"] is None, results["error"]
    assert results["solved"]


def test_run_code_imports_through_the_aliases_too(tmp_path):
    source = ("from micrograd.engine import Value\nfrom micrograd.nn import MLP\nimport engine\n"
              "print(isinstance(MLP(2, [1]).parameters()[0], engine.Value), Value is engine.Value)\n")
    result = run_script(source, tmp_path / "s", problem_dir=NN_PROVIDED.folder)
    assert result["error"] is None, result["error"]
    assert result["output"] == "True True\n"


def test_the_aliases_are_gone_after_a_run_and_fresh_in_the_next(tmp_path):
    changes_engine = "import micrograd.engine\nmicrograd.engine.Value.relu = None\n" + KARPATHY_NN
    assert not run(MLP_PROBLEM, changes_engine, tmp_path)["solved"]
    assert not [name for name in sys.modules if name.partition(".")[0] in ("micrograd", "engine")]
    assert not [f for f in sys.meta_path if type(f).__name__ == "Aliases"]
    assert run(MLP_PROBLEM, KARPATHY_NN, tmp_path)["solved"]
    assert run(VALUE_PROBLEMS[0], "from micrograd.engine import Value\n", tmp_path)["error"]["type"] == \
        "ModuleNotFoundError"  # a problem without aliases has none


ENGINE_ADVICE = "The engine is provided as `engine`: `from engine import Value`."


@pytest.mark.parametrize("line", ["from micrograd import Value", "from engine_v2 import Value",
                                  "import micrograd.value", "from value import Value"])
@pytest.mark.parametrize("problem", ENGINE_PROVIDED, ids=lambda p: p.id)
def test_another_import_of_the_engine_says_where_it_is(problem, line, tmp_path):
    error = run(problem, KARPATHY_NN.replace("from micrograd.engine import Value", line), tmp_path)["error"]
    assert error["line"] == 2
    assert error["message"].endswith(f"while loading (line 2 of your code). {ENGINE_ADVICE}"), error["message"]


@pytest.mark.parametrize("problem", VALUE_PROBLEMS, ids=lambda p: p.id)
@pytest.mark.parametrize("line", ["from micrograd.engine import Value", "from engine import Value"])
def test_an_import_of_an_engine_where_the_learner_writes_value_says_so(problem, line, tmp_path):
    error = run(problem, f"{line}\n", tmp_path)["error"]
    missing = line.split()[1].split(".")[0]
    assert error["message"] == (f"Your code raised ModuleNotFoundError: No module named '{missing}' "
                                "while loading (line 1 of your code). In this problem you write `Value` yourself: "
                                "delete the import and define `class Value` in your code.")


def test_an_import_unrelated_to_the_engine_gets_no_engine_advice(tmp_path):
    error = run(MLP_PROBLEM, "import random_utils\n" + KARPATHY_NN, tmp_path)["error"]
    assert error["message"] == ("Your code raised ModuleNotFoundError: No module named 'random_utils' while loading "
                                "(line 1 of your code).")
    wrong_name = run(MLP_PROBLEM, KARPATHY_NN.replace("import Value", "import Valeu"), tmp_path)["error"]
    assert "engine is provided" not in wrong_name["message"]


LABELLED = "\n\nx = Value(2.0, label='x')\n"
LABEL_ADVICE = ("The provided `Value(data, _children=(), _op='')` takes no `label`: leave it out of the call (set it "
                "afterwards if you need it: `v.label = ...`).")


def test_a_keyword_the_provided_value_lacks_says_what_it_takes(tmp_path):
    at_load = run(MLP_PROBLEM, KARPATHY_NN + LABELLED, tmp_path)["error"]
    assert at_load["message"].endswith(f"while loading (line {KARPATHY_NN.count(chr(10)) + 3} of your code). "
                                       f"{LABEL_ADVICE}"), at_load["message"]
    in_tests = run(MLP_PROBLEM, KARPATHY_NN.replace("Value(0)", "Value(0, label='b')"), tmp_path)
    failing = [t for t in in_tests["tests"] if t["outcome"] != "passed"]
    assert failing and in_tests["shared_message"] == ("TypeError: Value.__init__() got an unexpected keyword argument "
                                                      f"'label' (line 17 of your code). {LABEL_ADVICE}")
    script = run_script("from engine import Value\nValue(1, label='a')\n", tmp_path / "s",
                        problem_dir=MLP_PROBLEM.folder)
    assert script["error"]["message"].endswith(f"(line 2 of your code). {LABEL_ADVICE}"), script["error"]["message"]


def test_a_keyword_a_learners_own_value_lacks_gets_no_provided_value_advice(tmp_path):
    source = VALUE_PROBLEMS[0].solution + "\nValue(1, label='a')\n"
    assert "provided" not in run(VALUE_PROBLEMS[0], source, tmp_path)["error"]["message"]
