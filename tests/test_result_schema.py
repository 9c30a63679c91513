"""The one result schema (py/result.schema.json): what Python's runs answer, tests and scripts, finished, failed
and stopped, are Results of it (checked with ajv, as the page's build checks stored ones); so are the page's own
(tests/node/, run with node --test). Both sides take VERSION and the fields from it."""

import json
import subprocess

from playground import run_tests, schema
from playground.script import run_script
from problems import ROOT, first_problem

SCHEMA = json.loads((ROOT / "py" / "result.schema.json").read_text(encoding="utf-8"))
PAGE_STOP = "import signal; signal.raise_signal(signal.SIGINT)"


def errors(results: list[dict]) -> list:
    """The first schema error of each Result, or None."""
    done = subprocess.run(["node", "tests/node/validate-results.mjs"], input=json.dumps(results), cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_python_takes_its_version_and_fields_from_the_schema():
    assert schema.VERSION == SCHEMA["properties"]["version"]["const"]
    assert set(schema.new_result("tests", None)) == set(SCHEMA["required"])
    assert set(schema.new_test(id="t", name="T", outcome="passed")) == set(SCHEMA["$defs"]["test"]["required"])


def test_every_field_says_what_it_means():
    def undescribed(part: dict, where: str):
        for name, field in part.get("properties", {}).items():
            if "description" not in field and "$ref" not in field:
                yield f"{where}/{name}"
    top = list(undescribed(SCHEMA, ""))
    inside = [path for name, part in SCHEMA["$defs"].items() for path in undescribed(part, name)]
    assert [*top, *inside] == [], "fields without a description"


def test_python_runs_are_results_of_the_schema(tmp_path):
    seed = first_problem("autograd")
    plots = first_problem("plots")
    work = tmp_path / "work"
    runs = [
        run_tests(seed.folder, seed.solution, workdir=work),
        run_tests(seed.folder, seed.starter, workdir=work),
        run_tests(seed.folder, "syntax error (", workdir=work),
        run_tests(seed.folder, f"x = 0\nwhile x < 10:\n    {PAGE_STOP}\n", workdir=work),
        run_tests(seed.folder, seed.solution.replace("def relu(self):", f"def relu(self):\n        {PAGE_STOP}", 1),
                  workdir=work),
        run_script("print('hi')\n", workdir=work),
        run_script(seed.solution + "\na = Value(2.0)\nb = a * a\nb.backward()\ndraw(b)\n", workdir=work,
                   problem_dir=seed.folder),
        run_script("plot_loss(1, 0.5)\nraise ValueError('no')\n", workdir=work, problem_dir=plots.folder),
        run_script(f"{PAGE_STOP}\n", workdir=work),
    ]
    assert [run["status"] for run in runs] == ["finished", "finished", "error", "stopped", "stopped", "finished",
                                               "finished", "error", "stopped"]
    assert runs[6]["plugins"]["autograd"]["graphs"] and runs[7]["plugins"]["plots"]["steps"] == [1]
    assert errors(runs) == [None] * len(runs)


def test_the_pages_own_results_are_results_of_the_schema():
    done = subprocess.run(["node", "--test", "tests/node/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
