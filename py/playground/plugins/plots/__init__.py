"""The plots plugin: plot_loss(step, loss, total=None) and plot_boundary(score, X, y), without an import, in
tests and in Run code. The page draws a loss curve and a decision boundary while the code trains: two classes'
(score(x) a number, labels 1 and -1) or more (score(x) a list of class scores, labels 0, 1, 2, …).

While the code runs, updates go to the page (send_live), throttled (throttle.py): at most one every ~0.1 s,
always the latest state; the page's view is static/plugins/plots/. The run's Result keeps the whole plot (its
plugins.plots), every plot_loss call's point, so a stopped run keeps what it drew.
"""

from pathlib import Path

from playground.live import live
from playground.plugins import Plugin as Base
from playground.plugins.plots.boundary import boundary
from playground.plugins.plots.checks import class_scores_of, loss_of, points_of, step_of, total_of
from playground.plugins.plots.throttle import Throttle

MAX_POINTS = 100_000  # points of the curve kept; later calls still count, and still say the last loss
GRID = 16  # the boundary's grid: points per side (the page draws as many as it gets)


class Plugin(Base):
    def __init__(self, name: str, options: dict) -> None:
        super().__init__(name, options)
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.count = 0  # plot_loss calls in this training
        self.last: list[float] | None = None  # [step, loss] of the last call
        self.total: int | None = None
        self.boundary: dict | None = None
        self.pending = None  # plot_boundary's arguments, not evaluated yet: the throttle said wait
        self.data = None  # (X, y, points, labels): the last data plot_boundary was given, checked
        self.sent = 0  # points of the curve the page has
        self.boundary_sent = True
        self.curve_updates = Throttle(interval=0.1, share=0.02)
        # The learner's score on the grid costs as much as a few training steps: rarely, and the last one at the end.
        self.boundary_updates = Throttle(interval=1.0, share=0.03, wait_first=True)

    def builtins(self, script: Path | None) -> dict[str, object]:
        def plot_loss(step, loss, total=None) -> None:
            """Add the loss after `step` to the loss curve; total: how many steps training will take."""
            self.add_loss(step, loss, total)

        def plot_boundary(score, X, y) -> None:
            """Show the regions score draws over the points X, labels y: a score above 0 is label 1's side; or, when
            score(x) is a list of class scores, each place is the class with the largest."""
            self.add_boundary(score, X, y)

        return {"plot_loss": plot_loss, "plot_boundary": plot_boundary}

    def add_loss(self, step, loss, total) -> None:
        step = step_of(step)
        loss = loss_of(loss, step)
        total = total_of(total)
        if self.last is not None and step <= self.last[0]:  # training started again
            self.steps, self.losses, self.count, self.sent = [], [], 0, 0
        self.count += 1
        self.last = [step, loss]
        self.total = total if total is not None else self.total
        if len(self.steps) < MAX_POINTS:
            self.steps.append(step)
            self.losses.append(loss)
        if self.curve_updates.due():
            with self.curve_updates.timed():
                self.send()

    def add_boundary(self, score, X, y) -> None:
        if not callable(score):
            raise TypeError(f"plot_boundary(score, X, y): score should be a function of a point, such as "
                            f"lambda x: model(x); got {score!r}")
        if self.data is None or self.data[0] is not X or self.data[1] is not y:  # checked once, not every step
            self.data = (X, y, *points_of(X, y))
            class_scores_of(score(list(self.data[2][0])), self.data[2][0])  # a score that fails says so here
        self.pending = (score, *self.data[2:])
        if self.boundary_updates.due():
            with self.boundary_updates.timed():
                self.evaluate_pending(final=False)
                self.send()

    def evaluate_pending(self, final: bool) -> None:
        score, points, labels = self.pending
        self.pending = None
        self.boundary = boundary(score, points, labels, GRID, accuracy=final)
        self.boundary_sent = False

    def flush(self) -> None:
        """The learner's code is done: the last boundary asked for, on the model as it is now, and the last points."""
        if self.pending is not None:
            try:
                self.evaluate_pending(final=True)
            except Exception:  # noqa: BLE001 — the model changed since it was asked for: keep the last one drawn
                pass
        self.send()

    def send(self) -> None:
        """The page's plot, brought up to date: the points it does not have, the boundary if it changed."""
        if not live.connected or (self.sent == len(self.steps) and self.boundary_sent):
            return
        update = {"from": self.sent, "steps": self.steps[self.sent:], "losses": self.losses[self.sent:],
                  **self.summary()}
        if not self.boundary_sent:
            update["boundary"] = self.boundary
        self.send_live(update)
        self.sent, self.boundary_sent = len(self.steps), True

    def summary(self) -> dict:
        return {"count": self.count, "last": self.last, "total": self.total}

    def test_done(self, verdict: dict) -> None:
        self.flush()

    def script_done(self) -> None:
        self.flush()

    def run_result(self) -> dict:
        if not self.count and self.boundary is None:
            return {}
        return {"steps": self.steps, "losses": self.losses, **self.summary(), "boundary": self.boundary}
