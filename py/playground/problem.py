"""A problem is a folder: statement, starter, reference solution, hidden tests, metadata (problem.json).

In the browser each run has a Python and a file system of its own, so what learner code writes into a
problem's folder is gone with its run.
"""

import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from playground.aliases import alias_modules

PROBLEMS = Path(__file__).resolve().parent.parent / "problems"  # beside this package, in the repo and the bundle


def install(archive) -> str:
    """Put a problem's folder in place from a zip of `<id>/...` entries (bytes, or a JS Uint8Array in
    Pyodide), replacing whatever is there; return its id."""
    data = archive.to_bytes() if hasattr(archive, "to_bytes") else bytes(archive)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        (problem_id,) = {name.split("/", 1)[0] for name in bundle.namelist()}
        folder = PROBLEMS / problem_id
        shutil.rmtree(folder, ignore_errors=True)
        bundle.extractall(PROBLEMS)
    return problem_id


def provided_files(folder: Path, provides: list | dict) -> dict[str, Path]:
    """problem.json's "provides", resolved: {module file name: the file it is}. A list names files of the folder's
    provided/; an object maps each name to a file relative to the folder, another problem's too
    ("../more_operations/solution.py"). scripts/problems.mjs resolves it the same way for the page's build."""
    if isinstance(provides, list):
        provides = {name: f"provided/{name}" for name in provides}
    return {name: (folder / source).resolve() for name, source in provides.items()}


def staged(files: dict[str, Path]) -> Path:
    """A folder named provided/ that holds a copy of each file under its name: made once for what they hold, by
    a rename, so that runs side by side (in other processes too) never see it half written."""
    contents = {name: path.read_bytes() for name, path in sorted(files.items())}
    key = hashlib.sha256(json.dumps({name: data.hex() for name, data in contents.items()}).encode()).hexdigest()
    folder = Path(tempfile.gettempdir()) / "playground-provided" / key[:16] / "provided"
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        making = Path(tempfile.mkdtemp(dir=folder.parent))
        for name, data in contents.items():
            (making / name).write_bytes(data)
        try:
            os.rename(making, folder)
        except OSError:  # another run made it first
            shutil.rmtree(making)
    return folder


@dataclass(frozen=True)
class Problem:
    folder: Path
    id: str
    title: str
    module: str  # the name the hidden tests import the learner's code as
    defines: tuple[str, ...]  # names the learner's code must define
    plugins: dict[str, dict]  # plugin name -> its options (playground.plugins)
    provided: tuple[str, ...]  # the modules the learner's code may import (what the problem builds on)
    provided_files: dict[str, Path]  # their files: {"engine.py": the file it is} (provided_files())
    aliases: dict[str, str]  # other names for provided modules: {"micrograd.engine": "engine"} (playground.aliases)
    test_file: Path
    test_names: dict[str, str]  # test function name -> display name, in order
    tiers: dict[str, str]  # test function name -> "required" or "challenge"
    hints: dict[str, str]  # test function name -> a hint shown with that test, when it has one

    @property
    def provided_dir(self) -> Path:
        """The folder the provided modules are imported from: the problem's own provided/ when they are all there
        (as in the page, whose build puts them there); else a copy of the files problem.json names."""
        own = self.folder / "provided"
        if all(path == own / name for name, path in self.provided_files.items()):
            return own
        return staged(self.provided_files)

    def forget_modules(self) -> None:
        """Drop the learner's module, the hidden tests, the provided modules and their aliases: each run imports
        them afresh (the learner's code may have changed a provided class)."""
        for name in (self.module, self.test_file.stem, *self.provided, *alias_modules(self.aliases)):
            sys.modules.pop(name, None)

    @classmethod
    def load(cls, folder: str | Path) -> "Problem":
        folder = Path(folder).resolve()
        meta = json.loads((folder / "problem.json").read_text(encoding="utf-8"))
        tests = meta["tests"]
        return cls(
            folder=folder,
            id=meta["id"],
            title=meta["title"],
            module=meta.get("module", "submission"),
            defines=tuple(meta.get("defines", ())),
            plugins=meta.get("plugins", {}),
            provided=tuple(Path(name).stem for name in meta.get("provides", ())),
            provided_files=provided_files(folder, meta.get("provides", [])),
            aliases=meta.get("aliases", {}),
            test_file=folder / f"test_{meta['id']}.py",
            test_names={t["id"]: t["name"] for t in tests},
            tiers={t["id"]: t.get("tier", "required") for t in tests},
            hints={t["id"]: t["hint"] for t in tests if t.get("hint")},
        )
