"""The problems, found in their folder: tests name no problem, they ask for one with what they need."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from playground.problem import provided_files

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
    def provided(self) -> dict[str, Path]:
        """The modules the problem provides: {"engine.py": the file it is} (problem.json's "provides")."""
        return provided_files(self.folder, self.meta.get("provides", []))

    @property
    def expectations(self) -> dict:
        """mistakes/expectations.json: what each variant fails, by its name."""
        return json.loads((self.folder / "mistakes" / "expectations.json").read_text(encoding="utf-8"))

    @property
    def mistakes(self) -> dict[str, str]:
        """Each variant's code, by its name in expectations.json: a file of mistakes/, or one that mistakes/edits.json
        makes from another file (scripts/problem-files.mjs reads them the same way)."""
        folder = self.folder / "mistakes"
        edits = json.loads(read(folder / "edits.json")) if (folder / "edits.json").exists() else {}
        return {name: edited(self.folder, name, edits[name]) if name in edits else read(folder / name)
                for name in self.expectations}

    @property
    def required(self) -> list[dict]:
        return [t for t in self.meta["tests"] if t.get("tier", "required") == "required"]

    @property
    def challenges(self) -> list[dict]:
        return [t for t in self.meta["tests"] if t.get("tier") == "challenge"]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def edited(folder: Path, name: str, edit: dict) -> str:
    """A variant made by mistakes/edits.json: the file it names "from" (the reference, solution.py, unless it says),
    with each [old, new] replacement made in turn. A side may be a list of lines. Each old text must be found exactly
    once, so that a reference that changes under a variant says so here, not in a test that passes for no reason."""
    source = edit.get("from", "solution.py")
    text = read(folder / source)
    for old, new in edit["replace"]:
        old, new = ("\n".join(side) if isinstance(side, list) else side for side in (old, new))
        if text.count(old) != 1:
            raise ValueError(f"{folder / 'mistakes' / 'edits.json'}: {name}: {old!r} is found {text.count(old)} times "
                             f"in {source}, not once")
        text = text.replace(old, new)
    return text


def all_problems() -> list[ProblemFiles]:
    """Every problem, in track order."""
    found = [ProblemFiles(path.parent, json.loads(path.read_text(encoding="utf-8")))
             for path in PROBLEMS.glob("*/problem.json")]
    return sorted(found, key=lambda p: (p.meta.get("position", 0), p.id))


def first_problem(plugin: str | None = None) -> ProblemFiles:
    """The first problem of the track (that turns plugin on): the one a test about the harness runs."""
    return next(p for p in all_problems() if plugin is None or plugin in p.meta.get("plugins", {}))
