"""The harness that runs a problem's hidden tests against a learner's code.

It is plain Python: the same code runs under CPython in our tests and inside
Pyodide in the browser's worker.
"""

from playground.lazy_library import install_lazy_library
from playground.runner import run_tests, run_tests_json, warm_up
from playground.unavailable import explain_unavailable_packages

install_lazy_library()  # asked before the finder of packages that are not here at all
explain_unavailable_packages()

__all__ = ["run_tests", "run_tests_json", "warm_up"]
