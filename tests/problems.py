"""The problems, found in their folder: tests name no problem, they ask for one with what they need."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = Path(os.environ.get("PLAYGROUND_PROBLEMS", ROOT / "py" / "problems"))


@dataclass(frozen=True)
class ProblemFiles:
    folder: Path
    meta: dict

    @property
    def id(self) -> str:
        return self.meta["id"]

    @property
    def starter(self) -> str:
        return (self.folder / "starter.py").read_text(encoding="utf-8")

    @property
    def solution(self) -> str:
        return (self.folder / "solution.py").read_text(encoding="utf-8")

    @property
    def test_file(self) -> Path:
        return self.folder / f"test_{self.id}.py"

    @property
    def mistakes(self) -> Path:
        return self.folder / "mistakes"

    @property
    def required(self) -> list[dict]:
        return [t for t in self.meta["tests"] if t.get("tier", "required") == "required"]

    @property
    def challenges(self) -> list[dict]:
        return [t for t in self.meta["tests"] if t.get("tier") == "challenge"]


def all_problems() -> list[ProblemFiles]:
    """Every problem, in track order."""
    found = [ProblemFiles(path.parent, json.loads(path.read_text(encoding="utf-8")))
             for path in PROBLEMS.glob("*/problem.json")]
    return sorted(found, key=lambda p: (p.meta.get("position", 0), p.id))


def first_problem(plugin: str | None = None) -> ProblemFiles:
    """The first problem of the track (that turns plugin on): the one a test about the harness runs."""
    return next(p for p in all_problems() if plugin is None or plugin in p.meta.get("plugins", {}))
