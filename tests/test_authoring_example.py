"""The example problem of docs/authoring.md works as written: copied out of the page, it validates on its own and
beside the track's problems (scripts/validate-problems.mjs), and its hidden tests, under plain CPython and pytest,
pass the reference, fail the starter, and catch the mistake saying what its expectations.json says."""

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_problem import candidates, failing, run_hidden_tests

from problems import ROOT, ProblemFiles, all_problems

GUIDE = ROOT / "docs" / "authoring.md"
# Each file of the example: its path in bold, then a fenced block with its contents.
FILE_BLOCK = re.compile(r"^\*\*`py/problems/(?P<path>[^`]+)`\*\*\n\n```[a-z]*\n(?P<body>.*?)^```$", re.M | re.S)


def example_files() -> dict[str, str]:
    """{path below py/problems/: contents} of every file the guide's example shows."""
    files = {m["path"]: m["body"] for m in FILE_BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))}
    assert files, f"{GUIDE} shows no file as **`py/problems/<id>/<file>`** followed by a fenced block"
    return files


def write_example(problems: Path) -> ProblemFiles:
    for path, body in example_files().items():
        (problems / path).parent.mkdir(parents=True, exist_ok=True)
        (problems / path).write_text(body, encoding="utf-8")
    (meta_file,) = problems.glob("*/problem.json")
    return ProblemFiles(meta_file.parent, json.loads(meta_file.read_text(encoding="utf-8")))


def validate(problems: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAYGROUND_PROBLEMS": str(problems)}
    return subprocess.run(["node", str(ROOT / "scripts" / "validate-problems.mjs")], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> ProblemFiles:
    return write_example(tmp_path_factory.mktemp("example"))


def test_the_guide_shows_one_whole_problem(example):
    names = {path.relative_to(example.folder).as_posix() for path in example.folder.rglob("*") if path.is_file()}
    assert {"problem.json", "statement.md", "starter.py", "solution.py", f"test_{example.id}.py",
            "mistakes/expectations.json"} <= names


def test_the_example_is_valid_on_its_own(example):
    done = validate(example.folder.parent)
    assert done.returncode == 0, done.stderr
    assert example.id in done.stdout


def test_the_example_is_valid_beside_the_tracks_problems(tmp_path, example):
    """As the guide tells an author to add it: its position is free in today's track."""
    problems = tmp_path / "problems"
    for problem in all_problems():
        shutil.copytree(problem.folder, problems / problem.folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(example.folder, problems / example.folder.name)
    done = validate(problems)
    assert done.returncode == 0, f"{GUIDE}'s example, added to py/problems:\n{done.stderr}"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory, example) -> dict[str, dict]:
    """{file name: results} for the reference, the starter and each mistake, two at a time."""
    files = candidates(example)

    def run(name):
        return name, run_hidden_tests(example, files[name], tmp_path_factory.mktemp(name))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, files))


def test_the_hidden_tests_pass_the_reference(outcomes, example):
    results = outcomes["solution.py"]
    assert {t["id"] for t in example.meta["tests"]} == set(results)
    assert not failing(results), results


def test_the_hidden_tests_fail_the_starter_with_messages(outcomes, example):
    results = outcomes["starter.py"]
    for test in example.required:
        outcome, message = results[test["id"]]
        assert outcome == "failed" and message.strip(), (test["id"], outcome, message)


def test_each_mistake_fails_exactly_its_tests(outcomes, example):
    expectations = example.expectations
    assert any(not expected.get("correct") for expected in expectations.values()), "the example shows no mistake"
    for name, expected in expectations.items():
        results = outcomes[name]
        assert failing(results) == set(expected["fails"]), (name, results)
        for test_id, text in expected.get("message_contains", {}).items():
            assert text in results[test_id][1], (name, test_id, results[test_id][1])
