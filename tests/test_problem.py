"""Checks the basic_autograd problem data under plain CPython: the hidden tests pass the reference
solution, fail the starter, and catch each common mistake in tests/mistakes/ with a clear message."""

import ast
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = ROOT / "py" / "problems" / "basic_autograd"
HIDDEN_TESTS = PROBLEM / "test_basic_autograd.py"
MISTAKES = Path(__file__).resolve().parent / "mistakes"
EXPECTATIONS = json.loads((MISTAKES / "expectations.json").read_text())
META = json.loads((PROBLEM / "problem.json").read_text())

CORRECT = Path(__file__).resolve().parent / "correct"
CORRECT_EXPECTATIONS = json.loads((CORRECT / "expectations.json").read_text())

CANDIDATES = {
    "solution.py": PROBLEM / "solution.py",
    "starter.py": PROBLEM / "starter.py",
    **{name: MISTAKES / name for name in EXPECTATIONS},
    **{name: CORRECT / name for name in CORRECT_EXPECTATIONS},
}
CHALLENGES = {t["id"] for t in META["tests"] if t.get("tier") == "challenge"}


def run_hidden_tests(source: Path, workdir: Path) -> dict:
    """Run the hidden tests against `source` saved as submission.py; {test_id: (outcome, message)}."""
    # A folder of its own, with an empty pytest.ini, keeps the repo's config and caches out of it.
    shutil.copy(source, workdir / "submission.py")
    shutil.copy(HIDDEN_TESTS, workdir / HIDDEN_TESTS.name)
    (workdir / "pytest.ini").write_text("[pytest]\n")
    junit = workdir / "junit.xml"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    env["PYTHONPATH"] = str(workdir)
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # like Pyodide: plain pytest, no installed plugins
    subprocess.run(
        [sys.executable, "-m", "pytest", HIDDEN_TESTS.name, "-q", "-p", "no:cacheprovider",
         f"--junitxml={junit}"],
        cwd=workdir, env=env, capture_output=True, timeout=120,
    )
    results = {}
    for case in ET.parse(junit).iter("testcase"):
        problem = next((case.find(tag) for tag in ("failure", "error", "skipped")
                        if case.find(tag) is not None), None)
        if problem is None:
            results[case.get("name")] = ("passed", "")
        else:
            outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[problem.tag]
            results[case.get("name")] = (outcome, f"{problem.get('message')}\n{problem.text}")
    return results


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every candidate's results, run in parallel to keep this file quick."""
    def run(name):
        return name, run_hidden_tests(CANDIDATES[name], tmp_path_factory.mktemp(name[:-3]))
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(run, CANDIDATES))


def hidden_test_ids():
    tree = ast.parse(HIDDEN_TESTS.read_text())
    return [node.name for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test")]


def load_value_class(path):
    namespace = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # leaves no __pycache__ in py/
    return namespace["Value"]


def test_problem_json_lists_the_hidden_tests_in_file_order():
    assert [t["id"] for t in META["tests"]] == hidden_test_ids()
    assert all(t["name"].strip() for t in META["tests"])
    assert [t["name"] for t in META["tests"][:4]] == [
        "Reference example: ReLU on a negative value zeros all gradients",
        "Product-plus-self gradient: z = x*y + x",
        "ReLU forward and gradient for a positive input",
        "Gradient accumulates when a value is reused: y = x + x",
    ]
    assert (META["id"], META["title"], META["difficulty"], META["module"]) == (
        "basic_autograd", "Basic autograd operations", "Medium", "submission")


def test_problem_json_sets_the_time_limit_the_page_stops_a_run_at():
    assert META["time_limit_seconds"] == 10  # a number of seconds; the page names it when it stops a run


def test_reference_solution_passes_everything(outcomes):
    results = outcomes["solution.py"]
    assert set(results) == set(hidden_test_ids())
    failed = {k: v for k, v in results.items() if v[0] != "passed"}
    assert not failed


def test_starter_fails_everything(outcomes):
    results = outcomes["starter.py"]
    assert set(results) == set(hidden_test_ids())
    assert all(outcome == "failed" for outcome, _ in results.values()), results


@pytest.mark.parametrize("mistake", sorted(EXPECTATIONS))
def test_mistake_fails_exactly_its_tests(outcomes, mistake):
    expected = EXPECTATIONS[mistake]
    results = outcomes[mistake]
    assert set(results) == set(hidden_test_ids())
    assert {k for k, (outcome, _) in results.items() if outcome == "failed"} == set(expected["fails"])
    assert all(results[k][0] == "passed" for k in results if k not in expected["fails"])
    assert expected["message_contains"]
    for test_id, text in expected["message_contains"].items():
        assert test_id in expected["fails"]
        assert text in results[test_id][1]


@pytest.mark.parametrize("engine", sorted(CORRECT_EXPECTATIONS))
def test_independent_correct_engines_pass_every_required_test(outcomes, engine):
    """Under plain CPython and pytest: written independently of solution.py, in other styles."""
    failed = {k for k, (outcome, _) in outcomes[engine].items() if outcome != "passed"}
    assert failed == set(CORRECT_EXPECTATIONS[engine]["challenges_failed"])
    assert failed <= CHALLENGES


def test_tiers_are_declared_and_the_seeds_four_come_first():
    tiers = [t.get("tier", "required") for t in META["tests"]]
    assert set(tiers) <= {"required", "challenge"}
    assert tiers[:4] == ["required"] * 4
    assert all(t.get("hint") for t in META["tests"] if t.get("tier") == "challenge")


@pytest.mark.parametrize("path", [PROBLEM / "starter.py", PROBLEM / "solution.py"],
                         ids=["starter", "solution"])
def test_value_keeps_the_attributes_a_graph_view_reads(path):
    v = load_value_class(path)(3)
    assert (v.data, v.grad, v._prev, v._op) == (3, 0.0, (), "")
    assert v._backward() is None
    assert repr(v) == "Value(data=3, grad=0.0)"


def test_solution_records_children_in_order():
    Value = load_value_class(PROBLEM / "solution.py")
    a, b = Value(2), Value(3)
    for out, op in ((a + b, "+"), (a * b, "*")):
        assert (out._prev, out._op) == ((a, b), op)
    assert (a.relu()._prev, a.relu()._op) == ((a,), "ReLU")
    assert (2 + a).data == 4 and (a * 2).data == 4 and (2 * a).data == 4


def test_solution_backpropagates_a_chain_of_100000_additions():
    Value = load_value_class(PROBLEM / "solution.py")
    x, one = Value(1.0), Value(1.0)
    y = x
    for _ in range(100_000):
        y = y + one
    y.backward()  # an iterative topological sort: no RecursionError
    assert (y.data, x.grad, one.grad) == (100_001.0, 1.0, 100_000.0)
