"""Every problem's data under plain CPython and plain pytest, without our harness: the hidden tests pass the
reference solution, fail the starter, and catch each wrong variant in mistakes/ with the message its
expectations.json says, while each correct variant there passes every required test.
(scripts/check-problems.mjs checks the same through the harness in Pyodide.)"""

import ast
import builtins
import gc
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from problems import ROOT, ProblemFiles, all_problems, first_problem

PROBLEMS = all_problems()
OFFICIAL_FOUR = [  # the seed problem's official tests, first and by their exact names
    "Reference example: ReLU on a negative value zeros all gradients",
    "Product-plus-self gradient: z = x*y + x",
    "ReLU forward and gradient for a positive input",
    "Gradient accumulates when a value is reused: y = x + x",
]


def candidates(problem: ProblemFiles) -> dict[str, str]:
    """The code run against the hidden tests, by name: reference, starter and every variant."""
    return {"solution.py": problem.solution, "starter.py": problem.starter, **problem.mistakes}


TRAINS = 10  # a problem whose time limit is above this many seconds trains a model in its tests


def marks(problem: ProblemFiles) -> list:
    """A problem that trains runs its candidates in `make test`, not in `make test-fast`: seconds each."""
    return [pytest.mark.slow] if problem.meta["time_limit_seconds"] > TRAINS else []


def each_problem() -> list:
    return [pytest.param(p, id=p.id, marks=marks(p)) for p in PROBLEMS]


def variants() -> list:
    return [pytest.param(p, name, id=f"{p.id}/{name}", marks=marks(p)) for p in PROBLEMS for name in p.expectations]


def hidden_test_ids(problem: ProblemFiles) -> list[str]:
    tree = ast.parse(problem.test_file.read_text(encoding="utf-8"))
    return [node.name for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")]


FORK = multiprocessing.get_context("fork")


class Collector:
    """Each test's outcome and message, as pytest reports them (the hook pytest's own junitxml uses)."""

    def __init__(self):
        self.results: dict[str, tuple[str, str]] = {}

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            outcome = "error" if report.when == "setup" and report.failed else report.outcome
            crash = getattr(report.longrepr, "reprcrash", None)
            message = f"{crash.message}\n{report.longreprtext}" if crash else report.longreprtext
            self.results[report.nodeid.split("::")[-1]] = (outcome, message)


def run_in_this_process(problem: ProblemFiles, workdir: Path, send) -> None:
    """In a fork of this process: plain pytest on the hidden tests, in workdir, with what the harness would
    give learner code (the learner's folder, then what the problem provides, and their aliases; the plugins'
    builtins)."""
    os.chdir(workdir)
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # like Pyodide: plain pytest, no installed plugins
    sys.dont_write_bytecode = True
    sys.path[:0] = [str(workdir), str(workdir / "provided"), str(ROOT / "py")]
    from playground import plugins
    from playground.aliases import Aliases
    from playground.limits import LEARNER_GC_THRESHOLD

    sys.meta_path.append(Aliases(problem.meta.get("aliases", {})))  # `from micrograd.engine import Value`

    for plugin in plugins.load(problem.meta.get("plugins", {})):
        for name, value in plugin.builtins(None).items():
            setattr(builtins, name, value)
    gc.set_threshold(LEARNER_GC_THRESHOLD)  # as the harness has it while learner code runs: graphs are all cycles
    collector = Collector()
    with open(os.devnull, "w") as quiet, redirect_stdout(quiet):
        pytest.main([problem.test_file.name, "-q", "-p", "no:cacheprovider"], plugins=[collector])
    send.send(collector.results)


def run_hidden_tests(problem: ProblemFiles, source: str, workdir: Path) -> dict[str, tuple[str, str]]:
    """Run the hidden tests against source, saved as the problem's module; {test_id: (outcome, message)}."""
    # The problem's folder (its helpers too, not its answers) in a folder of its own, each module it provides
    # in provided/, with an empty pytest.ini that keeps the repo's config and caches out of it.
    shutil.copytree(problem.folder, workdir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("solution.py", "mistakes", "provided", "__pycache__"))
    (workdir / "provided").mkdir(exist_ok=True)
    for name, path in problem.provided.items():
        shutil.copy(path, workdir / "provided" / name)
    (workdir / f"{problem.meta['module']}.py").write_text(source, encoding="utf-8")
    (workdir / "pytest.ini").write_text("[pytest]\n")
    receive, send = FORK.Pipe(duplex=False)
    child = FORK.Process(target=run_in_this_process, args=(problem, workdir, send))
    child.start()
    send.close()
    results = receive.recv() if receive.poll(300) else {}
    child.kill()
    child.join()
    return results


class Outcomes:
    """{(problem id, file name): results} for every candidate of a problem, run two at a time when a test first
    asks for one of that problem's."""

    def __init__(self, workdirs) -> None:
        self.workdirs = workdirs
        self.results: dict[tuple[str, str], dict] = {}

    def __getitem__(self, key: tuple[str, str]) -> dict:
        if key not in self.results:
            (problem,) = [p for p in PROBLEMS if p.id == key[0]]

            def run(job):
                name, code = job
                return (problem.id, name), run_hidden_tests(problem, code, self.workdirs.mktemp(problem.id))

            with ThreadPoolExecutor(max_workers=2) as pool:
                self.results |= dict(pool.map(run, candidates(problem).items()))
        return self.results[key]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> Outcomes:
    tmp_path_factory.getbasetemp()  # made once, here: under pytest-xdist two threads making it would race
    return Outcomes(tmp_path_factory)


def failing(results: dict) -> set[str]:
    return {test_id for test_id, (outcome, _) in results.items() if outcome != "passed"}


def load_value_class(path: Path):
    namespace = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # no __pycache__ in py/
    return namespace["Value"]


def test_problems_are_found():
    assert PROBLEMS, "no problem folder found"
    assert [p.meta["position"] for p in PROBLEMS] == sorted({p.meta["position"] for p in PROBLEMS})


def test_the_track_starts_with_the_seeds_four_official_tests():
    tests = first_problem().meta["tests"]
    assert [t["name"] for t in tests[:4]] == OFFICIAL_FOUR
    assert all(t.get("tier", "required") == "required" for t in tests[:4])


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_problem_json_lists_every_hidden_test_with_a_name_and_tier(problem):
    assert sorted(t["id"] for t in problem.meta["tests"]) == sorted(hidden_test_ids(problem))
    assert all(t["name"].strip() for t in problem.meta["tests"])
    assert {t.get("tier", "required") for t in problem.meta["tests"]} <= {"required", "challenge"}
    assert all(t.get("hint") for t in problem.challenges), "a challenge test needs a hint"
    assert problem.required, "a problem no one can solve"
    assert 0 < problem.meta["time_limit_seconds"] <= 60


@pytest.mark.parametrize("problem", each_problem())
def test_reference_solution_passes_everything(outcomes, problem):
    results = outcomes[problem.id, "solution.py"]
    assert set(results) == set(hidden_test_ids(problem))
    assert not failing(results), results


@pytest.mark.parametrize("problem", each_problem())
def test_starter_fails_every_required_test_with_a_message(outcomes, problem):
    results = outcomes[problem.id, "starter.py"]
    assert set(results) == set(hidden_test_ids(problem))
    for test in problem.required:
        outcome, message = results[test["id"]]
        assert outcome == "failed" and message.strip(), (test["id"], outcome, message)


@pytest.mark.parametrize(("problem", "variant"), variants())
def test_each_variant_fails_exactly_its_tests(outcomes, problem, variant):
    expected = problem.expectations[variant]
    results = outcomes[problem.id, variant]
    assert set(results) == set(hidden_test_ids(problem))
    assert failing(results) == set(expected["fails"])
    assert all(results[test_id][0] == "failed" for test_id in expected["fails"])  # an assertion, not a crash
    for test_id, text in expected.get("message_contains", {}).items():
        assert text in results[test_id][1]
    required = {t["id"] for t in problem.required}
    if expected.get("correct"):
        assert not failing(results) & required
    else:
        assert failing(results) & required and expected["message_contains"]


VALUE_FILES = [pytest.param(p.folder / name, id=f"{p.id}/{name}")
               for p in PROBLEMS if "Value" in p.meta["defines"] for name in ("starter.py", "solution.py")]
VALUE_SOLUTIONS = [pytest.param(p.folder / "solution.py", id=p.id) for p in PROBLEMS if "Value" in p.meta["defines"]]


@pytest.mark.parametrize("path", VALUE_FILES)
def test_value_keeps_the_attributes_a_graph_view_reads(path):
    v = load_value_class(path)(3)
    assert (v.data, v.grad, v._prev, v._op) == (3, 0.0, (), "")
    assert v._backward() is None
    assert repr(v) == "Value(data=3, grad=0.0)"


@pytest.mark.parametrize("path", VALUE_SOLUTIONS)
def test_solution_records_children_in_order(path):
    Value = load_value_class(path)
    a, b = Value(2), Value(3)
    for out, op in ((a + b, "+"), (a * b, "*")):
        assert (out._prev, out._op) == ((a, b), op)
    assert (a.relu()._prev, a.relu()._op) == ((a,), "ReLU")
    assert (2 + a).data == 4 and (a * 2).data == 4 and (2 * a).data == 4


@pytest.mark.parametrize("path", VALUE_SOLUTIONS)
def test_solution_backpropagates_a_chain_of_100000_additions(path):
    Value = load_value_class(path)
    x, one = Value(1.0), Value(1.0)
    y = x
    for _ in range(100_000):
        y = y + one
    y.backward()  # an iterative topological sort: no RecursionError
    assert (y.data, x.grad, one.grad) == (100_001.0, 1.0, 100_000.0)
