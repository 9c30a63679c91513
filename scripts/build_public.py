"""Gather what the page serves next to its own code: Pyodide, pytest's wheels, our Python.

Writes build/public/, which Vite serves in development and copies into dist/.
"""

import json
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "build" / "public"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def copy_pyodide() -> str:
    source = ROOT / "node_modules" / "pyodide"
    target = PUBLIC / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    return json.loads((source / "package.json").read_text())["version"]


def copy_wheels() -> list[str]:
    target = PUBLIC / "wheels"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    wheels = sorted((ROOT / "build" / "wheels").glob("*.whl"))
    if not wheels:
        sys.exit("no wheels in build/wheels: run `make wheels` first")
    for wheel in wheels:
        shutil.copy2(wheel, target / wheel.name)
    return [wheel.name for wheel in wheels]


def bundle_python() -> list[str]:
    """Zip py/playground and py/problems: one request brings all our Python into Pyodide."""
    py = ROOT / "py"
    files = sorted(
        p for p in [*py.glob("playground/**/*"), *py.glob("problems/**/*")]
        if p.is_file() and "__pycache__" not in p.parts and p.name != "solution.py"  # the answer stays home
    )
    with zipfile.ZipFile(PUBLIC / "py-bundle.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            bundle.write(path, path.relative_to(py).as_posix())
    return sorted(p.parent.name for p in py.glob("problems/*/problem.json"))


def main() -> None:
    PUBLIC.mkdir(parents=True, exist_ok=True)
    manifest = {
        "pyodide": copy_pyodide(),
        "wheels": copy_wheels(),
        "bundle": "py-bundle.zip",
        "problems": bundle_python(),
    }
    (PUBLIC / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"build/public: Pyodide {manifest['pyodide']}, {len(manifest['wheels'])} wheels, "
          f"problems {', '.join(manifest['problems'])}")


if __name__ == "__main__":
    main()
