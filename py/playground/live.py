"""What a run sends the page while it runs, and the settings the page gave it for that.

In the browser `send` is a function of the worker's (static/run/worker.js) that posts the JSON text it is given
as one {type: "plot"} message for the run in progress, and nothing else. Under CPython it is None unless a test
gives one. Plugins read `live` during a run; the harness connects it for the run's length.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

GRID = 16  # the boundary grid's points per side, when the page does not say


class Live:
    def __init__(self) -> None:
        self.send: Callable[[str], object] | None = None
        self.grid = GRID


live = Live()


@contextmanager
def connected(send: Callable[[str], object] | None, grid: int | None = None) -> Iterator[Live]:
    """live, sending through send for as long as the block runs."""
    live.send, live.grid = send, int(grid or GRID)
    try:
        yield live
    finally:
        live.send, live.grid = None, GRID
