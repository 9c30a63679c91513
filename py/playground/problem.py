"""A problem is a folder: statement, starter, reference solution, hidden tests, metadata (problem.json).

Learner code shares the file system with the problems, so each problem folder is recorded when the harness
first sees it (or installs it) and put back as it was before each run: changed files restored, added ones
deleted.
"""

import io
import json
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

PROBLEMS = Path(__file__).resolve().parent.parent / "problems"  # beside this package, in the repo and the bundle


def read_folder(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


pristine: dict[Path, dict[Path, bytes]] = {  # folder -> its files as first seen
    folder: read_folder(folder) for folder in (PROBLEMS.iterdir() if PROBLEMS.is_dir() else ()) if folder.is_dir()
}


def install(archive) -> str:
    """Put a problem's folder in place from a zip of `<id>/...` entries (bytes, or a JS Uint8Array in
    Pyodide), replacing whatever is there; return its id."""
    data = archive.to_bytes() if hasattr(archive, "to_bytes") else bytes(archive)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        (problem_id,) = {name.split("/", 1)[0] for name in bundle.namelist()}
        folder = PROBLEMS / problem_id
        shutil.rmtree(folder, ignore_errors=True)
        bundle.extractall(PROBLEMS)
    pristine[folder] = read_folder(folder)
    return problem_id


def restore_files(folder: Path) -> None:
    """Put folder back as it was first seen: files changed or deleted since are written back, new ones go."""
    if folder not in pristine:
        pristine[folder] = read_folder(folder)
        return
    files = pristine[folder]
    for path in folder.rglob("*"):
        if path not in files and (path.is_file() or path.is_symlink()):
            path.unlink()
    for path, content in files.items():
        try:
            if path.read_bytes() == content:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


@dataclass(frozen=True)
class Problem:
    folder: Path
    id: str
    title: str
    module: str  # the name the hidden tests import the learner's code as
    defines: tuple[str, ...]  # names the learner's code must define
    plugins: dict[str, dict]  # plugin name -> its options (playground.plugins)
    provided: tuple[str, ...]  # modules in the folder's provided/, which the learner's code may import
    test_file: Path
    test_names: dict[str, str]  # test function name -> display name, in order
    tiers: dict[str, str]  # test function name -> "required" or "challenge"
    hints: dict[str, str]  # test function name -> a hint shown with that test, when it has one

    @property
    def provided_dir(self) -> Path:
        return self.folder / "provided"

    def forget_modules(self) -> None:
        """Drop the learner's module, the hidden tests and the provided modules: each run imports them afresh
        (the learner's code may have changed a provided class)."""
        for name in (self.module, self.test_file.stem, *self.provided):
            sys.modules.pop(name, None)

    @classmethod
    def load(cls, folder: str | Path) -> "Problem":
        folder = Path(folder).resolve()
        restore_files(folder)
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
            test_file=folder / f"test_{meta['id']}.py",
            test_names={t["id"]: t["name"] for t in tests},
            tiers={t["id"]: t.get("tier", "required") for t in tests},
            hints={t["id"]: t["hint"] for t in tests if t.get("hint")},
        )
