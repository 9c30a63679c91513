"""When to send the page an update: at most once per interval, and never more than a small share of the time."""

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Throttle:
    def __init__(self, interval: float, share: float) -> None:
        self.interval = interval  # seconds between updates, at least
        self.share = share  # of the time, at most, spent making updates
        self.next = 0.0  # the first is due at once

    def due(self) -> bool:
        return time.perf_counter() >= self.next

    @contextmanager
    def timed(self) -> Iterator[None]:
        """Time an update: one that took t seconds waits t * (1 - share) / share before the next."""
        started = time.perf_counter()
        try:
            yield
        finally:
            now = time.perf_counter()
            self.next = now + max(self.interval, (now - started) * (1 - self.share) / self.share)
