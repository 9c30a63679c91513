"""Return visits boot Python from a memory snapshot the first visit took (static/run/snapshot-store.js): the
verdicts are the same, nothing a learner's run did is in it, and a snapshot that cannot be restored gives way to a
normal boot that replaces it."""

import pytest
from playwright.sync_api import expect
from test_recursion import FREED_CHAIN, OPERATOR_RECURSION
from test_security import ESCAPES, GLOBAL_NAMES, POISON, kept_names, printed, recording_server

from pageutil import paste_code, results_region, run_code, run_tests

pytestmark = pytest.mark.browser

SNAPSHOT_CACHE = "autograd-playground-snapshot"
# Resolves to the size of the snapshot kept, once there is one.
SNAPSHOT_SIZE = f"""async () => {{
  const cache = await caches.open({SNAPSHOT_CACHE!r});
  const [key] = await cache.keys();
  return key ? (await (await cache.match(key)).arrayBuffer()).byteLength : 0;
}}"""
# Replaces the snapshot kept by bytes that are not one (a write gone wrong, another Pyodide's).
CORRUPT = f"""async () => {{
  const cache = await caches.open({SNAPSHOT_CACHE!r});
  const [key] = await cache.keys();
  await cache.put(key, new Response(new Uint8Array(4096).fill(7)));
}}"""
# Learner code that marks the Python it ran in: a module attribute no run puts back.
MARK = "\nimport json\njson.left_by_a_run = True\n"
CHECK_MARK = "\nimport json\nassert not hasattr(json, 'left_by_a_run'), 'a run of an earlier visit is in this Python'\n"


def visit(context, problem_url):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(problem_url)
    page.wait_for_function("() => document.documentElement.dataset.python === 'ready'", timeout=60_000)
    return page, errors


def snapshot_kept(page) -> int:
    return page.wait_for_function(SNAPSHOT_SIZE, timeout=60_000).json_value()


def test_a_return_visit_boots_from_the_snapshot_with_the_same_verdicts(context, problem_url, solution, required):
    first, errors = visit(context, problem_url)
    assert first.evaluate("() => document.documentElement.dataset.pythonBoot") == "fresh"
    paste_code(first, solution + MARK)
    assert run_tests(first).startswith(f"{required}/{required} passed")
    assert snapshot_kept(first) > 1_000_000  # Python's heap: tens of MB
    first.close()

    back, errors_back = visit(context, problem_url)
    assert back.evaluate("() => document.documentElement.dataset.pythonBoot") == "snapshot"
    paste_code(back, solution + CHECK_MARK)
    assert run_tests(back).startswith(f"{required}/{required} passed")  # and no mark of the first visit's run
    paste_code(back, "class Value:\n    pass\n")
    assert run_tests(back).startswith(f"0/{required} passed")
    expect(results_region(back).locator('[data-status="passed"]')).to_have_count(0)
    assert not errors and not errors_back


def test_a_snapshot_that_cannot_be_restored_gives_way_to_a_normal_boot(context, problem_url, solution, required):
    first, _ = visit(context, problem_url)
    snapshot_kept(first)
    first.evaluate(CORRUPT)
    size = 4096
    first.close()

    back, errors = visit(context, problem_url)
    assert back.evaluate("() => document.documentElement.dataset.pythonBoot") == "fresh"
    paste_code(back, solution)
    assert run_tests(back).startswith(f"{required}/{required} passed")
    back.wait_for_function(f"() => ({SNAPSHOT_SIZE})().then((n) => n > {size})", timeout=60_000)  # replaced
    back.close()

    again, _ = visit(context, problem_url)  # the new snapshot works
    assert again.evaluate("() => document.documentElement.dataset.pythonBoot") == "snapshot"
    assert not errors


def test_learner_code_in_a_restored_python_is_as_shut_out_as_in_a_fresh_one(context, problem_url):
    first, _ = visit(context, problem_url)
    assert "reached: []" in run_code(first, POISON)  # after the snapshot: `js` is the scope itself
    snapshot_kept(first)
    first.close()

    back, errors = visit(context, problem_url)
    assert back.evaluate("() => document.documentElement.dataset.pythonBoot") == "snapshot"
    assert "reached: []" in run_code(back, POISON)
    assert set(printed(run_code(back, GLOBAL_NAMES), "names")) <= kept_names()
    with recording_server() as (elsewhere, received):
        assert printed(run_code(back, ESCAPES.replace("<elsewhere>", elsewhere)), "allowed") == []
    assert received == []
    assert not errors


def test_a_restored_python_keeps_its_stack_protection_and_frees_deep_graphs(context, problem_url, required):
    first, _ = visit(context, problem_url)
    snapshot_kept(first)
    first.close()

    back, errors = visit(context, problem_url)
    assert back.evaluate("() => document.documentElement.dataset.pythonBoot") == "snapshot"
    paste_code(back, OPERATOR_RECURSION)  # C-level recursion: a RecursionError, not a crash (python-setup.js)
    run_tests(back)
    expect(results_region(back)).to_contain_text("RecursionError in __mul__")
    paste_code(back, FREED_CHAIN)  # 100,000 Values in a chain, freed one at a time (keeper.py)
    assert run_tests(back).startswith(f"{required}/{required} passed")
    expect(back.get_by_role("status").first).not_to_contain_text("crashed")
    assert not errors


# Moves the snapshot kept to the key another release would have used; resolves to the key it had.
AS_ANOTHER_RELEASE = f"""async () => {{
  const cache = await caches.open({SNAPSHOT_CACHE!r});
  const [key] = await cache.keys();
  const bytes = await (await cache.match(key)).arrayBuffer();
  await cache.delete(key);
  await cache.put(new URL("snapshot/another-release", key.url).href, new Response(bytes));
  return key.url;
}}"""
KEYS = f"async () => (await (await caches.open({SNAPSHOT_CACHE!r})).keys()).map((request) => request.url)"


def test_a_snapshot_of_another_release_is_not_used_and_gives_way_to_this_ones(context, problem_url):
    first, _ = visit(context, problem_url)
    snapshot_kept(first)
    this_release = first.evaluate(AS_ANOTHER_RELEASE)
    first.close()

    back, errors = visit(context, problem_url)
    assert back.evaluate("() => document.documentElement.dataset.pythonBoot") == "fresh"
    back.wait_for_function(f"async () => JSON.stringify(await ({KEYS})()) === JSON.stringify([{this_release!r}])",
                           timeout=60_000)  # the other release's is gone, this one's is kept
    assert not errors
