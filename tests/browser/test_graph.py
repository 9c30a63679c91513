"""The graph view: each test's graph, the gradient doctor's flag on the faulty node, and draw() from Run code.

Each page load boots Pyodide (a few seconds), so each test here runs several programs in one page.
"""

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from pageutil import (
    IN_THE_LOOP,
    PROBLEM,
    RUN_TIMEOUT_MS,
    SIGNAL,
    item_named,
    paste_code,
    results_region,
    serious_violations,
    wait_until_ready,
)

pytestmark = pytest.mark.browser

MISTAKES = PROBLEM.mistakes
DOCTOR = json.loads((PROBLEM.folder / "mistakes" / "doctor_expectations.json").read_text())
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


def open_graph(page: Page, test_name: str) -> Locator:
    """Open the test's graph (if it is not open already) and return its panel, once drawn."""
    button = item_named(page, test_name).get_by_role("button", name="Show graph")
    expect(button).to_have_accessible_description(test_name)  # which test's graph, for a screen reader
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f"#{button.get_attribute('aria-controls')}")
    expect(panel.locator("svg.graph-svg")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    return panel


def node(panel: Locator, label: str) -> Locator:
    return panel.locator(f'g.graph-node[data-label="{label}"]')


def test_each_common_mistake_gets_the_right_node_flagged(page, problem):
    names = {test["id"]: test["name"] for test in problem["tests"]}
    for mistake in COMMON_MISTAKES:
        paste_code(page, MISTAKES[f"{mistake}.py"])
        run_tests(page)
        for test_id, want in DOCTOR[f"{mistake}.py"].items():
            where = f"{mistake}: {test_id}"
            expect(item_named(page, names[test_id]), where).to_have_attribute("data-status", "failed")
            panel = open_graph(page, names[test_id])
            item = item_named(page, names[test_id])
            sentence = want["sentence_contains"].replace("`", "")  # the page shows `code` as code
            expect(item.locator(".test-message"), where).to_contain_text(sentence)
            expect(panel.locator(".graph-flag"), where).to_have_count(0)  # the doctor's sentence is said once
            assert item.inner_text().count(sentence) == 1, where
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


@pytest.mark.fresh_page  # it checks that a visit loads the graph view only once a graph is shown
def test_correct_solution_has_no_flags_and_example_1_draws_its_values(page, problem, solution):
    loaded = "performance.getEntriesByType('resource').some(r => r.name.includes('graph-view'))"
    paste_code(page, solution)
    run_tests(page)
    assert not page.evaluate(loaded), "the graph view (and dagre) should load only when a graph is shown"

    for test in problem["tests"]:
        if test["id"] == "test_long_chain":  # a summary, unflagged as the test passed: nothing to learn from it
            entry = item_named(page, test["name"])
            expect(entry.get_by_role("button", name="Show graph")).to_have_count(0)
            expect(entry).to_contain_text("No graph here: this test's graph is too large to read as a drawing.")
            continue
        panel = open_graph(page, test["name"])
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
    panel.get_by_role("button", name="Zoom in").click()
    panel.get_by_role("button", name="Show the whole graph").click()  # every Value in view, nothing cropped
    assert svg.evaluate("""(svg) => {
        const [x, y, w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
        const drawn = svg.getBBox();
        return x <= drawn.x + 1 && y <= drawn.y + 1 && x + w >= drawn.x + drawn.width - 1
            && y + h >= drawn.y + drawn.height - 1;
    }""")

    # the disclosure works from the keyboard
    button = item_named(page, problem["tests"][1]["name"]).get_by_role("button", name="Show graph")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")


def test_run_code_prints_and_draws(page, solution, required):
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
    paste_code(page, MISTAKES["swapped_product.py"] + script[len(solution):] + "1/0\n")
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
    expect(results_region(page).get_by_text(re.compile(rf"^{required}/{required} passed"))).to_be_visible()

    # Stop ends a script that never ends; what it printed before is kept
    paste_code(page, f"print('before the loop')\n{SIGNAL}\nwhile True:\n    pass\n")
    with page.expect_console_message(lambda message: message.text == IN_THE_LOOP, timeout=RUN_TIMEOUT_MS):
        page.get_by_role("button", name="Run code").click()
    page.get_by_role("button", name="Stop").click()
    expect(output).to_contain_text("Stopped by you", timeout=RUN_TIMEOUT_MS)
    expect(output.locator("pre")).to_have_text("before the loop\n")

    # with a graph open in the page, still no serious accessibility violation
    serious = serious_violations(page)
    assert not serious, "axe found:\n" + json.dumps(serious, indent=1)


# The main thread's worst stall while a graph is drawn, measured by long tasks (as Chromium reports them) and a
# 20 ms heartbeat, and printed: `make bench` is where speed is judged. The bounds here catch what the layout worker
# and the budgets fixed (41 Values and 1,640 edges froze the page for 12.5 s; 121 crashed the tab), loosely enough
# that a busy machine cannot fail them: on 2 busy cores the heartbeat showed gaps of 900 ms while the longest task
# was 165 ms, since it also counts time the VM did not run Chromium at all.
WORST_TASK_MS = 3000
WORST_BEAT_MS = 6000
START_HEARTBEAT = """() => {
    const beat = window.__beat = { worst: 0, last: performance.now(), longTask: 0 };
    beat.timer = setInterval(() => {
        const now = performance.now();
        beat.worst = Math.max(beat.worst, now - beat.last);
        beat.last = now;
    }, 20);
    beat.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) beat.longTask = Math.max(beat.longTask, entry.duration);
    });
    beat.observer.observe({ type: "longtask" });
}"""
STOP_HEARTBEAT = """() => {
    const beat = window.__beat;
    clearInterval(beat.timer);
    beat.observer.disconnect();
    return { worst: Math.max(beat.worst, performance.now() - beat.last), longTask: beat.longTask };
}"""

# _prev copies its inputs' _prev (a plausible mistake): y = x + x + ... has n + 1 Values and n(n + 1) edges
PREV_COPIED_ADD = ("(self, other), '+')", "self._prev + other._prev + (self, other), '+')")
RANDOM_DAG = """
import random
random.seed(1)
values = [Value(random.uniform(-1, 1)), Value(random.uniform(-1, 1))]
while len(values) < {n}:
    other = random.choice(values)
    values.append(values[-1] * other if random.random() < 0.5 else values[-1] + other)
y = values[-1]
y.backward()
draw(y)
"""


def run_code(page: Page, code: str | None = None) -> Locator:
    """Run code (the editor's, or code pasted first) and wait until it ran."""
    if code is not None:
        paste_code(page, code)
    output = page.get_by_role("region", name="Run output")
    page.get_by_role("button", name="Run code").click()
    expect(output).to_contain_text("Ran in", timeout=RUN_TIMEOUT_MS)
    return output


def worst_block(page: Page, case: str, draw, code: str | None = None) -> None:
    """Paste code, then run draw() (which waits until the drawing is on the page) under the heartbeat."""
    wait_until_ready(page)  # Python's boot competes for the two cores: measure the drawing, not that
    if code is not None:
        paste_code(page, code)
    page.evaluate(START_HEARTBEAT)
    draw()
    beat = page.evaluate(STOP_HEARTBEAT)
    print(f"\n{case}: longest task {beat['longTask']:.0f} ms, worst heartbeat gap {beat['worst']:.0f} ms")
    assert beat["longTask"] < WORST_TASK_MS and beat["worst"] < WORST_BEAT_MS, (case, beat)


def test_drawing_never_blocks_the_page(page, solution):
    prev_copied = solution.replace(*PREV_COPIED_ADD)

    def summary_of(values: int, edges: int):
        def draw():
            output = run_code(page)
            note = output.locator(".drawn-graph .graph-note").first
            expect(note).to_contain_text(f"{values:,} Values and {edges:,} edges")
            expect(output.locator("svg.graph-svg")).to_be_visible()
            assert output.locator("g.graph-node").count() <= 16
        return draw

    for uses in (40, 80, 120):  # 41 Values and 1,640 edges froze the page for 12.5 s; 121 crashed the tab
        code = prev_copied + f"x = Value(0.5)\ny = x\nfor _ in range({uses}):\n    y = y + x\ny.backward()\ndraw(y)\n"
        worst_block(page, f"_prev copied, {uses + 1} Values", summary_of(uses + 1, uses * (uses + 1)), code)
    worst_block(page, "random DAG of 500 Values", summary_of(500, 996), solution + RANDOM_DAG.format(n=500))
    chain = "x = Value(1.0)\none = Value(1.0)\ny = x\nfor _ in range(10_000):\n    y = y + one\ny.backward()\ndraw(y)\n"
    worst_block(page, "Run code draw() of a chain of 10,000", summary_of(10_002, 20_000), solution + chain)

    def in_full():  # at the budget's edge: laid out in full, in the layout worker
        output = run_code(page)
        expect(output.locator("g.graph-node")).to_have_count(200, timeout=RUN_TIMEOUT_MS)
        expect(output.locator("path.graph-edge")).to_have_count(396)
    worst_block(page, "random DAG of 200 Values, 396 edges, in full", in_full, solution + RANDOM_DAG.format(n=200))


def test_huge_texts_and_numbers_are_cut_where_they_are_made(page, solution):
    huge_op = solution.replace("(self, other), '+')", "(self, other), '+' * 1_000_000)")

    def twenty_draws():
        output = run_code(page)
        expect(output.locator("svg.graph-svg")).to_have_count(20, timeout=RUN_TIMEOUT_MS)
        expect(node(output, "b").first.locator(".graph-op")).to_have_text("+" * 11 + "…")
    twenty = "a = Value(1)\nb = a + 2\nb.backward()\nfor _ in range(20):\n    draw(b)\n"
    worst_block(page, "a 1 MB _op drawn 20 times", twenty_draws, huge_op + twenty)

    def digits():
        output = run_code(page)
        expect(node(output, "b")).to_contain_text("data 200000…000000 (5,001 digits)")
    worst_block(page, "an int of 5,001 digits", digits, solution + "a = Value(10**5000)\nb = a * 2\ndraw(b)\n")


def test_the_long_chain_test_shows_a_summary_and_graphs_wait_for_a_click(page, problem):
    names = {test["id"]: test["name"] for test in problem["tests"]}
    paste_code(page, MISTAKES["unseeded_output.py"])
    run_tests(page)
    # closed while the view loads and lays out (which stops the layout), opened again: drawn all the same
    button = item_named(page, names["test_product_plus_self"]).get_by_role("button", name="Show graph")
    for _ in range(3):
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f"#{button.get_attribute('aria-controls')}")
    expect(panel.locator("svg.graph-svg")).to_be_visible()
    expect(panel.get_by_text("Drawing stopped")).to_have_count(0)

    def long_chain():
        panel = open_graph(page, names["test_long_chain"])
        expect(panel.locator(".graph-note").first).to_have_text(re.compile(
            r"^10,002 Values and 20,000 edges: too many to draw\. Showing \d+: the output"))
        expect(node(panel, "x")).to_be_visible()  # a leaf, the first Value
        expect(node(panel, "y")).to_have_attribute("data-flagged", "grad")  # the output, flagged
        panel.get_by_text("The graph as a table").click()
        expect(panel.get_by_role("cell").filter(has_text="+1 not shown")).to_have_count(1)  # the chain goes on
    worst_block(page, "Show graph on test_long_chain (10,002 Values)", long_chain)

    # an open graph does not lay itself out again after the next run: it waits, closed, for a click
    open_graph(page, names["test_reference_example"])
    worst_block(page, "a run with graphs open", lambda: run_tests(page))
    for name in names.values():
        button = item_named(page, name).get_by_role("button", name="Show graph")
        expect(button).to_have_attribute("aria-expanded", "false")
    expect(results_region(page).locator("svg.graph-svg, .graph-view")).to_have_count(0)  # nothing laid out


def test_a_new_run_stops_the_layouts_of_the_last(page, solution):
    """Twenty layouts at the budget's edge queue in the layout worker; Run code again ends that worker."""
    paste_code(page, solution + RANDOM_DAG.format(n=200).replace("draw(y)", "for _ in range(20):\n    draw(y)"))
    output = page.get_by_role("region", name="Run output")
    page.get_by_role("button", name="Run code").click()
    expect(output.locator("svg.graph-svg").first).to_be_visible(timeout=RUN_TIMEOUT_MS)
    assert output.locator("svg.graph-svg").count() < 20
    layout_worker = next(w for w in page.workers if "graph-layout" in w.url)
    with layout_worker.expect_event("close"):
        run_code(page, solution + "a = Value(2)\nb = a * a\nb.backward()\ndraw(b)\n")
    expect(output.locator("svg.graph-svg")).to_have_count(1)
    expect(node(output, "b")).to_contain_text("data 4")
