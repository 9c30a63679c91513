"""The harness inside real Pyodide (the npm package) under Node, with the bundle and standard library the page
ships: one Node process, one Pyodide boot, runs every case of this file (tests/pyodide/run_harness.mjs)."""

import json
import subprocess

import pytest
from test_imports import ENGINE_ADVICE, KARPATHY_NN, LABEL_ADVICE

from playground.schema import VERSION
from problems import ROOT, first_problem

# The cases are autograd engines: they run against the track's first problem that turns the plugin on.
PROBLEM = first_problem("autograd")
VARIANTS = PROBLEM.expectations
EXPECTATIONS = {name: e for name, e in VARIANTS.items() if not e.get("correct")}
CORRECT_EXPECTATIONS = {name: e for name, e in VARIANTS.items() if e.get("correct")}
METHOD_RULES = PROBLEM.mistakes["method_rules.py"]
# A chain of 100,000 Values made at import and freed when the run ends: without care, freeing it is a
# C-level recursion 100,000 deep, which kills Pyodide.
FREED_CHAIN = METHOD_RULES + "\nchain = Value(1.0)\nfor _ in range(100_000):\n    chain = chain + Value(1.0)\n"
RECURSIVE_REPR = METHOD_RULES + (
    "\n    def __repr__(self):\n        return f'Value({self.data}, {self._prev!r})'\n\n"
    "v = Value(1.0)\nfor _ in range(5_000):\n    v = v + Value(1.0)\ntext = repr(v)\n")
SOLUTION = PROBLEM.solution
OPERATOR_RECURSION = SOLUTION.replace(
    "def __mul__(self, other):", "def __mul__(self, other):\n        return other * self", 1)
RAISED_LIMIT = ("import sys\nsys.setrecursionlimit(10**6)\n\nclass Value:\n"
                "    def __add__(self, other):\n        return self + other\n\nValue() + Value()\n")
SYNTAX_ERROR = "class Value:\n    def __init__(self, data):\n        self.data = (data\n\n    def relu(self):\n"

pytestmark = pytest.mark.pyodide


# Smaller cases from the issue "Learner code can't reach the page", with what the learner must read.
ODD = {
    "raises KeyboardInterrupt": (
        SOLUTION.replace("def relu(self):", "def relu(self):\n        raise KeyboardInterrupt", 1),
        "raised KeyboardInterrupt"),
    "calls pytest.exit": (
        "import pytest\n" + SOLUTION.replace("def relu(self):", "def relu(self):\n        pytest.exit()", 1),
        "called pytest.exit()"),
    "calls input": ("name = input()\n" + SOLUTION, "no keyboard"),
    "a 30 MB message": ("raise ValueError('x' * 30_000_000)\n", "more characters"),
    "imports numpy": ("import numpy as np\n" + SOLUTION, "runs plain Python in your browser, and numpy isn't"),
}
# Modules of the lazy archive (scripts/precompile.py): fetched at the first import, in the middle of a run.
LAZY_IMPORTS = ("import xml.dom.minidom, email.mime.text, unittest, packaging.version, statistics\n"
                "assert xml.dom.minidom.parseString('<a><b/></a>').documentElement.tagName == 'a'\n"
                "assert all('python_lazy.zip' in m.__file__ for m in (xml, email.mime.text, unittest, packaging))\n"
                "assert 'python_lazy.zip' not in statistics.__file__  # commonly used: in the boot archive\n")
FRACTIONS = "from fractions import Fraction\n" + SOLUTION.replace(
    "self.data = data", "self.data = Fraction(data)", 1).replace("self.grad = 0.0", "self.grad = Fraction(0)", 1)


def cases() -> list[dict]:
    named = [
        {"name": "reference", "code": SOLUTION},
        {"name": "starter", "code": PROBLEM.starter},
        {"name": "syntax error", "code": SYNTAX_ERROR},
        {"name": "defines nothing", "code": "x = 1\n"},
        *({"name": name, "code": PROBLEM.mistakes[name]} for name in EXPECTATIONS),
        {"name": "operator recursion", "code": OPERATOR_RECURSION},
        {"name": "plain recursion", "code": "def f(n):\n    return f(n + 1)\n\nf(0)\n"},
        {"name": "raised recursion limit", "code": RAISED_LIMIT},
        *({"name": name, "code": PROBLEM.mistakes[name]} for name in CORRECT_EXPECTATIONS),
        {"name": "freed chain", "code": FREED_CHAIN},
        {"name": "recursive repr", "code": RECURSIVE_REPR},
        *({"name": name, "code": code} for name, (code, _) in ODD.items()),
        {"name": "fractions", "code": FRACTIONS},
        {"name": "lazy standard library", "code": LAZY_IMPORTS + SOLUTION},
        {"name": "reference again", "code": SOLUTION},
    ]
    pasted = [  # Karpathy's micrograd/nn.py as it is, against the MLP problem (tests/test_imports.py)
        {"name": "karpathy nn.py", "code": KARPATHY_NN, "problem": "mlp"},
        {"name": "micrograd import", "code": KARPATHY_NN.replace("micrograd.engine", "micrograd"), "problem": "mlp"},
        {"name": "label keyword", "code": KARPATHY_NN + "\nx = Value(2.0, label='x')\n", "problem": "mlp"},
    ]
    return [{**case, "problem": PROBLEM.id} for case in named] + pasted


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory):
    """Boot Pyodide once and run every case through the harness, as the page's worker would."""
    if not (ROOT / "build" / "public" / "manifest.json").exists():
        pytest.fail("build/public is missing: run `make build` (make test does it first)")
    request = tmp_path_factory.mktemp("pyodide") / "cases.json"
    request.write_text(json.dumps(cases()))
    done = subprocess.run(
        # Node's default stack is smaller than Chromium's worker: 1,500 KB gives the same depths
        # (operator recursion fine at 400, fatal at 600, measured with both)
        ["node", "--stack-size=1500", str(ROOT / "tests" / "pyodide" / "run_harness.mjs"), str(request)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def outcomes(results: dict) -> dict[str, str]:
    return {t["id"]: t["outcome"] for t in results["tests"]}


def test_runs_inside_pyodide_with_pytest_from_the_bundle(pyodide_run):
    timings = pyodide_run["timings"]
    print(f"\nPyodide boot and harness {timings['bootMs']:.0f} ms, runs:",
          ", ".join(f"{r['name']} {r['ms']:.0f} ms" for r in timings["runs"]))
    assert pyodide_run["results"]["reference"]["problem"] == PROBLEM.id


@pytest.mark.parametrize("name", ["reference", "reference again", "lazy standard library"])
def test_reference_passes_everything(pyodide_run, name):
    results = pyodide_run["results"][name]
    assert (results["version"], results["status"], results["error"]) == (VERSION, "finished", None)
    assert set(outcomes(results).values()) == {"passed"}, results
    assert results["passed"] == results["total"] >= 4


def test_starter_passes_nothing_and_says_why(pyodide_run):
    results = pyodide_run["results"]["starter"]
    assert results["passed"] == 0
    for test in results["tests"]:
        assert test["outcome"] in {"failed", "error"}
        assert test["message"]
    assert "return a new Value" in results["shared_message"]


def test_code_that_defines_nothing_is_told_what_is_missing_not_stopped(pyodide_run):
    """Hidden tests that import a name the code lacks: said in words, never taken for a Stop."""
    results = pyodide_run["results"]["defines nothing"]
    assert results["status"] != "stopped" and results["stopped"] is None
    assert len(results["tests"]) == len(PROBLEM.meta["tests"]) and results["passed"] == 0
    said = " ".join([(results["error"] or {}).get("message", ""), results["shared_message"] or "",
                     *(t["message"] for t in results["tests"])])
    assert all(f"does not define `{name}`" in said for name in PROBLEM.meta["defines"]), said


def test_syntax_error_names_its_line(pyodide_run):
    results = pyodide_run["results"]["syntax error"]
    assert results["error"]["type"] == "SyntaxError"
    assert results["error"]["line"] == 3
    assert "line 3" in results["error"]["message"]
    assert results["status"] == "error"
    assert set(outcomes(results).values()) == {"not_run"}  # the code did not load


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


@pytest.mark.parametrize("engine", sorted(CORRECT_EXPECTATIONS))
def test_independent_correct_engines_solve_the_problem(pyodide_run, engine):
    """Karpathy's shape (recursive topological sort, set children) and rules kept as methods."""
    results = pyodide_run["results"][engine]
    assert results["solved"] is True, results
    assert results["passed"] == results["total"]
    failed = {t["id"] for t in results["tests"] if t["outcome"] != "passed"}
    assert failed == set(CORRECT_EXPECTATIONS[engine]["fails"])
    for test in results["tests"]:
        if test["id"] in failed:
            assert test["tier"] == "challenge"
            assert "recursion limit" in test["message"] and test["hint"]


def test_a_long_chain_freed_at_the_end_does_not_crash(pyodide_run):
    results = pyodide_run["results"]["freed chain"]
    assert results["error"] is None and results["solved"] is True


def test_deep_repr_is_a_recursion_error_not_a_crash(pyodide_run):
    """repr() calling repr() recurses through C: Python's C-stack guard stops it, not the browser."""
    error = pyodide_run["results"]["recursive repr"]["error"]
    assert error["type"] == "RecursionError", error
    assert error["line"] is not None


@pytest.mark.parametrize("case", sorted(ODD))
def test_odd_code_gets_its_own_message_and_is_not_a_stop(pyodide_run, case):
    results = pyodide_run["results"][case]
    assert results["status"] != "stopped" and results["stopped"] is None
    said = " ".join([(results["error"] or {}).get("message", ""), results["shared_message"] or "",
                     *(t["message"] for t in results["tests"])])
    assert ODD[case][1] in said
    assert len(json.dumps(results)) < 200_000


def test_fractions_are_numbers_too(pyodide_run):
    assert pyodide_run["results"]["fractions"]["solved"] is True


def test_karpathy_nn_pasted_as_it_is_passes_the_mlp_problem(pyodide_run):
    """`from micrograd.engine import Value` imports the provided engine (problem.json's "aliases")."""
    results = pyodide_run["results"]["karpathy nn.py"]
    assert results["error"] is None and results["solved"] is True, results["error"]


def test_other_imports_and_keywords_of_the_engine_say_what_to_write(pyodide_run):
    assert pyodide_run["results"]["micrograd import"]["error"]["message"].endswith(ENGINE_ADVICE)
    assert pyodide_run["results"]["label keyword"]["error"]["message"].endswith(LABEL_ADVICE)


def test_a_snapshot_taken_on_any_first_visit_restores():
    """Pyodide restores no snapshot of a heap that grew past its first 30 MiB, and a problem's starter that trains
    grows it: the snapshot is taken before any problem's code runs, so a return visit restores whichever problem
    the first visit opened."""
    from problems import all_problems

    archives = sorted((ROOT / "dist" / "v").glob("problem-*.zip"))
    assert {path.name.split("-")[1] for path in archives} == {p.id for p in all_problems()}, "make build first"
    done = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "snapshot_round_trip.mjs"), *map(str, archives)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    reports = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert sorted(r["id"] for r in reports) == sorted(p.id for p in all_problems())
    failed = [r for r in reports if not r["restored"]]
    assert not failed, failed
