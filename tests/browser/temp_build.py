"""A build of the page from a problems folder of a test's own: the sources copied to a temporary folder (so that
build/ and dist/ of the checkout stay as they are), built with `make build` and PLAYGROUND_PROBLEMS pointing there."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from problems import ProblemFiles

ROOT = Path(__file__).resolve().parents[2]
# What a build reads besides node_modules (linked) and the downloaded wheels (copied): no tests, no build output.
LEFT_OUT = {".git", ".venv", "node_modules", "build", "dist", "tests", "bench", "test-results", ".exp"}


def copy_problem(source: ProblemFiles, into: Path, *, new_id: str | None = None, title: str | None = None,
                 position: int | None = None) -> Path:
    """source's folder copied into `into`, as an author would add a problem: renamed to new_id, its problem.json
    edited (id, title, position) and its test file renamed to test_<new_id>.py. Returns the new folder."""
    new_id = new_id or source.id
    folder = shutil.copytree(source.folder, into / new_id, ignore=shutil.ignore_patterns("__pycache__"))
    meta = {**source.meta, "id": new_id, "title": title or source.meta["title"],
            "position": source.meta["position"] if position is None else position}
    (folder / "problem.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (folder / f"test_{source.id}.py").rename(folder / f"test_{new_id}.py")
    return folder


def build_site(problems: Path, workdir: Path) -> Path:
    """The page built from the problems in `problems`; returns its dist/ folder."""
    source = workdir / "source"
    shutil.copytree(ROOT, source, ignore=lambda folder, names: LEFT_OUT if Path(folder) == ROOT else [],
                    symlinks=True)
    (source / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "build" / "wheels", source / "build" / "wheels")
    # compress.mjs's cache is keyed by content: Pyodide's files, the same in both builds, are not compressed again
    if (ROOT / "build" / "compressed").is_dir():
        shutil.copytree(ROOT / "build" / "compressed", source / "build" / "compressed")
    # -o: what is installed or downloaded already is taken as it is (npm ci would empty the linked node_modules)
    make = ["make", "build", "-o", "node_modules/.installed", "-o", "build/wheels/.downloaded"]
    built = subprocess.run(make, cwd=source, env={**os.environ, "PLAYGROUND_PROBLEMS": str(problems)},
                           timeout=900, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if built.returncode != 0:
        raise RuntimeError(f"make build failed with PLAYGROUND_PROBLEMS={problems}:\n{built.stdout[-3000:]}")
    return source / "dist"
