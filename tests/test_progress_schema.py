"""The progress file's schema (static/track/progress.schema.json) keeps each run as a Result of py/result.schema.json
and lists every kind of progress storage.js keeps; real runs, as storage.js keeps them, pass the validator the build
generates from it."""

import json
import re
import subprocess

from playground import run_tests
from problems import ROOT, first_problem

PROGRESS_SCHEMA = json.loads((ROOT / "static" / "track" / "progress.schema.json").read_text(encoding="utf-8"))
DEFS = PROGRESS_SCHEMA["$defs"]

# Loads the validator the build puts in the page (scripts/progress-schema.mjs) and checks each stored run on stdin.
VALIDATE = """
import { readFileSync } from "node:fs";
import { progressValidators } from "./scripts/progress-schema.mjs";
const code = progressValidators("static/track/progress.schema.json");
const { validateStored } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
const stored = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(stored.map((one) => (validateStored(one) ? null : validateStored.errors[0]))));
"""


def test_a_stored_run_is_a_result_of_the_result_schema():
    assert DEFS["stored"]["properties"]["results"]["$ref"] == "result.schema.json"


def test_a_file_entry_has_every_kind_of_progress_the_page_stores():
    storage = (ROOT / "static" / "track" / "storage.js").read_text(encoding="utf-8")
    kinds = re.search(r"export const KINDS = \{(.*?)\};", storage, re.S).group(1)
    assert set(DEFS["entry"]["properties"]) == {*re.findall(r"(\w+):", kinds), "state"}


def test_real_runs_pass_the_validator_the_page_uses(tmp_path):
    seed = first_problem("autograd")
    runs = [run_tests(seed.folder, source, workdir=tmp_path / "work")
            for source in [seed.solution, seed.starter, "syntax error ("]]
    stored = [{"at": "2026-01-01T00:00:00.000Z", "results": {**run, "plugins": {}}} for run in runs]  # saveResults
    done = subprocess.run(["node", "--input-type=module", "-e", VALIDATE], input=json.dumps(stored), cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [None, None, None]
