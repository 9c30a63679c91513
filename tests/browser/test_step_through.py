"""Step through backward() (static/plugins/autograd/graph-replay.js): the learner's own pass, one rule at a time,
in the order their backward() ran the rules, with each input's grad before and after; by keyboard too, and on a
phone."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pageutil import PROBLEM, run_code

pytestmark = pytest.mark.browser

# z = x*y + x with y = -4: the sum's rule gives x.grad 0 -> 1, then the product's 1 -> -3 (y + 1)
LECTURE = "\nx = Value(2.0)\ny = Value(-4.0)\nz = x*y + x\nz.backward()\ndraw(z)\n"
ASSIGNS = ("self.grad += other.data * out.grad", "self.grad = other.data * out.grad")


def stepper(page: Page):
    return page.get_by_role("region", name="Run output").get_by_role("group", name="Step through backward()")


def said(page: Page):
    return page.get_by_role("region", name="Run output").locator(".replay-step")


def box_grad(page: Page, label: str):
    return page.locator(f'g.graph-node[data-label="{label}"] [data-field="grad"] .graph-number')


def test_the_sum_then_the_product_step_by_step(page, solution):
    run_code(page, solution + LECTURE)
    controls = stepper(page)
    expect(controls.get_by_text("2 steps")).to_be_visible()
    controls.get_by_role("button", name="Next ▶").click()
    expect(controls.get_by_text("Step 1 of 2")).to_be_visible()
    expect(said(page)).to_have_text("Step 1: z's rule (+): x.grad 0 → 1, x*y.grad 0 → 1.")
    expect(page.locator('g.graph-node.is-step[data-label="z"]')).to_be_visible()
    expect(box_grad(page, "x")).to_have_text("1")  # the boxes show the grads as they stood after the step
    expect(page.locator("path.graph-edge.is-step")).to_have_count(2)  # from x and from x*y
    controls.get_by_role("button", name="Next ▶").press("ArrowRight")  # the keyboard, within the controls
    expect(said(page)).to_have_text("Step 2: x*y's rule (*): x.grad 1 → -3, y.grad 0 → 2.")
    expect(box_grad(page, "x")).to_have_text("-3")
    expect(controls.get_by_role("button", name="Next ▶")).to_be_disabled()
    expect(controls.get_by_role("button", name="◀ Previous")).to_be_focused()  # not dropped with the disabled Next
    page.keyboard.press("ArrowLeft")
    expect(controls.get_by_text("Step 1 of 2")).to_be_visible()
    controls.get_by_role("button", name="◀ Previous").click()  # before the first rule: only the seed
    expect(box_grad(page, "x")).to_have_text("0")
    expect(box_grad(page, "z")).to_have_text("1")
    table = page.get_by_role("region", name="Run output").get_by_text("The backward pass as a table (2 steps)")
    table.click()
    expect(page.get_by_role("row", name="2 x*y (*) x 1 -3")).to_be_visible()


def test_an_assignment_shows_at_the_step_that_overwrites(page, solution):
    assert ASSIGNS[0] in solution
    run_code(page, solution.replace(*ASSIGNS) + LECTURE)
    controls = stepper(page)
    controls.get_by_role("button", name="Go to the wrong rule").click()  # the doctor's flag points at it
    expect(controls.get_by_text("Step 2 of 2")).to_be_visible()
    expect(said(page)).to_contain_text("x.grad 1 → -4")


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}])
def test_on_a_phone_the_steps_fit_and_work(browser, problem_url, solution, size):
    context = browser.new_context(viewport=size, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(problem_url)
    run_code(page, solution + LECTURE)
    controls = stepper(page)
    controls.get_by_role("button", name="Next ▶").tap()
    expect(said(page)).to_contain_text("x.grad 0 → 1")
    box = controls.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], box
    context.close()


assert PROBLEM.meta["plugins"]["autograd"].get("graph", True), "the problem the browser tests play draws graphs"


def test_predict_then_reveal(page, solution):
    run_code(page, solution + LECTURE)
    form = page.get_by_role("region", name="Run output").get_by_role("form", name="Predict a gradient")
    form.get_by_role("combobox").select_option(label="x")
    form.get_by_role("textbox").fill("-4")
    form.get_by_role("button", name="Check").click()
    result = form.locator(".predict-result")
    expect(result).to_have_text("Not quite: you said -4: x.grad is -3. It came from z's rule (+): 0 → 1, then "
                                "x*y's rule (*): 1 → -3.")
    form.get_by_role("textbox").fill("-3")
    form.get_by_role("textbox").press("Enter")
    expect(result).to_contain_text("Right: x.grad is -3.")
    form.get_by_role("textbox").fill("minus three")
    form.get_by_role("button", name="Check").click()
    expect(result).to_have_text("Type a number, such as -3 or 0.5.")
    expect(result).not_to_have_attribute("data-verdict", "right")  # not said in the last verdict's colour


def test_at_the_doctors_flag_the_rules_value_is_the_right_guess(page, solution):
    run_code(page, solution.replace(*ASSIGNS) + LECTURE)
    form = page.get_by_role("region", name="Run output").get_by_role("form", name="Predict a gradient")
    flagged = form.get_by_role("option", name="x", exact=True).get_attribute("value")
    expect(form.get_by_role("combobox")).to_have_value(flagged)  # the doctor's flagged Value is offered first
    form.get_by_role("textbox").fill("-3")
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".predict-result")).to_contain_text(
        "Right: x.grad should be -3 by the local rules, and your engine made it -4.")


def test_guesses_are_kept_with_the_problems_progress(page, solution):
    run_code(page, solution + LECTURE)
    form = page.get_by_role("region", name="Run output").get_by_role("form", name="Predict a gradient")
    form.get_by_role("combobox").select_option(label="x")
    for guess in ["-4", "-3"]:
        form.get_by_role("textbox").fill(guess)
        form.get_by_role("button", name="Check").click()
    expect(form.locator(".predict-tally")).to_have_text("Your guesses on this problem so far: 2, 1 right.")

    page.reload()
    run_code(page, solution + LECTURE)
    form = page.get_by_role("region", name="Run output").get_by_role("form", name="Predict a gradient")
    expect(form.locator(".predict-tally")).to_have_text("Your guesses on this problem so far: 2, 1 right.")
    with page.expect_download() as download:
        page.goto(page.url.split("#")[0] + "#/")
        page.get_by_role("button", name="Export progress").click()
    exported = json.loads(Path(download.value.path()).read_text())
    kept = json.loads(exported["problems"][PROBLEM.id]["plugins"])["autograd"]["guesses"]
    assert [(guess["value"], guess["guess"], guess["right"]) for guess in kept] == [("x", -4, False), ("x", -3, True)]
