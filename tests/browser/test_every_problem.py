"""Every problem of the track, played through the real page: its reference solves it, its correct variants
pass every required test, and each wrong variant fails exactly the tests its expectations list."""

import re
import time

import pytest
from playwright.sync_api import expect

from pageutil import page_errors, paste_code, results_region, run_tests
from problems import all_problems

pytestmark = pytest.mark.browser

TRACK = all_problems()


def variants(problem):
    expectations = problem.expectations
    return {name: set(expected["fails"]) for name, expected in expectations.items()}


@pytest.mark.parametrize("problem", TRACK, ids=[p.id for p in TRACK])
def test_the_reference_and_every_variant_get_the_verdicts_they_should(shared_page, server_url, problem):
    page = shared_page(f"{server_url}/#/{problem.id}")
    with page_errors(page) as errors:
        expect(page.get_by_role("article").get_by_role("heading", level=1)).to_have_text(problem.meta["title"])
        required = len(problem.required)
        paste_code(page, problem.solution)
        started = time.perf_counter()
        summary = run_tests(page)
        print(f"\n{problem.id}: reference {summary} (click to results {time.perf_counter() - started:.2f} s, "
              f"{required} required, {len(problem.challenges)} challenge)")
        assert re.match(rf"{required}/{required} passed", summary) and "Solved" in results_region(page).text_content()
        completion = results_region(page).get_by_role("region", name="Solved")
        if problem is TRACK[-1]:
            expect(completion).to_contain_text("That was the last problem of the track")
            expect(completion.get_by_role("link", name="Back to all problems")).to_have_attribute("href", "#/")
        else:
            following = TRACK[TRACK.index(problem) + 1]
            expect(completion.get_by_role("link", name=following.meta["title"])).to_be_visible()
        names = {t["id"]: t["name"] for t in problem.meta["tests"]}
        for variant, fails in variants(problem).items():
            paste_code(page, problem.mistakes[variant])
            run_tests(page)
            failing = {names[test_id] for test_id in fails if test_id in names}
            for name in names.values():
                item = results_region(page).get_by_role("listitem").filter(has_text=name).first
                status = item.get_attribute("data-status")
                should = "passed" if name not in failing else ("failed", "error")
                assert status == should or status in should, f"{problem.id}/{variant}: {name} is {status}"
    assert not errors, f"the page threw: {errors}"
