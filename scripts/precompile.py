"""Runs inside Pyodide (under Node) at build time: compile Python to bytecode once, here,
instead of in every learner's browser on every visit, and split it by when it is needed.

- The standard library zip that Pyodide ships holds .py sources; every import compiles one.
  The modules that booting Pyodide and running the hidden tests import (the "hot" ones: found by
  running every problem's starter, reference and mistakes), and those learners commonly reach for,
  go into the boot archive as bytecode.
- Every other module goes, as source, into a lazy archive that the page fetches only when code first
  imports one of them (py/playground/lazy_library.py, which finds them by the list written here).
- pytest and its dependencies (installed from our pinned wheels) and our harness go into one
  bundle, hot modules compiled too; their other modules join the lazy archive. pytest needs only a
  few of pygments' lexers and styles.
- Each problem goes into an archive of its own, `<id>/...`, so that a visit to one problem fetches
  that one only. Its hidden tests come with their bytecode (compiled with asserts kept: they are the
  tests). The reference solution and the mistakes stay home: they are left out before this runs.

Every zip is stored, not deflated: the server compresses the whole file with brotli, which
packs bytecode far better than zip's per-file deflate.
"""

import importlib
import importlib.util
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from pathlib import Path

# Parts of the standard library that cannot work in a browser worker, or that nobody learning
# autograd will import: left out unless booting and testing imported them after all.
STDLIB_LEFT_OUT = ("multiprocessing/", "xmlrpc/", "wsgiref/", "idlelib/", "tkinter/", "turtledemo/", "ensurepip/",
                   "venv/", "lib2to3/", "pydoc_data/", "curses/", "dbm/", "mailbox.py", "imaplib.py", "smtplib.py",
                   "poplib.py", "ftplib.py", "turtle.py", "nntplib.py")
# Codecs beyond these are tables for legacy code pages, most of the library's bytes.
ENCODINGS_KEPT = {"__init__", "aliases", "ascii", "base64_codec", "charmap", "cp1252", "cp437", "hex_codec", "idna",
                  "latin_1", "punycode", "raw_unicode_escape", "undefined", "unicode_escape", "utf_16", "utf_16_be",
                  "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7", "utf_8", "utf_8_sig"}

# What learners commonly import, in the boot archive whether or not a problem's tests use it: these work offline
# after one visit without ever having been fetched.
LEARNER_COMMON = ("statistics", "datetime", "decimal", "fractions", "heapq", "bisect", "string", "textwrap", "time",
                  "timeit", "copy", "functools", "itertools", "operator", "numbers", "array", "math", "cmath",
                  "random", "json", "collections", "dataclasses", "typing", "enum", "abc", "pprint", "re",
                  "graphlib", "contextlib", "warnings", "traceback", "difflib", "csv", "io", "os", "sys")
LAZY_NAMES = "playground/lazy_modules.txt"  # read by py/playground/lazy_library.py

OPTIMIZE = 2  # no docstrings, no asserts: for the library and the harness, never for a problem's tests
WORKER_HOME = None  # where the worker unpacks our Python: PY_HOME of static/run/python-setup.js, set by precompile.mjs
RESULT_SCHEMA = "result.schema.json"  # beside the harness in the bundle, as in the repo (py/playground/schema.py)

PYGMENTS_KEPT = {
    "pygments/lexers": {"__init__.py", "_mapping.py", "python.py", "diff.py"},
    "pygments/formatters": {"__init__.py", "_mapping.py", "terminal.py", "terminal256.py"},
    "pygments/styles": {"__init__.py", "_mapping.py", "default.py"},
}


def write(bundle: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add a file with a fixed date, so the same inputs always make the same zip (and hash)."""
    bundle.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)


def bytecode(source: bytes, filename: str, optimize: int = OPTIMIZE) -> bytes | None:
    """A .pyc that is used without checking its source (there is none beside it)."""
    try:
        code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    except SyntaxError:
        return None
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def hot_files(runs: list[tuple[str, str]]) -> set[str]:
    """The files of every module loaded once Pyodide has booted, run each (problem folder, code) pair's tests,
    and imported the modules learners commonly use."""
    from playground import run_tests

    for problem_dir, code in runs:
        run_tests(problem_dir, code)
    for name in LEARNER_COMMON:
        importlib.import_module(name)
    return {getattr(module, "__file__", None) for module in list(sys.modules.values())} - {None}


def add_module(bundle: zipfile.ZipFile, name: str, source: bytes, filename: str, hot: set[str]) -> None:
    """Add name (a .py path) as a sourceless .pyc if it is hot and compiles, else as source."""
    compiled = bytecode(source, filename) if filename in hot else None
    if compiled is None:
        write(bundle, name, source)
    else:
        write(bundle, name[:-3] + ".pyc", compiled)


def left_out(name: str, filename: str, hot: set[str]) -> bool:
    if filename in hot:
        return False
    if name.startswith("encodings/") and name.endswith(".py"):
        return name.removeprefix("encodings/").removesuffix(".py") not in ENCODINGS_KEPT
    return name.startswith(STDLIB_LEFT_OUT)


def precompile_stdlib(source_zip: str, target_zip: str, lazy_zip: str, hot: set[str]) -> None:
    """Hot modules as bytecode into target_zip; the other modules' sources, and the odd file that is not a module
    (a README), into lazy_zip. No folder entries: to zipimport, a folder without __init__ is a namespace package,
    which would stand in for the real package in the other archive."""
    with zipfile.ZipFile(source_zip) as stdlib, zipfile.ZipFile(target_zip, "w", zipfile.ZIP_STORED) as out, \
            zipfile.ZipFile(lazy_zip, "w", zipfile.ZIP_STORED) as lazy:
        for info in stdlib.infolist():
            filename = f"{source_zip}/{info.filename}"
            if info.is_dir() or left_out(info.filename, filename, hot):
                continue
            data = stdlib.read(info)
            if filename in hot:
                add_module(out, info.filename, data, filename, hot)
            else:
                write(lazy, info.filename, data)


def module_name(path: str) -> str:
    """The module a .py file in a zip holds: a/b/__init__.py is a.b, a/b/c.py is a.b.c."""
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def pruned(relative: Path) -> bool:
    if relative.parts[0].endswith(".dist-info"):  # keep who made it and its licence, not install records
        return relative.name not in ("METADATA", "entry_points.txt") and "licenses" not in relative.parts
    folder = relative.parent.as_posix()
    return folder in PYGMENTS_KEPT and relative.name not in PYGMENTS_KEPT[folder]


def add_with_bytecode(bundle: zipfile.ZipFile, name: str, source: bytes, home: str, optimize: int = OPTIMIZE) -> None:
    """Source, and its bytecode in __pycache__ beside it: tracebacks can show the source's lines.
    home: the folder the zip is unpacked into, in the worker."""
    write(bundle, name, source)
    compiled = bytecode(source, f"{home}/{name}", optimize)
    if compiled is not None:
        folder, _, stem = name.removesuffix(".py").rpartition("/")
        write(bundle, f"{folder}/__pycache__/{stem}.{sys.implementation.cache_tag}.pyc".lstrip("/"), compiled)


def bundle_python(site_packages: str, installed: list[str], harness: str, target_zip: str, lazy_zip: str,
                  hot: set[str]) -> None:
    """pytest & co.: hot modules as bytecode, the others' sources added to lazy_zip; our harness as source, with
    bytecode beside it, and the list of the lazy archive's modules."""
    site = Path(site_packages)
    with zipfile.ZipFile(target_zip, "w", zipfile.ZIP_STORED) as out, \
            zipfile.ZipFile(lazy_zip, "a", zipfile.ZIP_STORED) as lazy:
        for top in installed:
            paths = [site / top] if (site / top).is_file() else sorted((site / top).rglob("*"))
            paths = [path for path in paths if not path.is_dir() and "__pycache__" not in path.parts]
            # A package nothing imported goes whole: a data file of it unpacked alone would make a namespace package.
            unused = not top.endswith(".dist-info") and not any(str(path) in hot for path in paths)
            for path in paths:
                relative = path.relative_to(site)
                if pruned(relative):
                    continue
                module = path.suffix == ".py" and not top.endswith(".dist-info")
                if unused or (module and str(path) not in hot):
                    write(lazy, relative.as_posix(), path.read_bytes())
                elif module:
                    add_module(out, relative.as_posix(), path.read_bytes(), str(path), hot)
                else:
                    write(out, relative.as_posix(), path.read_bytes())
        ours = Path(harness)
        for path in sorted(ours.rglob("*")):
            name = (ours.name / path.relative_to(ours)).as_posix()  # playground/...
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            if path.suffix == ".py":
                add_with_bytecode(out, name, path.read_bytes(), WORKER_HOME)
            else:
                write(out, name, path.read_bytes())
        write(out, RESULT_SCHEMA, (ours.parent / RESULT_SCHEMA).read_bytes())
        names = sorted(module_name(path) for path in lazy.namelist() if path.endswith(".py"))
        write(out, LAZY_NAMES, "\n".join(names).encode())


def pack_problem(problem_dir: str, target_zip: str, hot: set[str]) -> None:
    """The problem's folder as <id>/...: its hidden tests, and any module of its own they loaded, with bytecode.

    solution.py and mistakes/ are not in problem_dir: they never reach this build's Pyodide."""
    folder = Path(problem_dir)
    tests = folder / f"test_{folder.name}.py"
    with zipfile.ZipFile(target_zip, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            name = (folder.name / path.relative_to(folder)).as_posix()  # <id>/...
            if path.suffix == ".py" and (path == tests or str(path) in hot):
                add_with_bytecode(out, name, path.read_bytes(), f"{WORKER_HOME}/problems", optimize=0)
            else:
                write(out, name, path.read_bytes())
