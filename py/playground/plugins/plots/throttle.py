"""When to send the page an update: at most once per interval, and never more than a small share of the time."""

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Throttle:
    def __init__(self, interval: float, share: float, wait_first: bool = False) -> None:
        self.interval = interval  # seconds between updates, at least
        self.share = share  # of the time, at most, spent making updates
        self.next = None if wait_first else 0.0  # None: the first is due an interval after the first ask

    def due(self) -> bool:
        now = time.perf_counter()
        if self.next is None:
            self.next = now + self.interval
        return now >= self.next

    @contextmanager
    def timed(self) -> Iterator[None]:
        """Time an update: one that took t seconds waits t * (1 - share) / share before the next."""
        started = time.perf_counter()
        try:
            yield
        finally:
            now = time.perf_counter()
            self.next = now + max(self.interval, (now - started) * (1 - self.share) / self.share)
