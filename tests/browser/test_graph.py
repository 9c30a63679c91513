"""The graph view: each test's graph, the gradient doctor's flag on the faulty node, and draw() from Run code.

Each page load boots Pyodide (a few seconds), so each test here runs several programs in one page.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from pageutil import RUN_TIMEOUT_MS, item_named, load_axe, paste_code, results_region

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MISTAKES = ROOT / "tests" / "mistakes"
DOCTOR = json.loads((MISTAKES / "doctor_expectations.json").read_text())
COMMON_MISTAKES = ["assign_not_accumulate", "relu_ignores_sign", "swapped_product", "unseeded_output",
                   "recursive_no_topo"]

# Example 1 of the statement, as test_reference_example builds it: (label, op, data, grad) per Value.
EXAMPLE_1 = [("a", "", 2, 0), ("b", "", -3, 0), ("c", "", 10, 0), ("b*c", "*", -30, 0), ("d", "+", -28, 0),
             ("e", "ReLU", 0, 1)]


def run_tests(page: Page) -> None:
    """Run the tests and wait for the new results. (pageutil.run_tests waits for aria-busy="true", which a
    second run in the same page, ~0.1 s, can set and clear between two of Playwright's polls.)"""
    region = results_region(page)
    region.locator("li").evaluate_all("items => items.forEach(li => { li.dataset.old = '' })")
    page.get_by_role("button", name="Run tests").click()
    expect(region.locator("li[data-old]")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    expect(region).to_have_attribute("aria-busy", "false", timeout=RUN_TIMEOUT_MS)


def open_graph(page: Page, test_name: str, drawn: bool = True) -> Locator:
    """Open the test's graph (if it is not open already) and return its panel, once shown."""
    button = item_named(page, test_name).get_by_role("button", name="Show graph")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f"#{button.get_attribute('aria-controls')}")
    if drawn:
        expect(panel.locator("svg.graph-svg")).to_be_visible()
    else:  # too large to draw: a note says so, and the doctor's sentence still shows
        expect(panel.locator(".graph-note").first).to_contain_text("too many to draw")
        expect(panel.locator("svg")).to_have_count(0)
    return panel


def node(panel: Locator, label: str) -> Locator:
    return panel.locator(f'g.graph-node[data-label="{label}"]')


def test_each_common_mistake_gets_the_right_node_flagged(page, problem):
    names = {test["id"]: test["name"] for test in problem["tests"]}
    for mistake in COMMON_MISTAKES:
        paste_code(page, (MISTAKES / f"{mistake}.py").read_text())
        run_tests(page)
        for test_id, want in DOCTOR[f"{mistake}.py"].items():
            where = f"{mistake}: {test_id}"
            expect(item_named(page, names[test_id]), where).to_have_attribute("data-status", "failed")
            panel = open_graph(page, names[test_id], drawn=test_id != "test_long_chain")
            expect(panel.locator(".graph-flag"), where).to_contain_text(want["sentence_contains"])
            if test_id == "test_long_chain":
                continue
            flagged = panel.locator("g.graph-node[data-flagged]")
            expect(flagged, where).to_have_count(1)
            expect(flagged, where).to_have_attribute("data-label", want["node"])
            expect(flagged, where).to_have_attribute("data-flagged", want["field"])
            expect(flagged, where).to_contain_text(f"⚠ {want['field']} should be")  # text, not colour alone
            expect(panel.get_by_role("img"), where).to_have_attribute(
                "aria-label", re.compile(rf"flags {re.escape(want['node'])}:"))
        if mistake == "assign_not_accumulate":  # y = x + x: one arrow per use of x
            panel = open_graph(page, names["test_accumulates_when_reused"])
            expect(panel.locator("path.graph-edge")).to_have_count(2)


def test_correct_solution_has_no_flags_and_example_1_draws_its_values(page, problem, solution):
    loaded = "performance.getEntriesByType('resource').some(r => r.name.includes('graph-view'))"
    paste_code(page, solution)
    run_tests(page)
    assert not page.evaluate(loaded), "the graph view (and dagre) should load only when a graph is shown"

    for test in problem["tests"]:
        panel = open_graph(page, test["name"], drawn=test["id"] != "test_long_chain")
        if test["id"] == "test_long_chain":
            continue
        expect(panel.locator("g.graph-node[data-flagged]")).to_have_count(0)
        expect(panel.locator(".graph-flag")).to_have_count(0)
        expect(panel.locator(".graph-ok")).to_be_visible()

    panel = open_graph(page, problem["tests"][0]["name"])  # test_reference_example: Example 1
    expect(panel.locator("g.graph-node")).to_have_count(len(EXAMPLE_1))
    expect(panel.locator("path.graph-edge")).to_have_count(5)
    for label, op, data, grad in EXAMPLE_1:
        box = node(panel, label)
        expect(box).to_contain_text(f"data {data}")
        expect(box).to_contain_text(f"grad {grad}")
        if op:
            expect(box.locator(".graph-op")).to_have_text(op)
    expect(node(panel, "e")).to_have_attribute("data-output", "true")
    # the text alternative: a table row per Value, with its inputs
    panel.get_by_text("The graph as a table").click()
    row = panel.get_by_role("row").filter(has=page.get_by_role("rowheader", name="d", exact=True))
    expect(row).to_contain_text("-28")
    expect(row.get_by_role("cell").nth(3)).to_have_text("a, b*c")

    # zoom by button moves the view; Reset brings it back
    svg = panel.locator("svg.graph-svg")
    start = svg.get_attribute("viewBox")
    panel.get_by_role("button", name="Zoom in").click()
    assert svg.get_attribute("viewBox") != start
    panel.get_by_role("button", name="Reset the view").click()
    assert svg.get_attribute("viewBox") == start
    svg.hover()
    page.mouse.wheel(0, -300)  # the page's scroll, until the drawing is clicked
    assert svg.get_attribute("viewBox") == start
    svg.click()
    page.mouse.wheel(0, -300)
    expect(svg).not_to_have_attribute("viewBox", start)
    page.keyboard.press("0")  # the drawing has the focus: 0 resets, as the button does
    assert svg.get_attribute("viewBox") == start

    # the disclosure works from the keyboard, and stays open across runs
    button = item_named(page, problem["tests"][1]["name"]).get_by_role("button", name="Show graph")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    run_tests(page)
    expect(item_named(page, problem["tests"][1]["name"]).locator("svg.graph-svg")).to_be_visible()


def test_run_code_prints_and_draws(page, solution):
    script = solution + (
        "\nx = Value(3.0)\ny = Value(-4.0)\nz = x * y + x\nz.backward()\n"
        "print('z is', z.data, '<b>not bold</b>')\ndraw(z)\n")
    paste_code(page, script)
    page.get_by_role("button", name="Run code").click()
    output = page.get_by_role("region", name="Run output")
    expect(output).to_have_attribute("aria-busy", "false", timeout=RUN_TIMEOUT_MS)
    expect(output.locator("pre")).to_have_text("z is -9.0 <b>not bold</b>\n")
    assert output.locator("b").count() == 0
    expect(output.locator("svg.graph-svg")).to_be_visible()
    expect(output.locator("g.graph-node")).to_have_count(4)
    expect(node(output, "x")).to_contain_text("grad -3")
    expect(node(output, "z")).to_have_attribute("data-output", "true")
    expect(output.locator("g.graph-node[data-flagged]")).to_have_count(0)

    # a mistake drawn from Run code gets its flag too; an error names its line
    paste_code(page, (MISTAKES / "swapped_product.py").read_text() + script[len(solution):] + "1/0\n")
    page.get_by_role("button", name="Run code").click()
    expect(output.locator("g.graph-node[data-flagged]")).to_have_attribute("data-label", "x", timeout=RUN_TIMEOUT_MS)
    expect(output.locator(".graph-flag")).to_contain_text("x.grad is 4 but should be -3")
    expect(output).to_contain_text("ZeroDivisionError")
    expect(output.get_by_role("button", name=re.compile(r"Show line \d+ in the editor"))).to_be_visible()
    expect(results_region(page).get_by_role("listitem").first).to_have_attribute("data-status", "pending")

    # Run tests and Run code share the worker: clicked together, both run, one after the other
    paste_code(page, script)
    page.get_by_role("button", name="Run tests").click()
    page.get_by_role("button", name="Run code").click()
    expect(output).to_contain_text("Ran in", timeout=RUN_TIMEOUT_MS)
    expect(results_region(page).get_by_text(re.compile(r"^7/7 passed"))).to_be_visible()

    # Stop ends a script that never ends; what it printed before is kept
    paste_code(page, "print('before the loop')\nwhile True:\n    pass\n")
    page.get_by_role("button", name="Run code").click()
    expect(output).to_contain_text("Running your code")
    page.get_by_role("button", name="Stop").click()
    expect(output).to_contain_text("Stopped by you", timeout=RUN_TIMEOUT_MS)
    expect(output.locator("pre")).to_have_text("before the loop\n")

    # with a graph open in the page, still no serious accessibility violation
    load_axe(page)
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        found = page.evaluate("async () => (await axe.run()).violations.filter(v => "
                              "['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)")
        assert not found, f"{scheme}: {found}"
