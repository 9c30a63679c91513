"""The graph view and the gradient doctor under CPython: the hidden-test run and Run code (run_script)."""

import builtins
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import playground.plugins.autograd as autograd
import playground.plugins.autograd.graph as graph_module
from playground import run_tests
from playground.script import run_script
from problems import ROOT, all_problems, first_problem

PROBLEM = first_problem("autograd").folder
SOLUTION = (PROBLEM / "solution.py").read_text()
MISTAKES = first_problem("autograd").mistakes  # {name: code}
DOCTOR = json.loads((PROBLEM / "mistakes" / "doctor_expectations.json").read_text())
EXAMPLE_1 = "a = Value(2); b = Value(-3); c = Value(10); d = a + b*c; e = d.relu(); e.backward()\n"

# micrograd's own engine: _prev is a set (x + x keeps x once), the topological sort is recursive
MICROGRAD = SOLUTION.replace("self._prev = tuple(_children)", "self._prev = set(_children)").replace(
    SOLUTION[SOLUTION.index("        # topological order"):SOLUTION.index("        self.grad = 1.0")],
    "        topo, visited = [], set()\n\n        def build_topo(v):\n            if v not in visited:\n"
    "                visited.add(v)\n                for child in v._prev:\n                    build_topo(child)\n"
    "                topo.append(v)\n        build_topo(self)\n\n")
ODD_VALUES = {
    "data None": SOLUTION.replace("out = Value(self.data + other.data, (self, other), '+')",
                                  "out = Value(None, (self, other), '+')"),
    "grad a string": SOLUTION.replace("self.grad = 0.0", "self.grad = '0'"),
    "no _prev": SOLUTION.replace("self._prev = tuple(_children)", "self.kids = tuple(_children)")
                        .replace("v._prev", "v.kids"),
    "no _op": SOLUTION.replace("self._op = _op", "pass"),
    "_prev an int": SOLUTION.replace("self._prev = tuple(_children)", "self._prev = len(_children)")
                            .replace("for child in v._prev:", "for child in ():"),
    "backward raises": SOLUTION.replace("def backward(self):", "def backward(self):\n        raise ValueError('no')"),
    "a loop": SOLUTION.replace("out = Value(self.data + other.data, (self, other), '+')",
                               "out = Value(self.data + other.data, (self, other), '+')\n        out._prev += (out,)"),
    "attributes that explode": SOLUTION.replace("self._op = _op", "pass") + (
        "\n    def __getattr__(self, name):\n        raise RuntimeError('boom')\n"),
    "micrograd": MICROGRAD,
}


@pytest.fixture
def run(tmp_path):
    return lambda source: run_tests(PROBLEM, source, workdir=tmp_path / "work")


@pytest.fixture
def script(tmp_path):
    return lambda source: run_script(source, workdir=tmp_path / "script", problem_dir=PROBLEM)


def graph_of(test: dict) -> dict | None:
    """The graph the autograd plugin gave a test, or None."""
    return test["plugins"].get("autograd", {}).get("graph")


def drawn(result: dict) -> list[dict]:
    """The graphs a script's draw(v) calls drew (the autograd plugin's)."""
    return result["plugins"].get("autograd", {}).get("graphs", [])


def by_id(results: dict) -> dict[str, dict]:
    return {t["id"]: t for t in results["tests"]}


def labels(graph: dict) -> dict[str, dict]:
    return {n["label"]: n for n in graph["nodes"]}


@pytest.mark.parametrize("mistake", sorted(DOCTOR))
def test_each_mistake_flags_the_faulty_node_in_graph_and_message(run, mistake):
    source = SOLUTION if mistake == "solution.py" else MISTAKES[mistake]
    tests = by_id(run(source))
    for test_id, test in tests.items():
        expected = DOCTOR[mistake].get(test_id)
        if expected is None:
            if test["outcome"] != "passed":
                assert graph_of(test) is None or graph_of(test)["flag"] is None, (test_id, graph_of(test)["flag"])
            continue
        flag = graph_of(test)["flag"]
        assert flag is not None, test_id
        assert (flag["label"], flag["field"]) == (expected["node"], expected["field"]), (test_id, flag)
        assert expected["sentence_contains"] in flag["sentence"], (test_id, flag["sentence"])
        assert f"\nGradient doctor: {flag['sentence']}" in test["message"]
        if graph_of(test)["nodes"]:  # drawn: the flag sits on its node too
            flagged = [n for n in graph_of(test)["nodes"] if n["flag"]]
            assert [n["label"] for n in flagged] == [expected["node"]] and flag["node"] == flagged[0]["id"]


def test_reference_gets_a_graph_per_test_and_no_flags(run):
    results = run(SOLUTION)
    assert results["passed"] == results["total"]
    for test in results["tests"]:
        graph = graph_of(test)
        assert graph is not None and graph["flag"] is None, test["id"]
        assert not any(n["flag"] for n in graph["nodes"])
        assert "Gradient doctor" not in test["message"]
    assert json.loads(json.dumps(results, allow_nan=False)) == results


def test_example_1_graph_has_the_expected_nodes_and_edges(run):
    graph = graph_of(by_id(run(SOLUTION))["test_reference_example"])
    nodes = labels(graph)
    assert set(nodes) == {"a", "b", "c", "b*c", "d", "e"}
    expected = {"a": ("", "2", "0"), "b": ("", "-3", "0"), "c": ("", "10", "0"), "b*c": ("*", "-30", "0"),
                "d": ("+", "-28", "0"), "e": ("ReLU", "0", "1")}
    assert {k: (n["op"], n["data"], n["grad"]) for k, n in nodes.items()} == expected
    assert nodes["b*c"]["name"] is None and nodes["d"]["name"] == "d"
    ids = {n["id"]: n["label"] for n in graph["nodes"]}
    edges = sorted((ids[child], ids[parent]) for child, parent in graph["edges"])
    assert edges == [("a", "d"), ("b", "b*c"), ("b*c", "d"), ("c", "b*c"), ("d", "e")]
    assert ids[graph["output"]] == "e" and graph["note"] is None and graph["too_large"] is False


def test_flag_shows_on_a_passing_test_but_never_changes_its_message(run):
    reference = by_id(run(MISTAKES["unseeded_output.py"]))["test_reference_example"]
    assert reference["outcome"] == "passed" and reference["message"] == ""
    assert graph_of(reference)["flag"]["label"] == "e"


def test_a_graph_too_large_to_draw_gets_a_summary_and_still_a_doctor_on_failure(run):
    tests = by_id(run(MISTAKES["unseeded_output.py"]))
    graph = graph_of(tests["test_long_chain"])
    assert graph["too_large"] and graph["total"] == {"values": 10_002, "edges": 20_000, "exact": True}
    assert graph["note"].startswith("10,002 Values and 20,000 edges: too many to draw. Showing ")
    shown = labels(graph)
    assert {"x", "one", "y"} <= set(shown) and len(shown) <= 16 and shown["y"]["id"] == graph["output"]
    assert graph["flag"]["label"] == "y" and graph["flag"]["node"] == shown["y"]["id"] and shown["y"]["flag"]
    passing = graph_of(by_id(run(SOLUTION))["test_long_chain"])  # not checked: the walk stops at 400 edges
    assert passing["too_large"] and passing["total"]["exact"] is False and passing["flag"] is None
    assert passing["note"].startswith("More than 400 edges: too many to draw. Showing 6: the output and its nearest")
    assert {"one", "y"} <= set(labels(passing)) and "did not check this graph: it has more than 400 edges" in (
        passing["doctor_note"])


def test_a_test_without_backward_has_no_graph(run):
    starter = by_id(run((PROBLEM / "starter.py").read_text()))
    assert all(graph_of(t) is None for t in starter.values())


@pytest.mark.parametrize("case", sorted(ODD_VALUES))
def test_odd_value_classes_never_crash_the_run_or_change_a_verdict(run, monkeypatch, case):
    watched = run(ODD_VALUES[case])
    assert json.loads(json.dumps(watched, allow_nan=False)) == watched
    monkeypatch.setattr(autograd.Plugin, "loaded", lambda self, module: None)
    monkeypatch.setattr(autograd.Plugin, "class_made", lambda self, cls: None)
    unwatched = run(ODD_VALUES[case])
    for test, plain in zip(watched["tests"], unwatched["tests"], strict=True):
        assert test["outcome"] == plain["outcome"], (case, test["id"])
        assert test["message"].split("\nGradient doctor: ")[0] == plain["message"], (case, test["id"])
        assert graph_of(plain) is None


def test_notes_for_odd_graphs(run):
    graphs = {case: graph_of(by_id(run(source))["test_product_plus_self"]) for case, source in ODD_VALUES.items()}
    assert "no _prev" in graphs["no _prev"]["note"] and graphs["no _prev"]["nodes"] == []
    assert "no _op" in graphs["no _op"]["note"] and graphs["no _op"]["nodes"] == []
    assert "_prev is an int" in graphs["_prev an int"]["note"]
    assert "loop" in graphs["a loop"]["note"]
    assert "could not be read (RuntimeError)" in graphs["attributes that explode"]["note"]
    assert "stopped with ValueError" in graphs["backward raises"]["doctor_note"]
    assert graphs["backward raises"]["flag"] is None
    assert graphs["micrograd"]["flag"] is None and graphs["micrograd"]["nodes"]
    reused = graph_of(by_id(run(MICROGRAD))["test_accumulates_when_reused"])  # x + x with x once in a set
    assert reused["flag"] is None and len(reused["nodes"]) == 2


def test_without_prev_the_doctor_still_checks_the_seed(run):
    unseeded = ODD_VALUES["no _prev"].replace("self.grad = 1.0", "pass")
    graph = graph_of(by_id(run(unseeded))["test_output_seeded_with_one"])
    assert graph["nodes"] == [] and "no _prev" in graph["note"]
    assert graph["flag"]["sentence"].startswith("y.grad is 0 but should be 1")


def test_draw_calls_left_in_the_code_do_nothing_when_the_tests_run(run):
    results = run(SOLUTION + EXAMPLE_1 + "draw(e)\n")
    assert results["error"] is None and results["passed"] == results["total"]
    assert "draw" not in vars(builtins)  # only while the tests run


def test_run_script_prints_and_draws_with_names(script):
    result = script(SOLUTION + EXAMPLE_1 + "print('e is', e.data)\ndraw(e)\n")
    assert result["error"] is None and result["output"] == "e is 0\n" and result["timings"]["total"] > 0
    [graph] = drawn(result)
    assert set(labels(graph)) == {"a", "b", "c", "b*c", "d", "e"} and len(graph["edges"]) == 5
    assert graph["flag"] is None and graph["doctor_note"] is None
    assert json.loads(json.dumps(result, allow_nan=False)) == result


def test_names_come_from_the_backward_caller_and_the_draw_caller(script):
    code = "def f():\n    u = Value(2)\n    v = u * u\n    v.backward()\n    return v\n\nw = f()\ndraw(w)\n"
    [graph] = drawn(script(SOLUTION + code))
    assert {(n["name"], n["grad"]) for n in graph["nodes"]} == {("u", "4"), ("w", "1")}


def test_run_script_draw_flags_mistakes_and_wrong_data(script):
    [graph] = drawn(script(MISTAKES["relu_ignores_sign.py"] + EXAMPLE_1 + "draw(e)\n"))
    assert graph["flag"]["label"] == "d" and labels(graph)["d"]["flag"]["expected"] == "0"
    wrong_sum = SOLUTION.replace("Value(self.data + other.data,", "Value(self.data - other.data,")
    [graph] = drawn(script(wrong_sum + EXAMPLE_1 + "draw(e)\n"))
    assert graph["flag"]["field"] == "data" and graph["flag"]["label"] == "d"
    add_line = wrong_sum.splitlines().index("    def __add__(self, other):") + 1
    assert graph["flag"]["sentence"] == ("d.data is 32 but should be -28 (d = a + b*c): + makes a Value whose data "
                                         f"is the sum of its inputs' data (2 + -30). Look at `__add__`, "
                                         f"line {add_line} of your code")
    assert (graph["flag"]["where"], graph["flag"]["line"]) == ("`__add__`", add_line)


def test_the_doctor_names_the_method_and_line_to_change(run):
    results = run(MISTAKES["swapped_product.py"])
    product = next(t for t in results["tests"] if t["id"] == "test_product_plus_self")
    source = MISTAKES["swapped_product.py"].splitlines()
    mul = source.index("    def __mul__(self, other):")
    rule = next(i for i in range(mul, len(source)) if source[i].strip() == "def _backward():") + 1
    assert f"Look at `__mul__`'s `_backward`, line {rule} of your code" in product["message"]
    assert product["line"] == rule  # "Show line" goes there
    seed = next(t for t in results["tests"] if t["id"] == "test_output_seeded_with_one")
    assert "Look at" in seed["message"]


def test_run_script_gradients_not_checked_when_they_cannot_be_known(script):
    twice = script(SOLUTION + "a = Value(2)\nb = a * 3\nb.backward()\nb.backward()\ndraw(b)\ndraw(a * 5)\n")
    again, undrawn = drawn(twice)
    assert again["flag"] is None and "ran 2 times" in again["doctor_note"]
    assert undrawn["flag"] is None and "not called on this Value" in undrawn["doctor_note"]
    shared = script(SOLUTION + "a = Value(2)\nb = a * 3\nb.backward()\nc = a + 1\nc.backward()\ndraw(c)\n")
    assert drawn(shared)[0]["flag"] is None and "shares Values" in drawn(shared)[0]["doctor_note"]
    tanh = SOLUTION.replace("    def backward(self):", (
        "    def sigmoid(self):\n        import math\n"
        "        out = Value(1 / (1 + math.exp(-self.data)), (self,), 'sigmoid')\n"
        "        def _backward():\n            self.grad += out.data * (1 - out.data) * out.grad\n"
        "        out._backward = _backward\n        return out\n\n    def backward(self):"))
    [graph] = drawn(script(tanh + "x = Value(0.5)\ny = x.sigmoid() * 2\ny.backward()\ndraw(y)\n"))
    assert graph["flag"] is None and "no rule for" in graph["doctor_note"]


def test_run_script_notes_instead_of_huge_or_odd_graphs(script):
    result = script(SOLUTION + "x = Value(1)\nfor _ in range(600):\n    x = x + 1\nx.backward()\ndraw(x)\ndraw(3)\n")
    big, number = drawn(result)
    assert big["too_large"] and "1,201 Values and 1,200 edges" in big["note"] and big["flag"] is None
    assert 0 < len(big["nodes"]) <= 16 and labels(big)["x"]["id"] == big["output"]
    assert number["note"] == "draw() needs a Value, and this is an int."
    weird = script(SOLUTION + "a = Value(float('inf'))\nb = a * 0\nb.backward()\ndraw(b)\n")
    json.dumps(weird, allow_nan=False)
    assert labels(drawn(weird)[0])["a"]["data"] == "inf"


def test_run_script_errors_name_the_learners_line(script):
    result = script("print('before')\ndef f():\n    return 1 / 0\n\nf()\n")
    assert result["output"] == "before\n"
    error = result["error"]
    assert (error["type"], error["line"]) == ("ZeroDivisionError", 3)
    assert "line 5" in error["traceback"] and "playground" not in error["traceback"]
    assert script("x = (\n")["error"]["type"] == "SyntaxError"
    assert script("import sys\nsys.exit(0)\n")["error"] is None
    assert "draw() missing 1 required positional argument" in script("draw()\n")["error"]["message"]
    # what the page's Stop button does: Pyodide's interrupt buffer raises SIGINT
    stopped = script("print('working')\nimport signal\nsignal.raise_signal(signal.SIGINT)\n")
    assert stopped["status"] == "stopped" and stopped["stopped"]["phase"] == "running"
    assert stopped["error"] is None and stopped["output"] == "working\n"


def test_run_script_caps_output_and_draws(script):
    result = script("for i in range(20_000):\n    print(i)\n")
    assert result["output"].count("\n") < 10_010 and "output cut" in result["output"]
    many = script(SOLUTION + "for i in range(25):\n    draw(Value(i))\n")
    assert len(drawn(many)) == 20 and "draw() was called 25 times" in many["output"]


@pytest.mark.pyodide
def test_doctor_flags_the_same_nodes_inside_pyodide(tmp_path):
    """Python 3.14 in Pyodide reads frames' locals differently (PEP 667): the names must still come through."""
    if not (ROOT / "build" / "public" / "manifest.json").exists():
        pytest.fail("build/public is missing: run `make build` (make test does it first)")
    request = tmp_path / "cases.json"
    request.write_text(json.dumps([{"name": name, "code": MISTAKES[name] if name != "solution.py"
                                    else SOLUTION} for name in DOCTOR]))
    done = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "run_harness.mjs"), str(request)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)["results"]
    for mistake, expected in DOCTOR.items():
        tests = by_id(results[mistake])
        flagged = {test_id: (graph_of(t)["flag"]["label"], graph_of(t)["flag"]["sentence"])
                   for test_id, t in tests.items() if t["outcome"] != "passed" and graph_of(t) and graph_of(t)["flag"]}
        assert set(flagged) == set(expected), mistake
        for test_id, (label, sentence) in flagged.items():
            assert label == expected[test_id]["node"] and expected[test_id]["sentence_contains"] in sentence
    example = graph_of(by_id(results["solution.py"])["test_reference_example"])
    assert {n["label"] for n in example["nodes"]} == {"a", "b", "c", "b*c", "d", "e"}


# _prev copies its inputs' _prev: y = x + x + ... (40 times) has 41 Values and 1,640 edges
PREV_COPIED = SOLUTION.replace("(self, other), '+')", "self._prev + other._prev + (self, other), '+')")


def test_one_number_format_that_never_raises():
    from fractions import Fraction

    from playground.plugins.autograd.nodes import fmt, shown_apart

    class Odd(int):
        def __repr__(self):
            raise RuntimeError("never called")

        __str__ = __repr__

    assert [fmt(x) for x in (-4.0, 2.5, 0.1 + 0.2, 3, Odd(7), True, None, 1e16, float("nan"), -float("inf"))] == [
        "-4", "2.5", "0.30000000000000004", "3", "7", "True", "None", "1e+16", "nan", "-inf"]
    assert (fmt(Fraction(-28, 1)), fmt(Fraction(1, 3)), fmt(10**19)) == ("-28", "1/3", "10000000000000000000")
    assert fmt(-(10**5000) - 7) == "-100000…000007 (5,001 digits)"
    assert fmt(10**4999 * 9 + 1) == "900000…000001 (5,000 digits)"
    assert fmt(3**2_000_000).endswith("(about 954,243 digits)")
    assert fmt("x" * 1_000_000) == repr("x" * 27) + "…"
    assert shown_apart(Fraction(1, 3), 1 / 3) == ("1/3", "0.333333")  # rounded as the tests compare
    assert shown_apart(0.30000000000000004, 0.3) == ("0.30000000000000004", "0.3")  # unless they then read the same
    assert shown_apart(1.408366206098137e+47, -0.837125) == ("1.40837e+47", "-0.837125")
    assert shown_apart(-28.0, -28) == ("-28 (a float)", "-28")


def test_drawing_budgets_count_edges_as_well_as_values(script):
    def drawn_with(uses: int) -> dict:
        [graph] = script(PREV_COPIED + f"x = Value(0.5)\ny = x\nfor _ in range({uses}):\n    y = y + x\n"
                         "y.backward()\ndraw(y)\n")["plugins"]["autograd"]["graphs"]
        return graph

    small = drawn_with(10)  # 11 Values, 110 edges: drawn in full
    assert not small["too_large"] and len(small["nodes"]) == 11 and len(small["edges"]) == 110
    for uses in (40, 80, 120):  # 1,640 / 6,480 / 14,520 edges
        graph = drawn_with(uses)
        assert graph["too_large"] and graph["total"]["values"] == uses + 1, uses
        assert f"{uses + 1} Values and {uses * (uses + 1):,} edges" in graph["note"]
        assert len(graph["nodes"]) <= 16 and len(graph["edges"]) <= graph_module.MAX_EDGES
    chain = script(SOLUTION + "x = Value(1)\nfor _ in range(149):\n    x = x + 1\nx.backward()\ndraw(x)\n")
    assert len(drawn(chain)[0]["nodes"]) == 299  # within MAX_NODES: in full


def test_every_text_is_capped_where_it_is_made(script):
    huge_op = SOLUTION.replace("(self, other), '+')", "(self, other), '+' * 1_000_000)")
    result = script(huge_op + "a = Value(1)\nb = a + 2\nb.backward()\nfor _ in range(20):\n    draw(b)\n")
    assert len(drawn(result)) == 20 and len(json.dumps(result)) < 100_000
    assert labels(drawn(result)[0])["b"]["op"] == "+" * 11 + "…"
    digits = script(SOLUTION + "a = Value(10**5000)\nb = a * 2\ndraw(b)\n")
    [graph] = drawn(digits)
    assert labels(graph)["b"]["data"] == "200000…000000 (5,001 digits)" and graph["note"] is None
    long_name = script(SOLUTION + f"{'v' * 500} = Value(2)\nw = {'v' * 500} * 2\nw.backward()\ndraw(w)\n")
    assert {len(n["label"]) for n in drawn(long_name)[0]["nodes"]} == {24, 1}


def test_graphs_of_one_run_share_a_byte_budget():
    big = {"nodes": [{"label": "x" * 1000}] * 90}  # ~90 KB of JSON each
    kept = []
    for _ in range(20):
        kept.append(graph_module.within_total(big, kept))
    assert kept[9] is big and "fill the page's budget" in kept[-1]["note"]
    assert sum(len(json.dumps(g)) for g in kept) <= graph_module.TOTAL_BYTES


def test_the_page_and_its_python_agree_on_the_drawing_budget():
    page_side = (ROOT / "static" / "plugins" / "autograd" / "graph-layout.js").read_text()
    assert f"MAX_NODES = {graph_module.MAX_NODES};" in page_side
    assert f"MAX_EDGES = {graph_module.MAX_EDGES};" in page_side


def test_a_summary_merges_the_edges_between_two_values(script):
    code = "x = Value(0.5)\ny = x\nfor _ in range(400):\n    y = y + x\ny.backward()\ndraw(y)\n"
    [graph] = drawn(script(PREV_COPIED + code))
    assert graph["too_large"] and "401 Values and 160,400 edges" in graph["note"]
    pairs = [(a, b) for a, b, *_ in graph["edges"]]
    assert len(pairs) == len(set(pairs)) <= 60 and max(e[2] for e in graph["edges"] if len(e) == 3) >= 400


NEW_OPS = SOLUTION.replace("    def backward(self):", (
    "    def __pow__(self, k):\n        out = Value(self.data ** k, (self,), f'**{k}')\n"
    "        def _backward():\n            self.grad += RULE_POW * out.grad\n"
    "        out._backward = _backward\n        return out\n\n"
    "    def tanh(self):\n        import math\n        out = Value(math.tanh(self.data), (self,), 'tanh')\n"
    "        def _backward():\n            self.grad += RULE_TANH * out.grad\n"
    "        out._backward = _backward\n        return out\n\n"
    "    def __truediv__(self, other):\n        out = Value(self.data / other.data, (self, other), '/')\n"
    "        def _backward():\n            self.grad += out.grad / other.data\n"
    "            other.grad -= out.grad * self.data / other.data ** 2\n"
    "        out._backward = _backward\n        return out\n\n    def backward(self):"))
POW_RIGHT, TANH_RIGHT = "k * self.data ** (k - 1)", "(1 - out.data ** 2)"


@pytest.mark.parametrize(("pow_rule", "tanh_rule", "culprit", "said"), [
    (POW_RIGHT, TANH_RIGHT, None, None),
    ("self.data ** (k - 1)", TANH_RIGHT, "__pow__", "the power rule multiplies by the exponent"),
    (POW_RIGHT, "(1 - self.data ** 2)", "tanh", "tanh's derivative comes from its output"),
])
def test_the_doctor_knows_powers_tanh_and_division(script, pow_rule, tanh_rule, culprit, said):
    code = NEW_OPS.replace("RULE_POW", pow_rule).replace("RULE_TANH", tanh_rule)
    run = script(code + "x = Value(0.8)\ny = Value(2.0)\nz = (x ** 3).tanh() / y\nz.backward()\ndraw(z)\n")
    [graph] = drawn(run)
    assert graph["doctor_note"] is None
    if culprit is None:
        assert graph["flag"] is None
    else:
        assert f"Look at `{culprit}`'s `_backward`" in graph["flag"]["sentence"] and said in graph["flag"]["sentence"]


def test_run_code_checks_a_graph_of_a_provided_value_and_never_blames_the_provided_file(tmp_path):
    folder = tmp_path / "uses_engine"
    (folder / "provided").mkdir(parents=True)
    (folder / "provided" / "engine.py").write_text(SOLUTION)
    (folder / "problem.json").write_text(json.dumps({
        "id": "uses_engine", "title": "t", "provides": ["engine.py"], "plugins": {"autograd": {}},
        "tests": [{"id": "test_x", "name": "x"}]}))
    code = "from engine import Value\nx = Value(3.0)\ny = Value(-4.0)\nz = x * y\nz.backward()\ndraw(z)\n"
    stepped = code.replace("draw(z)", "x.data -= 0.1 * x.grad\ndraw(z)")  # a training step after backward()
    checked, after_a_step = (drawn(run_script(source, workdir=tmp_path / "s", problem_dir=folder))[0]
                             for source in (code, stepped))
    assert checked["flag"] is None and checked["doctor_note"] is None and checked["total"]["values"] == 3
    assert after_a_step["flag"] is None
    assert "disagrees with the rules in engine.py, which are right" in after_a_step["doctor_note"]


def test_a_stopped_test_says_how_many_backward_calls_it_made(run):
    stop_in_backward = SOLUTION.replace("    def backward(self):", (
        "    def backward(self):\n        import signal\n        signal.raise_signal(signal.SIGINT)\n"
        "        self.old_backward()\n\n    def old_backward(self):"))
    results = run(stop_in_backward)
    first = results["tests"][0]
    assert results["status"] == "stopped" and first["outcome"] == "stopped"
    assert first["progress"] == {"what": "backward() calls", "count": 1}
    assert all(t["progress"] is None for t in results["tests"][1:])


# micrograd's engine, whose _prev is a set: its members iterate in an order that follows id(), which changes with
# PYTHONHASHSEED and with what was allocated before. Its __neg__ has a rule of its own, with the wrong sign.
# The operator set's problem: the first whose variants include Karpathy's engine and a pow that assigns.
OPERATORS = next(p for p in all_problems() if {"karpathy_engine.py", "pow_assigns.py"} <= set(p.mistakes))
NEG_RULE = OPERATORS.mistakes["karpathy_engine.py"].replace(
    "    def __neg__(self): # -self\n        return self * -1\n",
    "    def __neg__(self): # -self\n        out = Value(-self.data, (self,), 'neg')\n\n        def _backward():\n"
    "            self.grad += out.grad\n        out._backward = _backward\n\n        return out\n")
ONE_RUN = """import json, sys
from pathlib import Path
noise = [object() for _ in range(int(sys.argv[1]))]  # shifts the ids of what comes next
from playground import run_tests
from playground.script import run_script
problem = Path(sys.argv[2])
tests = run_tests(problem, Path(sys.argv[3]).read_text(), workdir=Path(sys.argv[4]) / "tests")["tests"]
script = run_script(Path(sys.argv[5]).read_text(), workdir=Path(sys.argv[4]) / "script", problem_dir=problem)
flag = script["plugins"]["autograd"]["graphs"][0]["flag"]
flag.pop("step")  # the replay's step: the order this run's backward() took, which a set's order may change
print(json.dumps([[t["outcome"], t["message"]] for t in tests] + [flag]))
"""


def test_the_same_code_gets_one_verdict_and_message_whatever_the_order_of_a_set(tmp_path):
    problem = OPERATORS.folder
    engine = tmp_path / "pow_assigns.py"  # its long expression's gradients change with the set order
    engine.write_text(OPERATORS.mistakes[engine.name])
    script = tmp_path / "neg.py"
    script.write_text(NEG_RULE + "\nx = Value(3.0)\ny = Value(2.0)\nz = -x + x * y + (-x) * (-y)\nz.backward()\n"
                      "draw(z)\n")
    assert NEG_RULE.count("'neg'") == 1
    runner = tmp_path / "one_run.py"
    runner.write_text(ONE_RUN)

    def one_run(run: int) -> str:  # a fresh Python, its own hash seed, and a different amount allocated first
        env = {**os.environ, "PYTHONHASHSEED": str(run), "PYTHONPATH": str(ROOT / "py"), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run([sys.executable, str(runner), str(run * 97), str(problem), str(engine),
                               str(tmp_path / f"run{run}"), str(script)],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = set(pool.map(one_run, range(10)))
    assert len(seen) == 1, seen
    *tests, flag = json.loads(seen.pop())
    assert "Look at `__pow__`'s `_backward`" in tests[-1][1]
    assert "Look at `__neg__`'s `_backward`" in flag["sentence"] and "the derivative of -x is -1" in flag["sentence"]


def test_with_the_doctor_off_a_graph_says_so_and_vouches_for_nothing(tmp_path):
    """A problem may turn the doctor off because its engine is wrong on purpose: no flag, no blame, and a note
    (which keeps the page from its "every Value agrees" line)."""
    problem = next(p for p in all_problems() if p.meta.get("plugins", {}).get("autograd", {}).get("doctor") is False
                   and p.meta["plugins"]["autograd"].get("graph", True))
    engine = problem.meta["plugins"]["autograd"]["engine"]
    code = f"from {engine} import Value\nx = Value(2.0)\ny = x * x\ny.backward()\nx.grad = 99.0\ndraw(y)\n"
    result = run_script(code, workdir=tmp_path / "script", problem_dir=problem.folder)
    [graph] = drawn(result)
    assert graph["flag"] is None and graph["doctor_note"] == graph_module.DOCTOR_OFF
