"""A problem is a folder: statement, starter, reference solution, hidden tests, metadata.

Learner code shares the file system with the problems, so each problem folder is read once, when
the harness is first loaded, and put back as it was before each run.
"""

import json
from dataclasses import dataclass
from pathlib import Path

PROBLEMS = Path(__file__).resolve().parent.parent / "problems"  # beside this package, in the repo and the bundle


def read_folder(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


pristine: dict[Path, bytes] = read_folder(PROBLEMS) if PROBLEMS.is_dir() else {}


def restore_files(folder: Path) -> None:
    """Write back any file of folder that code changed or deleted since the harness was loaded."""
    for path, content in pristine.items():
        if folder in path.parents:
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
    test_file: Path
    test_names: dict[str, str]  # test function name -> display name, in order
    tiers: dict[str, str]  # test function name -> "required" or "challenge"
    hints: dict[str, str]  # test function name -> a hint shown with that test, when it has one

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
            test_file=folder / f"test_{meta['id']}.py",
            test_names={t["id"]: t["name"] for t in tests},
            tiers={t["id"]: t.get("tier", "required") for t in tests},
            hints={t["id"]: t["hint"] for t in tests if t.get("hint")},
        )
