"""The training plot (static/plugins/plots/, the plots plugin): a loss curve and a decision boundary that grow while the
code runs, in Run code and in the tests, kept when the run is stopped, and never flooding the page.

Played on the track's first problem that turns the plots plugin on, with its reference solution.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from pageutil import (
    RUN_TIMEOUT_MS,
    page_errors,
    paste_code,
    run_and_wait,
    run_code,
    serious_violations,
    wait_until_ready,
)
from problems import all_problems, first_problem

pytestmark = pytest.mark.browser

PLOTTING = first_problem("plots")
# The plotting problem with the shortest time limit: the test that waits for one waits least.
QUICKEST = min((p for p in all_problems() if "plots" in p.meta.get("plugins", {})),
               key=lambda p: p.meta["time_limit_seconds"])
CURVE = "for k in range(1, 51):\n    plot_loss(k, 1 / k, total=50)\n"
BOUNDARY = ("X = [[0, 0], [1, 1], [0, 1], [1, 0]]\ny = [1, -1, -1, 1]\n"
            "plot_boundary(lambda x: x[0] - x[1] + 0.5, X, y)\n")
PROGRESS = "#plot-progress-text"


@pytest.fixture
def plot_page(shared_page, server_url):
    page = shared_page(f"{server_url}/#/{PLOTTING.id}")
    with page_errors(page) as errors:
        wait_until_ready(page)
        yield page
    assert not errors, f"the page threw: {errors}"


def plots(page: Page):
    return page.get_by_role("region", name=re.compile("^Training"))


def table_steps(page: Page) -> list[int]:
    plot = plots(page)
    plot.get_by_text("The loss, as a table").click()
    return [int(cell) for cell in plot.locator("tbody tr td:first-child").all_text_contents()]


def step_shown(page: Page) -> int:
    """The step the progress line shows now."""
    return int(re.search(r"Step (\d+)", page.locator(PROGRESS).text_content()).group(1))


def test_a_run_code_script_plots_its_curve_and_boundary(plot_page):
    run_code(plot_page, CURVE + BOUNDARY)
    plot = plots(plot_page)
    expect(plot).to_be_visible()
    expect(plot).to_contain_text("Training plot: 50 steps reported of 50 planned, last loss 0.0200, "
                                 "75% of the 4 points on their side of the boundary.")
    expect(plot.get_by_role("img", name=re.compile("^Loss curve"))).to_be_visible()
    expect(plot.get_by_role("img", name=re.compile("^Decision boundary over 4 points: 75%"))).to_be_visible()
    assert table_steps(plot_page) == list(range(1, 51))
    expect(plot).to_contain_text("The loss after each reported step.")
    run_code(plot_page, CURVE.replace("1 / k", "2 / k"))  # a second run: the first one's curve, to compare
    expect(plot).to_contain_text("last loss 0.0400")
    expect(plot).to_contain_text("Solid blue: this run. Dashed orange: the run before, to compare.")
    assert serious_violations(plot_page) == {}



def test_class_scores_draw_a_region_per_class(plot_page):
    three = ("X = [[0, 0], [2, 0], [0, 2], [2, 2]]\ny = [0, 1, 2, 2]\n"
             "plot_boundary(lambda x: [1.0, x[0] - 0.5, x[1] - 0.5], X, y)\n")
    run_code(plot_page, CURVE + three)
    plot = plots(plot_page)
    expect(plot).to_contain_text("75% of the 4 points in their class's region.")
    expect(plot.get_by_role("img", name=re.compile("^Decision boundary over 4 points: 75%"))).to_be_visible()
    expect(plot.locator("figcaption")).to_contain_text("blue for 0, orange for 1, green for 2")
    # the canvas holds the three classes' colours (Okabe-Ito blue, orange, green; the light theme's)
    colours = plot_page.locator("canvas.plot-boundary").evaluate("""(canvas) => {
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4) {
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            if (b > r && b > g) seen.add("blue");
            else if (r > g && g > b) seen.add("orange");
            else if (g > r && g > b) seen.add("green");
        }
        return [...seen].sort();
    }""")
    assert colours == ["blue", "green", "orange"], colours

def test_a_diverging_loss_is_plotted_on_a_log_axis_and_the_summary_asks_about_the_sign(plot_page):
    run_code(plot_page, "for k in range(1, 61):\n    plot_loss(k, 0.7 * 10 ** k, total=60)\n")
    plot = plots(plot_page)
    expect(plot).to_contain_text("Training plot: 60 steps reported of 60 planned, last loss 7.00e+59. "
                                 "The loss grew from 7.0000 to 7.00e+59: is the update's sign right?")
    expect(plot.locator(".plot-legend")).to_contain_text("The loss axis is logarithmic")
    run_code(plot_page, CURVE)  # a falling loss: no question (the axis stays logarithmic for the last run's curve)
    expect(plot).to_contain_text("last loss 0.0200.")
    expect(plot).not_to_contain_text("The loss grew")
    run_code(plot_page, CURVE)  # both curves within three decades: a linear axis again
    expect(plot.locator(".plot-legend")).not_to_contain_text("logarithmic")
    expect(plot.locator(".plot-legend")).to_contain_text("Solid blue: this run.")


def test_the_reference_plots_while_the_tests_run_one_point_per_step(plot_page):
    paste_code(plot_page, PLOTTING.solution)
    seen_while_busy = {}

    def start():
        plot_page.get_by_role("button", name="Run tests").click()
        # The plot grows during the run, while the results still wait: the updates stream.
        plot_page.wait_for_function(f"""() => document.getElementById("results").getAttribute("aria-busy") === "true"
            && /Step [1-9]/.test(document.querySelector("{PROGRESS}")?.textContent)""", timeout=RUN_TIMEOUT_MS)
        seen_while_busy["step"] = step_shown(plot_page)
        # In view from its first step, without the learner scrolling: inside the window and its pane.
        seen_while_busy["in view"] = plot_page.evaluate(f"""() => {{
            const plot = document.querySelector("{PROGRESS}").getBoundingClientRect();
            const pane = document.getElementById("output").getBoundingClientRect();
            return plot.top >= Math.max(0, pane.top) - 1 && plot.bottom <= Math.min(innerHeight, pane.bottom) + 1;
        }}""")

    summary = run_and_wait(plot_page, start)
    assert summary.startswith(f"{len(PLOTTING.required)}/{len(PLOTTING.required)} passed"), summary
    assert 1 <= seen_while_busy["step"]
    assert seen_while_busy["in view"]
    total = int(re.search(r"of (\d+) planned", plots(plot_page).inner_text()).group(1))
    # The streamed updates are throttled; the final curve holds every step the code reported.
    assert table_steps(plot_page) == list(range(1, total + 1))
    expect(plots(plot_page).get_by_role("img", name=re.compile(r"^Decision boundary over \d+ points"))).to_be_visible()


def test_stop_in_the_middle_of_training_keeps_the_partial_plot(plot_page):
    paste_code(plot_page, PLOTTING.solution)

    def start_then_stop():
        plot_page.get_by_role("button", name="Run tests").click()
        plot_page.wait_for_function(f"""() => /Step [1-9]/.test(document.querySelector("{PROGRESS}")?.textContent)""",
                                    timeout=RUN_TIMEOUT_MS)
        plot_page.get_by_role("button", name="Stop").click()

    summary = run_and_wait(plot_page, start_then_stop)
    assert "passed" in summary  # the run's results stay too
    note = plots(plot_page).get_by_text(re.compile(r"^Stopped at step \d+ of \d+ by you"))
    expect(note).to_be_visible()
    step, total = map(int, re.search(r"step (\d+) of (\d+)", note.text_content()).groups())
    assert 1 <= step < total
    assert table_steps(plot_page)[-1] == step  # the partial curve, up to where it stopped


def test_100000_plot_loss_calls_leave_the_page_responsive(plot_page):
    code = "s = 0\nfor k in range(1, 100_001):\n    s += sum(range(30))\n    plot_loss(k, 1 / k, total=100_000)\n"
    paste_code(plot_page, code)
    plot_page.get_by_role("button", name="Run code").click()
    plot_page.wait_for_function(f"""() => /Step [1-9]/.test(document.querySelector("{PROGRESS}")?.textContent)""",
                                timeout=RUN_TIMEOUT_MS)
    # The page answers while Python runs, and sees the plot move on.
    first = step_shown(plot_page)
    plot_page.wait_for_function(f"""(first) => {{
        const shown = /Step (\\d+)/.exec(document.querySelector("{PROGRESS}").textContent);
        return Number(shown[1]) > first; }}""", arg=first, timeout=RUN_TIMEOUT_MS)
    expect(plots(plot_page)).to_contain_text("Training plot: 100000 steps reported of 100000 planned",
                                             timeout=RUN_TIMEOUT_MS)
    assert plot_page.evaluate("() => document.querySelectorAll('.plot-table tbody tr').length") <= 501


def test_bad_input_gets_a_clear_message(plot_page):
    for call, says in [("plot_loss(1, float('nan'))", "the loss at step 1 is nan, not a finite number"),
                       ("plot_loss(2, float('inf'))", "the loss at step 2 is inf, not a finite number"),
                       ("plot_loss(3, '0.5')", "the loss at step 3 should be a number (or a Value); got the "
                                               "string '0.5'")]:
        shown = run_code(plot_page, call + "\n")
        assert says in shown, shown


def test_updates_that_are_not_ours_are_ignored(plot_page):
    # Learner code can reach the function plugins send with, and the worker's own; what the page gets is only
    # ever {plugin, data}, and data that is not well formed is dropped (the page fixture fails the test if the
    # page throws).
    code = ("from playground.live import live\nlive.post('{oops')\nlive.post('null')\nlive.post('[1]')\n"
            "live.post('{\"plugin\": \"nope\", \"data\": 1}')\nlive.send('plots', None)\n"
            "live.send('plots', {'from': 'x', 'steps': 5})\nlive.send('plots', {'boundary': {'n': 'x'}})\n"
            + CURVE + "print('sent')\n")
    assert "sent" in run_code(plot_page, code)
    expect(plots(plot_page)).to_contain_text("Training plot: 50 steps reported of 50 planned")


def test_the_time_limit_keeps_the_plot_and_says_so(shared_page, server_url):
    plot_page = shared_page(f"{server_url}/#/{QUICKEST.id}")
    with page_errors(plot_page) as errors:
        wait_until_ready(plot_page)
        limit = QUICKEST.meta["time_limit_seconds"]
        code = "k = 0\nwhile True:\n    k += 1\n    plot_loss(k, 1 / k, total=10**9)\n"
        paste_code(plot_page, code)
        plot_page.get_by_role("button", name="Run code").click()
        stopped = rf"^Stopped at step \d+ of 1000000000 by the time limit \({limit} s\)"
        note = plots(plot_page).get_by_text(re.compile(stopped))
        expect(note).to_be_visible(timeout=RUN_TIMEOUT_MS + limit * 1000)
        # Every call counted; the curve keeps the first 100,000 points.
        expect(plots(plot_page)).to_contain_text(re.compile(r"Training plot: \d{6,} steps reported"))
    assert not errors, f"the page threw: {errors}"

