"""A problem is a folder: statement, starter, reference solution, hidden tests, metadata."""

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    folder: Path
    id: str
    title: str
    module: str  # the name the hidden tests import the learner's code as
    test_file: Path
    test_names: dict[str, str]  # test function name -> display name, in order

    @classmethod
    def load(cls, folder: str | Path) -> "Problem":
        folder = Path(folder)
        meta = json.loads((folder / "problem.json").read_text(encoding="utf-8"))
        return cls(
            folder=folder,
            id=meta["id"],
            title=meta["title"],
            module=meta.get("module", "submission"),
            test_file=folder / f"test_{meta['id']}.py",
            test_names={t["id"]: t["name"] for t in meta["tests"]},
        )
