"""Packages a learner may reach for that this playground cannot give them, each with a message that says why.

The page runs plain Python in the browser: there is no Pyodide build of numpy (or of what is built on it) to
ship. A bare "No module named 'numpy'" reads like a typo; this says what to use instead.
"""

import sys
from importlib.machinery import ModuleSpec

PLAIN_PYTHON = ("This playground runs plain Python in your browser, and {name} isn't available here. "
                "Use floats, lists and the math and random modules instead.")

UNAVAILABLE = {
    "numpy": PLAIN_PYTHON,
    "scipy": PLAIN_PYTHON,
    "pandas": PLAIN_PYTHON,
    "sklearn": PLAIN_PYTHON,
    "torch": PLAIN_PYTHON + " PyTorch is what you are building a small version of.",
    "tensorflow": PLAIN_PYTHON,
    "jax": PLAIN_PYTHON,
    "matplotlib": ("This playground runs plain Python in your browser, and matplotlib isn't available here. "
                   "Use print(), or draw() and the plots a problem offers."),
}


class UnavailablePackages:
    """A meta-path finder asked last: a package that is installed after all is imported as usual."""

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        top = fullname.partition(".")[0]
        if top not in UNAVAILABLE:
            return None
        raise ModuleNotFoundError(UNAVAILABLE[top].format(name=top), name=fullname)


def explain_unavailable_packages() -> None:
    if not any(isinstance(finder, UnavailablePackages) for finder in sys.meta_path):
        sys.meta_path.append(UnavailablePackages())
