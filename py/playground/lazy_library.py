"""The rarely used part of the standard library (and of pytest's dependencies), fetched on first import.

The page's boot archive holds what booting Pyodide, pytest, the harness and the hidden tests import, and the
modules learners commonly reach for. The build puts every other module in a second archive (scripts/precompile.py)
and lists their names in `lazy_modules.txt` beside this file. The first import of one of them fetches that
archive; Python then imports from it as from any zip on sys.path.

Under CPython there is no such list, and this finder finds nothing.
"""

import sys
from collections.abc import Callable
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path

NAMES_FILE = Path(__file__).with_name("lazy_modules.txt")

NOT_FETCHED = ("`{name}` is part of Python's standard library, but this page downloads that part only when it is "
               "first imported, and the download failed ({error}). Check your connection, then run again.")

# Set by the page once Python is up (static/run/python-setup.js): a function that fetches the archive, writes it
# into Python's file system and returns its path.
fetch_archive: Callable[[], str] | None = None


def module_names() -> frozenset[str]:
    try:
        return frozenset(NAMES_FILE.read_text(encoding="utf-8").split())
    except FileNotFoundError:
        return frozenset()


class LazyLibrary:
    """A meta-path finder asked after the usual ones, for the modules of the lazy archive only."""

    def __init__(self, names: frozenset[str]):
        self.names = names
        self.archive: str | None = None

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname not in self.names or fetch_archive is None:
            return None
        archive = self.fetched(fullname)
        # A child of a package from the boot archive (email.message) is looked for in the same folder here.
        parent = fullname.rpartition(".")[0]
        folder = "/".join([archive, *parent.split(".")]) if parent else archive
        return PathFinder.find_spec(fullname, [folder])

    def fetched(self, fullname: str) -> str:
        if self.archive is None or not Path(self.archive).is_file():
            try:
                self.archive = fetch_archive()
            except Exception as error:  # a JsException: offline, or the server is gone
                said = str(error).removeprefix("Error: ")  # a JS Error's own words
                message = NOT_FETCHED.format(name=fullname.partition(".")[0], error=said)
                raise ModuleNotFoundError(message, name=fullname) from None
        return self.archive


def install_lazy_library() -> None:
    names = module_names()
    if names and not any(isinstance(finder, LazyLibrary) for finder in sys.meta_path):
        sys.meta_path.append(LazyLibrary(names))


def connect(fetch: Callable[[], str]) -> None:
    global fetch_archive
    fetch_archive = fetch
