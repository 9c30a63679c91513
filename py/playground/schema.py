"""The one result schema, py/result.schema.json: what every run answers, tests or script, finished, failed to
load, stopped or crashed; each field's meaning is there. The page reads the same file (static/results/schema.js).

It lies beside this package, in the repo and in the bundle the worker unpacks (scripts/precompile.py puts it
there), as py/problems does. Here: its VERSION, and new Results and tests made from each field's default.
"""

import copy
import json
from pathlib import Path
from typing import Literal

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "result.schema.json").read_text(encoding="utf-8"))
VERSION: int = SCHEMA["properties"]["version"]["const"]

Result = dict  # a Result (the schema's top level)
TestResult = dict  # one of its tests ($defs/test)
Stopped = dict  # $defs/stopped


def defaults(part: dict) -> dict:
    """The fields of one of the schema's objects that have a default, each with a fresh copy of it."""
    return {name: copy.deepcopy(field["default"]) for name, field in part["properties"].items() if "default" in field}


def new_result(kind: Literal["tests", "script"], problem: str | None) -> Result:
    """A Result with nothing in it yet: the runs fill it in."""
    return {**defaults(SCHEMA), "version": VERSION, "kind": kind, "problem": problem}


def new_test(**fields) -> TestResult:
    """A test's entry: the defaults, and fields."""
    return {**defaults(SCHEMA["$defs"]["test"]), **fields}


def stopped(phase: Literal["loading", "testing", "running"], line: int | None) -> Stopped:
    return {"reason": None, "phase": phase, "line": line, "restarted": False}
