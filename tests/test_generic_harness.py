"""The harness knows no problem: a problem with no plugin, a hidden test that imports what the learner has
not written yet, a problem installed from its archive, and a problem folder that learner code writes into."""

import importlib.metadata
import io
import json
import sys
import zipfile

import pytest

import playground.problem
from playground import run_tests, warm_up
from playground.script import run_script

ADD = {
    "problem.json": json.dumps({
        "id": "add", "title": "Add", "difficulty": "Easy", "position": 1, "time_limit_seconds": 10,
        "module": "submission", "defines": ["add"],
        "tests": [{"id": "test_add", "name": "add(2, 3) is 5"},
                  {"id": "test_twice", "name": "twice(4) is 8", "tier": "challenge"}]}),
    "statement.md": "Write `add(a, b)`.\n",
    "starter.py": "def add(a, b):\n    raise NotImplementedError\n",
    "solution.py": "def add(a, b):\n    return a + b\n\n\ndef twice(x):\n    return 2 * x\n",
    "test_add.py": "from submission import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
                   "def test_twice():\n    from submission import twice\n    assert twice(4) == 8\n",
}


@pytest.fixture
def add_problem(tmp_path):
    folder = tmp_path / "problems" / "add"
    folder.mkdir(parents=True)
    for name, text in ADD.items():
        (folder / name).write_text(text)
    return folder


def run(folder, source, tmp_path):
    return run_tests(folder, source, workdir=tmp_path / "work")


def test_a_problem_without_plugins_runs_with_no_graph_and_no_draw(add_problem, tmp_path):
    results = run(add_problem, ADD["solution.py"], tmp_path)
    assert results["problem"] == "add" and results["solved"] and results["challenge"] == {"passed": 1, "total": 1}
    assert all(t["plugins"] == {} for t in results["tests"])
    drawn = run_script("draw(1)\n", workdir=tmp_path / "script", problem_dir=add_problem)
    assert drawn["status"] == "error" and "name 'draw' is not defined" in drawn["error"]["message"]


def test_a_name_the_code_lacks_fails_the_tests_that_import_it_and_the_rest_run(add_problem, tmp_path):
    (add_problem / "test_add.py").write_text(ADD["test_add.py"].replace("from submission import add\n", "")
                                             .replace("assert add(", "from submission import add\n    assert add("))
    results = run(add_problem, "def twice(x):\n    return 2 * x\n", tmp_path)
    assert results["status"] == "finished" and results["error"] is None
    tests = {t["id"]: t for t in results["tests"]}
    assert tests["test_twice"]["outcome"] == "passed"
    assert (tests["test_add"]["outcome"], tests["test_add"]["message"]) == (
        "error", "Your code does not define `add`, which the tests import. Check its name and that it is not inside "
        "another block.")


def test_a_name_the_tests_import_but_the_code_lacks_is_a_verdict_not_a_stop(add_problem, tmp_path):
    (add_problem / "test_add.py").write_text("from submission import add, twice\n\n\n" + ADD["test_add.py"])
    results = run(add_problem, "def add(a, b):\n    return a + b\n", tmp_path)
    assert results["status"] == "finished" and results["stopped"] is None
    assert {t["outcome"] for t in results["tests"]} == {"error"}
    said = results["shared_message"] or results["tests"][0]["message"]
    assert said.startswith("Your code does not define `twice`, which the tests import.")


def test_a_failing_import_inside_one_test_fails_that_test_only(add_problem, tmp_path):
    results = run(add_problem, "def add(a, b):\n    return a + b\n", tmp_path)
    outcomes = {t["id"]: t["outcome"] for t in results["tests"]}
    assert outcomes == {"test_add": "passed", "test_twice": "error"} and results["solved"]
    assert results["tests"][1]["message"].startswith("Your code does not define `twice`, which the tests import.")


def test_install_puts_a_problem_in_place_from_its_archive(tmp_path, monkeypatch):
    monkeypatch.setattr(playground.problem, "PROBLEMS", tmp_path / "installed")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, text in ADD.items():
            if name != "solution.py":
                bundle.writestr(f"add/{name}", text)
    (tmp_path / "installed" / "add").mkdir(parents=True)
    (tmp_path / "installed" / "add" / "left_over.py").write_text("planted before the install")
    assert playground.problem.install(archive.getvalue()) == "add"
    folder = tmp_path / "installed" / "add"
    assert sorted(p.name for p in folder.iterdir()) == sorted(n for n in ADD if n != "solution.py")
    assert run(folder, ADD["solution.py"], tmp_path)["solved"]


def test_warm_up_without_a_problem_loads_every_plugin():
    warm_up()
    assert "playground.plugins.autograd.doctor" in sys.modules


def test_provided_modules_are_importable_and_fresh_in_every_run(add_problem, tmp_path):
    meta = json.loads(ADD["problem.json"])
    (add_problem / "problem.json").write_text(json.dumps({**meta, "provides": ["helper.py"]}))
    (add_problem / "provided").mkdir()
    (add_problem / "provided" / "helper.py").write_text("def plus(a, b):\n    return a + b\n")
    uses_helper = "from helper import plus\n\n\ndef add(a, b):\n    return plus(a, b)\n"
    assert run(add_problem, uses_helper, tmp_path)["passed"] == 1
    breaks_helper = "import helper\nhelper.plus = lambda a, b: 0\n" + uses_helper
    assert run(add_problem, breaks_helper, tmp_path)["passed"] == 0
    assert run(add_problem, uses_helper, tmp_path)["passed"] == 1  # the change did not outlive its run
    printed = run_script("from helper import plus\nprint(plus(2, 3))\n", tmp_path / "s", problem_dir=add_problem)
    assert printed["status"] == "finished" and printed["output"] == "5\n"


# importlib.util.find_spec("numpy") would meet the harness's own finder, which raises: ask pip's records instead
@pytest.mark.skipif(any(d.name == "numpy" for d in importlib.metadata.distributions()), reason="numpy is installed")
def test_a_package_the_playground_lacks_says_so_in_tests_and_scripts(add_problem, tmp_path):
    results = run(add_problem, "import numpy as np\n" + ADD["solution.py"], tmp_path)
    assert results["error"]["line"] == 1
    assert "runs plain Python in your browser, and numpy isn't available" in results["error"]["message"]
    script = run_script("from scipy.special import expit\n", tmp_path / "s")
    assert "scipy isn't available" in script["error"]["message"]
