"""What the learner's code runs under: CPython's recursion limit, and a few things it can't do here.

Python-to-Python recursion is as in CPython: the limit is 1,000 and the code may raise it, to 2,500.
In Chromium's worker (Debian Chromium 156, Pyodide 314) plain calls go 9,000 deep, but a RecursionError
(or any exception) unwinding from 3,250 calls down overflows the browser's stack and kills Python; from
3,000 it does not, in Run code and in Run tests alike. Recursion through C (an operator calling itself) is
stopped by Python's C-stack guard, which the worker sets before each run (static/run/python-setup.js).
"""

import builtins
import gc
import signal
import sys
from contextlib import contextmanager

LEARNER_RECURSION_LIMIT = 1_000  # CPython's default
MAX_RECURSION_LIMIT = 2_500
MIN_RECURSION_LIMIT = 200  # below this, pytest itself cannot run a test
# Objects made before the collector runs: 2,000 is CPython's default. Graphs of Values are cycles (each
# _backward closure holds its Value) and training makes millions of them: with the default, collecting cost
# two runs of 3.3-3.7 s training two_moons' reference in Pyodide under Node against 2.3 s at 100,000 or with
# the collector off (and it stays bounded, unlike off). The worker collects in full after every run.
LEARNER_GC_THRESHOLD = 100_000


class RunState:
    """What happened during the current run that the run's result must know about."""

    def __init__(self) -> None:
        self.stop_requested = False  # the page's Stop or time limit (not a KeyboardInterrupt the code raised)
        self.limit_asked: int | None = None  # a recursion limit the code asked for, above MAX_RECURSION_LIMIT


state = RunState()


@contextmanager
def learner_limits():
    """CPython's recursion limit, which the code may raise within what the browser holds; no keyboard;
    Stop told apart from a KeyboardInterrupt the code raises; the collector runs less often."""
    set_limit, real_input, limit_before = sys.setrecursionlimit, builtins.input, sys.getrecursionlimit()
    thresholds = gc.get_threshold()
    interrupt_handler = signal.getsignal(signal.SIGINT)
    state.stop_requested = False
    state.limit_asked = None

    def setrecursionlimit(limit: int) -> None:
        if isinstance(limit, int) and limit < MIN_RECURSION_LIMIT:
            raise ValueError(f"sys.setrecursionlimit({limit}) is too low for the tests to run: use at least "
                             f"{MIN_RECURSION_LIMIT} (Python's default is {LEARNER_RECURSION_LIMIT:,})")
        if isinstance(limit, int) and limit > MAX_RECURSION_LIMIT:
            state.limit_asked = limit
        set_limit(min(limit, MAX_RECURSION_LIMIT) if isinstance(limit, int) else limit)

    set_limit(LEARNER_RECURSION_LIMIT)
    gc.set_threshold(LEARNER_GC_THRESHOLD, *thresholds[1:])
    sys.setrecursionlimit, builtins.input = setrecursionlimit, no_input
    signal.signal(signal.SIGINT, stop_requested)
    try:
        yield
    finally:
        sys.setrecursionlimit, builtins.input = set_limit, real_input
        gc.set_threshold(*thresholds)
        set_limit(limit_before)
        if interrupt_handler is not None:
            signal.signal(signal.SIGINT, interrupt_handler)


def capped_limit_note() -> str:
    """Said with a RecursionError when the code asked for a higher limit than the page allows, else ''."""
    if state.limit_asked is None:
        return ""
    return (f" (your code asked for a recursion limit of {state.limit_asked:,}; in the browser it is at most "
            f"{MAX_RECURSION_LIMIT:,}, since deeper calls overflow the browser's own stack: use a loop instead)")


def stop_requested(signum, frame) -> None:
    """SIGINT handler: the page wrote to Pyodide's interrupt buffer (Stop, or the time limit)."""
    state.stop_requested = True
    raise KeyboardInterrupt


def no_input(prompt: object = "") -> str:
    raise EOFError("input() has nothing to read here: there is no keyboard while your code runs. "
                   "The tests call your code with the values it needs; for your own experiments, "
                   "set the values in the code.")
