"""The harness inside real Pyodide (the npm package) under Node, with the bundle and standard library the page ships."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = ROOT / "py" / "problems" / "basic_autograd"
MISTAKES = ROOT / "tests" / "mistakes"
EXPECTATIONS = json.loads((MISTAKES / "expectations.json").read_text())
SOLUTION = (PROBLEM / "solution.py").read_text()
OPERATOR_RECURSION = SOLUTION.replace(
    "def __mul__(self, other):", "def __mul__(self, other):\n        return other * self", 1)
RAISED_LIMIT = ("import sys\nsys.setrecursionlimit(10**6)\n\nclass Value:\n"
                "    def __add__(self, other):\n        return self + other\n\nValue() + Value()\n")
SYNTAX_ERROR = "class Value:\n    def __init__(self, data):\n        self.data = (data\n\n    def relu(self):\n"

pytestmark = pytest.mark.pyodide


def cases() -> list[dict]:
    return [
        {"name": "reference", "code": SOLUTION},
        {"name": "starter", "code": (PROBLEM / "starter.py").read_text()},
        {"name": "syntax error", "code": SYNTAX_ERROR},
        *({"name": name, "code": (MISTAKES / name).read_text()} for name in EXPECTATIONS),
        {"name": "operator recursion", "code": OPERATOR_RECURSION},
        {"name": "plain recursion", "code": "def f(n):\n    return f(n + 1)\n\nf(0)\n"},
        {"name": "raised recursion limit", "code": RAISED_LIMIT},
        {"name": "reference again", "code": SOLUTION},
    ]


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory):
    """Boot Pyodide once and run every case through the harness, as the page's worker would."""
    if not (ROOT / "build" / "public" / "manifest.json").exists():
        pytest.fail("build/public is missing: run `make build` (make test does it first)")
    request = tmp_path_factory.mktemp("pyodide") / "cases.json"
    request.write_text(json.dumps(cases()))
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "pyodide" / "run_harness.mjs"), str(request)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def outcomes(results: dict) -> dict[str, str]:
    return {t["id"]: t["outcome"] for t in results["tests"]}


def test_runs_inside_pyodide_with_pytest_from_the_bundle(pyodide_run):
    timings = pyodide_run["timings"]
    print(f"\nPyodide boot {timings['bootMs']:.0f} ms, bundle+harness {timings['prepareMs']:.0f} ms, runs:",
          ", ".join(f"{r['name']} {r['ms']:.0f} ms" for r in timings["runs"]))
    assert pyodide_run["results"]["reference"]["problem"] == "basic_autograd"


@pytest.mark.parametrize("name", ["reference", "reference again"])
def test_reference_passes_everything(pyodide_run, name):
    results = pyodide_run["results"][name]
    assert results["error"] is None
    assert set(outcomes(results).values()) == {"passed"}, results
    assert results["passed"] == results["total"] >= 4


def test_starter_passes_nothing_and_says_why(pyodide_run):
    results = pyodide_run["results"]["starter"]
    assert results["passed"] == 0
    for test in results["tests"]:
        assert test["outcome"] in {"failed", "error"}
        assert test["message"]
    assert "return a new Value" in results["tests"][0]["message"]


def test_syntax_error_names_its_line(pyodide_run):
    results = pyodide_run["results"]["syntax error"]
    assert results["error"]["type"] == "SyntaxError"
    assert results["error"]["line"] == 3
    assert "line 3" in results["error"]["message"]
    assert set(outcomes(results).values()) == {"error"}


@pytest.mark.parametrize("mistake", sorted(EXPECTATIONS))
def test_each_mistake_fails_the_right_tests_with_numbers(pyodide_run, mistake):
    expected = EXPECTATIONS[mistake]
    results = pyodide_run["results"][mistake]
    failing = {name for name, outcome in outcomes(results).items() if outcome != "passed"}
    assert failing == set(expected["fails"])
    messages = {t["id"]: t["message"] for t in results["tests"]}
    for test_id, text in expected["message_contains"].items():
        assert text in messages[test_id]


def test_recursion_through_operators_is_a_recursion_error_not_a_crash(pyodide_run):
    """`other * self` inside __mul__ recurses through C; at Python's default limit it kills Pyodide."""
    results = pyodide_run["results"]["operator recursion"]
    line = OPERATOR_RECURSION.splitlines().index("        return other * self") + 1
    product = next(t for t in results["tests"] if t["id"] == "test_product_plus_self")
    assert product["outcome"] == "error"
    assert product["message"].startswith("RecursionError")
    assert f"line {line} of your code" in product["message"]


def test_recursion_at_import_names_the_line(pyodide_run):
    error = pyodide_run["results"]["plain recursion"]["error"]
    assert error["type"] == "RecursionError"
    assert error["line"] == 2


def test_raising_the_recursion_limit_cannot_crash_pyodide(pyodide_run):
    results = pyodide_run["results"]["raised recursion limit"]
    assert results["error"]["type"] == "RecursionError"
    assert pyodide_run["results"]["reference again"]["passed"] == results["total"]
