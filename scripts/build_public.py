"""Gather what the page serves next to its own code: Pyodide's core files.

Writes build/public/, which Vite serves in development and copies into dist/. Files under v/
have a version or a content hash in their path, so they can be cached for good. The standard
library, the bundle of pytest plus our Python, and manifest.json come from scripts/precompile.mjs.
"""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "build" / "public"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"]


def copy_pyodide() -> str:
    source = ROOT / "node_modules" / "pyodide"
    version = json.loads((source / "package.json").read_text())["version"]
    target = PUBLIC / "v" / f"pyodide-{version}"
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    # The page loads no Pyodide package (all it runs is in our own archives), so its lock file lists none:
    # Pyodide reads the file at boot, and the full one is 120 KB.
    lock = json.loads((source / "pyodide-lock.json").read_text())
    (target / "pyodide-lock.json").write_text(json.dumps({**lock, "packages": {}}))
    return version


def main() -> None:
    shutil.rmtree(PUBLIC, ignore_errors=True)  # no file of an earlier build may linger
    print(f"build/public: Pyodide {copy_pyodide()}")


if __name__ == "__main__":
    main()
