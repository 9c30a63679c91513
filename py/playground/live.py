"""What a run sends the page while it runs: each plugin's data for its view, live.

In the browser `post` is a function of the worker's (static/run/worker.js) that posts the JSON text it is given
as one {type: "live", plugin, data} message for the run in progress, and nothing else. Under CPython it is None
unless a test gives one. Plugins send through Plugin.send_live during a run; the harness connects it for the run's
length.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from json import dumps  # taken before learner code, which may replace json.dumps


class Live:
    def __init__(self) -> None:
        self.post: Callable[[str], object] | None = None

    @property
    def connected(self) -> bool:
        """Whether a page listens: when not, a plugin need not make what it would send."""
        return self.post is not None

    def send(self, plugin: str, data: dict) -> None:
        if self.post is not None:
            self.post(dumps({"plugin": plugin, "data": data}))


live = Live()


@contextmanager
def connected(post: Callable[[str], object] | None) -> Iterator[Live]:
    """live, posting through post for as long as the block runs."""
    live.post = post
    try:
        yield live
    finally:
        live.post = None
