"""The finder of the lazy part of the standard library (py/playground/lazy_library.py), under CPython, with an
archive of our own making: the page's real one is tested in Pyodide (test_harness_pyodide.py) and the browser
(browser/test_offline.py)."""

import sys
import zipfile

import pytest

from playground import lazy_library
from playground.lazy_library import LazyLibrary

FILES = {
    "lazy_top/__init__.py": "from lazy_top import helper\n",
    "lazy_top/helper.py": "ANSWER = 42\n",
    "lazy_parent/child.py": "NAME = 'child'\n",  # a child of a package the boot archive holds
}


@pytest.fixture
def finder(tmp_path, monkeypatch):
    archive = tmp_path / "lazy.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name, text in FILES.items():
            out.writestr(name, text)
    parent = tmp_path / "boot" / "lazy_parent"
    parent.mkdir(parents=True)
    (parent / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "boot"))
    fetches = []

    def fetch():
        fetches.append(archive)
        return str(archive)

    finder = LazyLibrary(frozenset({"lazy_top", "lazy_top.helper", "lazy_parent.child"}))
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, finder])
    monkeypatch.setattr(lazy_library, "fetch_archive", fetch)
    finder.fetches, finder.fetch = fetches, fetch
    yield finder
    for name in ("lazy_top", "lazy_top.helper", "lazy_parent", "lazy_parent.child"):
        sys.modules.pop(name, None)


def test_a_listed_module_is_fetched_once_and_imported_from_the_archive(finder):
    import lazy_top

    assert lazy_top.helper.ANSWER == 42
    assert lazy_top.__file__.endswith("lazy.zip/lazy_top/__init__.py")
    import lazy_parent.child

    assert lazy_parent.child.NAME == "child"
    assert len(finder.fetches) == 1


def test_an_unlisted_module_is_not_fetched(finder):
    with pytest.raises(ModuleNotFoundError):
        import lazy_nowhere  # noqa: F401
    assert finder.fetches == []


def test_a_failed_download_says_so_and_the_next_import_tries_again(finder, monkeypatch):
    def offline():
        raise OSError("Error: no connection to the server")  # as a JsException from the worker reads

    monkeypatch.setattr(lazy_library, "fetch_archive", offline)
    with pytest.raises(ModuleNotFoundError) as raised:
        import lazy_top  # noqa: F401
    message = str(raised.value)
    assert "`lazy_top` is part of Python's standard library" in message
    assert "the download failed (no connection to the server). Check your connection, then run again" in message
    assert finder.archive is None

    monkeypatch.setattr(lazy_library, "fetch_archive", finder.fetch)  # back online
    import lazy_top

    assert lazy_top.helper.ANSWER == 42


def test_under_cpython_the_harness_has_no_list_and_finds_nothing():
    assert lazy_library.module_names() == frozenset()
    assert not any(isinstance(f, LazyLibrary) for f in sys.meta_path)
