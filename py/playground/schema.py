"""The one result schema: what every run answers, tests or script, finished, failed to load, stopped or crashed.

Python fills it for the runs it sees through; the page (static/run/runner-client.js) fills it for the ones
Python cannot answer (a crash, a stop that needed a fresh Python, a run cancelled while Python loaded). The
page renders from these fields alone. Its twin, for JavaScript, is static/results/schema.js.

Sentences stay out of it where the page can say them better: a stopped test is `outcome: "stopped"` with
the line it was on, and the page words it ("Stopped by you before this test finished...").
"""

from typing import Literal, TypedDict

VERSION = 3

Status = Literal[
    "finished",  # the tests ran (whatever their verdicts), or the script ran to its end
    "error",  # the learner's code did not load, raised (a script), or broke the harness: see `error`
    "stopped",  # Stop or the time limit interrupted it: see `stopped`
    "crashed",  # Python itself failed (set by the page): see `error`
]

Outcome = Literal[
    "passed",
    "failed",  # an assertion of the test did not hold
    "error",  # the learner's code raised, or does not define what the test needs
    "stopped",  # it was running when the run was stopped
    "not_run",  # it never started (the run was stopped first, or the code did not load)
    "pending",  # the page's own: not run yet
]


class Error(TypedDict):
    type: str  # the exception's name, or "HarnessError" / "PythonFailure" (page)
    line: int | None  # in the learner's code
    message: str
    traceback: str  # the learner's own frames only


class Stopped(TypedDict):
    reason: Literal["user", "time"] | None  # None from Python: the page knows which interrupt it sent
    phase: Literal["waiting", "loading", "testing", "running"]
    # waiting: Python was not ready, nothing ran; loading: the learner's module was being imported;
    # testing: the tests were running; running: a script was running
    line: int | None  # the line of the learner's code that was running, when it was in their code
    restarted: bool  # the page replaced Python to stop it (then nothing came back from Python)


class TestResult(TypedDict):
    id: str  # the test function's name
    name: str  # its display name, from problem.json
    tier: Literal["required", "challenge"]
    outcome: Outcome
    message: str  # why it failed; "" when it passed, or when `shared_message` says it
    output: str  # what the learner's code printed during it
    duration: float  # seconds
    line: int | None  # the line of the learner's code the failure points at
    traceback: str
    graph: dict | None  # autograd plugin: the graph its backward() ran on (playground.plugins.autograd.graph)
    hint: str | None  # from problem.json
    progress: dict | None  # a stopped test: how far it got, from a plugin: {"what": "backward() calls", "count": 137}


class Count(TypedDict):
    passed: int
    total: int


class Timings(TypedDict):
    total: float  # seconds in Python, the whole run


class Boundary(TypedDict):
    x: list[float]  # [low, high] of the grid
    y: list[float]
    n: int  # points per side, as the page asked
    values: list[float]  # predict on the grid, row by row from the bottom: above 0 is the label 1's side
    points: list[list[float]]  # the data, [x1, x2]
    labels: list[float]
    accuracy: float | None  # the share of the points on their label's side; None while the code runs


class Plot(TypedDict):
    steps: list[int]  # every plot_loss call's step (the first 100,000), in order
    losses: list[float]
    count: int  # plot_loss calls
    last: list[float] | None  # [step, loss] of the last call
    total: int | None  # the steps the training said it would take
    boundary: Boundary | None  # the last plot_boundary


class Result(TypedDict):
    version: int  # VERSION
    kind: Literal["tests", "script"]
    problem: str | None  # the problem's id
    status: Status
    error: Error | None
    stopped: Stopped | None
    output: str  # printed outside any test: while the code loaded (tests), or all of it (script)
    tests: list[TestResult]  # every test of the problem, in problem.json's order; [] for a script
    passed: int  # required tests only
    total: int
    challenge: Count
    solved: bool  # every required test passed
    shared_message: str | None  # applies to every test that did not pass: said once, above the list
    graphs: list[dict]  # script: what draw(v) drew
    plot: Plot | None  # plots plugin: what plot_loss and plot_boundary drew, as far as the run got
    timings: Timings


def new_result(kind: Literal["tests", "script"], problem: str | None) -> Result:
    """A Result with nothing in it yet: the runs fill it in."""
    return {"version": VERSION, "kind": kind, "problem": problem, "status": "finished", "error": None,
            "stopped": None, "output": "", "tests": [], "passed": 0, "total": 0,
            "challenge": {"passed": 0, "total": 0}, "solved": False, "shared_message": None, "graphs": [],
            "plot": None, "timings": {"total": 0.0}}


def stopped(phase: Literal["loading", "testing", "running"], line: int | None) -> Stopped:
    return {"reason": None, "phase": phase, "line": line, "restarted": False}
