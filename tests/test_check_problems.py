"""The authoring checks on a temporary problems folder ($PLAYGROUND_PROBLEMS): a problem added by copying and
editing another passes; a broken one fails, and the message names its file (and field)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from problems import ROOT, ProblemFiles, all_problems, first_problem

SEED = first_problem()


def copy_problem(problem: ProblemFiles, problems: Path, new_id: str, position: int) -> Path:
    """problem's folder as a new problem: its id, title, position and test file's name changed."""
    folder = problems / new_id
    shutil.copytree(problem.folder, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / problem.test_file.name).rename(folder / f"test_{new_id}.py")
    edit_meta(folder, id=new_id, title=f"A copy of {problem.meta['title']}", position=position)
    return folder


def edit_meta(folder: Path, **changes) -> dict:
    meta = {**json.loads((folder / "problem.json").read_text()), **changes}
    (folder / "problem.json").write_text(json.dumps(meta, indent=2))
    return meta


def node(script: str, problems: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAYGROUND_PROBLEMS": str(problems)}
    return subprocess.run(["node", str(ROOT / "scripts" / script)], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, env=env)


@pytest.fixture
def problems(tmp_path) -> Path:
    """Every problem of the repo, and a copy of the seed as the last of the track."""
    folder = tmp_path / "problems"
    for problem in all_problems():
        shutil.copytree(problem.folder, folder / problem.folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    copy_problem(SEED, folder, "copied_problem", max(p.meta["position"] for p in all_problems()) + 1)
    return folder


def test_the_repos_problems_are_valid():
    done = node("validate-problems.mjs", ROOT / "py" / "problems")
    assert done.returncode == 0, done.stderr
    assert all(p.id in done.stdout for p in all_problems())


def test_a_copied_and_edited_problem_is_valid(problems):
    done = node("validate-problems.mjs", problems)
    assert done.returncode == 0, done.stderr
    assert "copied_problem" in done.stdout


def wrong_tier(folder: Path) -> str:
    tests = json.loads((folder / "problem.json").read_text())["tests"]
    tests[2]["tier"] = "optional"
    edit_meta(folder, tests=tests)
    return "copied_problem/problem.json: /tests/2/tier must be one of required, challenge"


def unknown_field(folder: Path) -> str:
    edit_meta(folder, time_limit=10)
    return "copied_problem/problem.json: /time_limit is not a known field"


def missing_starter(folder: Path) -> str:
    (folder / "starter.py").unlink()
    return "copied_problem/starter.py is missing"


def unlisted_test(folder: Path) -> str:
    test_file = folder / "test_copied_problem.py"
    test_file.write_text(test_file.read_text() + "\n\ndef test_unlisted():\n    pass\n")
    return "copied_problem/test_copied_problem.py: test_unlisted is not listed in"


def listed_not_defined(folder: Path) -> str:
    tests = json.loads((folder / "problem.json").read_text())["tests"]
    edit_meta(folder, tests=[*tests, {"id": "test_missing", "name": "Missing"}])
    return f"copied_problem/problem.json: /tests/{len(tests)}/id test_missing is not a test function"


def id_not_folder(folder: Path) -> str:
    edit_meta(folder, id="another_id")
    return 'copied_problem/problem.json: /id is "another_id" but the folder is "copied_problem"'


def position_taken(folder: Path) -> str:
    edit_meta(folder, position=SEED.meta["position"])
    return f"copied_problem/problem.json: /position {SEED.meta['position']} is also"


def unlisted_mistake(folder: Path) -> str:
    (folder / "mistakes" / "new_mistake.py").write_text("class Value:\n    pass\n")
    return "copied_problem/mistakes/new_mistake.py: not in"


def unlisted_provided(folder: Path) -> str:
    (folder / "provided").mkdir()
    (folder / "provided" / "engine.py").write_text("class Value:\n    pass\n")
    return "copied_problem/provided/engine.py: not listed in"


def provided_missing(folder: Path) -> str:
    edit_meta(folder, provides=["engine.py"])
    return "copied_problem/problem.json: /provides/engine.py is not in"


def provides_an_answer(folder: Path) -> str:
    edit_meta(folder, provides={"engine.py": "solution.py"})
    return "copied_problem/problem.json: /provides/engine.py is an answer"


def provides_a_later_solution(folder: Path) -> str:
    edit_meta(folder.parent / SEED.id, provides={"engine.py": "../copied_problem/solution.py"})
    return f"{SEED.id}/problem.json: /provides/engine.py is the solution of a problem that does not come before it"


def edit_no_longer_matches(folder: Path) -> str:
    edits = json.loads((folder / "mistakes" / "edits.json").read_text())
    name = next(iter(edits))
    edits[name]["replace"][0][0] = "text the reference does not hold"
    (folder / "mistakes" / "edits.json").write_text(json.dumps(edits))
    return f'copied_problem/mistakes/edits.json: {name}: "text the reference does not hold" is found 0 times in'


def hint_number_past_the_hints(folder: Path) -> str:
    tests = json.loads((folder / "problem.json").read_text())["tests"]
    (folder / "hints.md").write_text("## Hint 1\n\nOne.\n\n## Hint 2\n\nTwo.\n")
    tests[0]["hint_number"] = 3
    edit_meta(folder, tests=tests)
    return "copied_problem/problem.json: /tests/0/hint_number 3, but hints.md has only 2 hints"


def alias_of_what_is_not_provided(folder: Path) -> str:
    edit_meta(folder, aliases={"micrograd.engine": "engine"})
    return "copied_problem/problem.json: /aliases/micrograd.engine names engine, which is not in /provides"


def alias_above_another(folder: Path) -> str:
    (folder / "provided").mkdir(exist_ok=True)
    (folder / "provided" / "engine.py").write_text("")
    edit_meta(folder, provides=["engine.py"], aliases={"micrograd": "engine", "micrograd.engine": "engine"})
    return "copied_problem/problem.json: /aliases/micrograd is a package above another alias"


def engine_not_provided(folder: Path) -> str:
    meta = json.loads((folder / "problem.json").read_text())
    edit_meta(folder, plugins={**meta["plugins"], "autograd": {"engine": "engine"}})
    return "copied_problem/problem.json: /plugins/autograd/engine names engine, which is not in /provides"


TYPOS = [wrong_tier, unknown_field, missing_starter, unlisted_test, listed_not_defined, id_not_folder,
         position_taken, unlisted_mistake, unlisted_provided, provided_missing, provides_an_answer,
         provides_a_later_solution, edit_no_longer_matches, hint_number_past_the_hints,
         alias_of_what_is_not_provided, alias_above_another, engine_not_provided]


@pytest.mark.parametrize("break_it", TYPOS, ids=lambda f: f.__name__)
def test_validation_fails_naming_the_file_and_field(problems, break_it):
    expected = break_it(problems / "copied_problem")
    done = node("validate-problems.mjs", problems)
    assert done.returncode == 1
    assert expected in done.stderr, done.stderr


def break_problem(folder: Path) -> str:
    """Three broken things: a mistake that passes, a starter that passes, a formula KaTeX can't read."""
    expectations = json.loads((folder / "mistakes" / "expectations.json").read_text())
    mistake = next(name for name, e in expectations.items() if not e.get("correct"))
    edits = json.loads((folder / "mistakes" / "edits.json").read_text())
    edits.pop(mistake, None)  # a file of its own now
    (folder / "mistakes" / "edits.json").write_text(json.dumps(edits))
    shutil.copy(folder / "solution.py", folder / "mistakes" / mistake)
    shutil.copy(folder / "solution.py", folder / "starter.py")
    statement = folder / "statement.md"
    statement.write_text(statement.read_text() + "\nA broken formula: $\\frac{1$.\n")
    return mistake


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """One check-problems run (one Pyodide boot): the seed, a good copy of it, a broken copy. (The repo's problems
    are checked by `make check-problems`, which `make test` runs first.)"""
    folder = tmp_path_factory.mktemp("check") / "problems"
    shutil.copytree(SEED.folder, folder / SEED.folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    copy_problem(SEED, folder, "copied_problem", SEED.meta["position"] + 1)
    mistake = break_problem(copy_problem(SEED, folder, "broken_problem", SEED.meta["position"] + 2))
    return node("check-problems.mjs", folder), mistake


def report_line(done: subprocess.CompletedProcess, problem_id: str) -> str:
    return next(line for line in done.stdout.splitlines() if f" {problem_id}: " in line)


@pytest.mark.pyodide
def test_check_problems_passes_a_copied_and_edited_problem(checked):
    done, _ = checked
    print(done.stdout)  # each problem's timings, for the record
    for problem_id in [SEED.id, "copied_problem"]:
        line = report_line(done, problem_id)
        assert line.startswith("ok") and " ms (limit " in line, line


@pytest.mark.pyodide
def test_check_problems_fails_a_broken_problem_naming_its_files(checked):
    done, mistake = checked
    assert done.returncode == 1
    assert report_line(done, "broken_problem").startswith("FAIL")
    said = done.stderr
    assert f"broken_problem/mistakes/{mistake}: fails nothing; mistakes/expectations.json says" in said, said
    assert "broken_problem/starter.py: " in said and 'is "passed", not failed' in said
    assert "broken_problem/statement.md: KaTeX parse error" in said
    assert "check-problems: 1 of" in said and "problem(s) broken" in said


READ_IN_NODE = """
import { readFileSync } from "node:fs";
import { mistakes, providedFiles } from "./scripts/problem-files.mjs";
const read = (folder) => {
  const meta = JSON.parse(readFileSync(`${folder}/problem.json`, "utf8"));
  const expectations = JSON.parse(readFileSync(`${folder}/mistakes/expectations.json`, "utf8"));
  return { mistakes: mistakes(folder, expectations), provided: providedFiles(folder, meta) };
};
console.log(JSON.stringify(process.argv.slice(1).map(read)));
"""


def test_the_build_and_the_python_tests_read_the_same_variants_and_provided_files():
    """scripts/problem-files.mjs and tests/problems.py (with playground.problem) resolve a problem alike."""
    problems = all_problems()
    done = subprocess.run(["node", "--input-type=module", "-e", READ_IN_NODE, *(str(p.folder) for p in problems)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for problem, read in zip(problems, json.loads(done.stdout), strict=True):
        assert read["mistakes"] == problem.mistakes
        assert {p["name"]: Path(p["file"]) for p in read["provided"]} == problem.provided
