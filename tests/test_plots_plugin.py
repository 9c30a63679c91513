"""The plots plugin under CPython: what plot_loss and plot_boundary accept and say, the throttled updates, and
the plot the Result keeps (every reported step)."""

import json

import pytest

from playground.plugins import plots
from playground.plugins.plots import MAX_POINTS, Plugin
from playground.plugins.plots import throttle as throttle_module
from playground.script import run_script
from problems import first_problem

PLOTTING = first_problem("plots")


class Clock:
    """time.perf_counter for the throttle, moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle_module.time, "perf_counter", clock)
    return clock


def script(source: str, tmp_path, send=None) -> dict:
    return run_script(source, tmp_path / "work", PLOTTING.folder, send=send)


def plot_of(result: dict) -> dict:
    return result["plugins"]["plots"]


def updates_in(sent: list[str]) -> list[dict]:
    """What the plugin sent live, each {"plugin": "plots", "data": update}: the updates."""
    messages = [json.loads(text) for text in sent]
    assert {message["plugin"] for message in messages} == {"plots"}
    return [message["data"] for message in messages]


@pytest.mark.parametrize(("call", "says"), [
    ("plot_loss(3, float('nan'))", "the loss at step 3 is nan, not a finite number"),
    ("plot_loss(4, float('inf'))", "the loss at step 4 is inf, not a finite number"),
    ("plot_loss(5, '0.5')", "the loss at step 5 should be a number (or a Value); got the string '0.5'"),
    ("plot_loss('one', 0.5)", "step should be a whole number, 0 or more; got the string 'one'"),
    ("plot_loss(1, 0.5, total=0)", "total should be the number of steps, 1 or more; got 0 (a int)"),
    ("plot_boundary(lambda x: 1, [[0, 1]], [1, 2])", "one label per point; got 1 points and 2 labels"),
    ("plot_boundary(lambda x: 1, [[0, 'a']], [1])", "each point of X should be [x1, x2], two finite numbers"),
    ("plot_boundary(lambda x: 'yes', [[0, 1]], [1])", "score(["),
    ("plot_boundary(lambda x: [1.0], [[0, 1]], [0])", "returned 1 class scores; a list needs one per class, 2 or more"),
    ("plot_boundary(lambda x: [1.0, 'a'], [[0, 1]], [0])", "should return a number (or a Value), or a list"),
])
def test_bad_input_gets_a_message_that_names_it(tmp_path, call, says):
    result = script(f"x = 1\n{call}\n", tmp_path)
    assert result["status"] == "error" and result["error"]["line"] == 2
    assert says in result["error"]["message"], result["error"]["message"]


def test_a_value_stands_for_its_data(tmp_path):
    source = "class V:\n    def __init__(self, data):\n        self.data = data\n\nplot_loss(1, V(0.25), total=2)\n"
    plot = plot_of(script(source, tmp_path))
    assert plot["steps"] == [1] and plot["losses"] == [0.25] and plot["last"] == [1, 0.25] and plot["total"] == 2


def test_updates_are_throttled_and_add_up_to_every_point(tmp_path, clock):
    plugin, sent = Plugin("plots", {}), []
    from playground.live import connected
    with connected(sent.append):
        plot_loss = plugin.builtins(None)["plot_loss"]
        for step in range(1, 10_001):
            clock.now += 0.001  # a step every millisecond: ten seconds of training
            plot_loss(step, 1 / step, total=10_000)
        plugin.flush()
    updates = updates_in(sent)
    assert 50 <= len(updates) <= 110  # about one per 0.1 s, and a last one
    steps = []
    for update in updates:
        assert update["from"] == len(steps)
        steps += update["steps"]
    assert steps == list(range(1, 10_001))
    assert updates[-1]["last"] == [10_000, 1 / 10_000] and updates[-1]["count"] == 10_000


def test_the_result_keeps_every_step_and_a_restart_begins_a_new_curve(tmp_path):
    source = ("for k in range(1, 6):\n    plot_loss(k, 10 - k)\n"
              "for k in range(1, 4):\n    plot_loss(k, 1 / k, total=3)\n")
    plot = plot_of(script(source, tmp_path))
    assert plot["steps"] == [1, 2, 3] and plot["count"] == 3 and plot["total"] == 3


def test_the_curve_keeps_at_most_max_points_and_counts_every_call(tmp_path):
    plot = plot_of(script(f"for k in range({MAX_POINTS + 5}):\n    plot_loss(k, 1.0)\n", tmp_path))
    assert len(plot["steps"]) == MAX_POINTS and plot["count"] == MAX_POINTS + 5
    assert plot["last"] == [MAX_POINTS + 4, 1.0]


def test_the_boundary_is_the_score_on_a_grid_over_the_points(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "GRID", 5)
    source = ("X = [[0, 0], [1, 1], [0, 1], [1, 0]]\ny = [1, -1, -1, 1]\n"
              "plot_boundary(lambda x: x[0] - x[1] + 0.5, X, y)\n")
    boundary = plot_of(script(source, tmp_path))["boundary"]
    assert boundary["n"] == 5 and len(boundary["values"]) == 25
    assert boundary["x"] == pytest.approx([-0.1, 1.1]) and boundary["y"] == pytest.approx([-0.1, 1.1])
    assert boundary["values"][0] == pytest.approx(0.5)  # the bottom-left corner, first
    assert boundary["values"][4] == pytest.approx(1.7)  # the bottom-right corner
    assert boundary["accuracy"] == 0.75  # [1, 1] scores 0.5, label 1's side, but its label is -1


def test_with_class_scores_the_boundary_is_the_class_each_place_picks(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "GRID", 3)
    source = ("X = [[0, 0], [2, 0], [0, 2], [2, 2]]\ny = [0, 1, 2, 2]\n"
              "plot_boundary(lambda x: [1.0, x[0] - 0.5, x[1] - 0.5], X, y)\n")
    boundary = plot_of(script(source, tmp_path))["boundary"]
    assert boundary["classes"] == 3 and boundary["n"] == 3
    # rows from the bottom: at y = -0.2, 1 and 2.2, x = -0.2, 1 and 2.2; the largest of [1, x - 0.5, y - 0.5] wins
    assert boundary["values"] == [0, 0, 1, 0, 0, 1, 2, 2, 1]
    assert boundary["accuracy"] == 0.75  # [2, 2] picks class 1 (a tie with 2 goes to the first), its label is 2


def test_two_classes_keep_their_scores(tmp_path):
    source = "plot_boundary(lambda x: x[0], [[0, 0], [1, 1]], [-1, 1])\n"
    assert plot_of(script(source, tmp_path))["boundary"]["classes"] is None


def test_the_last_boundary_asked_for_is_drawn_on_the_final_model(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(plots, "GRID", 2)
    # The throttle lets the first plot_boundary through and holds the rest: at the end the last one is drawn,
    # with the model as it is then.
    source = ("X, y = [[0, 0], [1, 1]], [1, -1]\nw = [1.0]\n"
              "for k in range(1, 4):\n    w[0] = -k\n    plot_boundary(lambda x: w[0] * (x[0] - 0.5), X, y)\n")
    plot = plot_of(script(source, tmp_path))
    assert plot["boundary"]["values"] == [pytest.approx(v) for v in [1.8, -1.8, 1.8, -1.8]]
    assert plot["boundary"]["accuracy"] == 1.0


def test_the_reference_streams_its_curve_during_the_tests(tmp_path):
    from playground import run_tests
    sent = []
    result = run_tests(PLOTTING.folder, PLOTTING.solution, tmp_path / "work", send=sent.append)
    assert result["solved"]
    plot = plot_of(result)
    assert plot["count"] == plot["total"] == len(plot["steps"]) and plot["boundary"]["n"] == plots.GRID
    streamed = []
    for update in updates_in(sent):
        streamed = streamed[:update["from"]] + update["steps"]
    assert streamed == plot["steps"]
    assert any("boundary" in update for update in updates_in(sent))
