"""Screenshots of every problem as a learner sees it after a run of the starter, at 1280×800, 1024×768 and
390×844, light and dark, into build/screenshots/: to look at before a change to the page lands.

    make screenshots                 # every problem
    .venv/bin/python scripts/screenshots.py two_moons
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests"), str(ROOT / "py")]

from playwright.sync_api import sync_playwright  # noqa: E402

from pageutil import run_tests, wait_until_ready  # noqa: E402
from problems import all_problems  # noqa: E402
from serving import CHROMIUM_ARGS, chromium_path, served_dist  # noqa: E402

SIZES = [(1280, 800), (1024, 768), (390, 844)]
SCHEMES = ["light", "dark"]
OUT = ROOT / "build" / "screenshots"


def main(ids: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    problems = [p.folder.name for p in all_problems() if not ids or p.folder.name in ids]
    with served_dist() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for problem in problems:
            for width, height in SIZES:
                for scheme in SCHEMES:
                    phone = width < 500
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                  is_mobile=phone, has_touch=phone)
                    page = context.new_page()
                    page.goto(f"{url}/#/{problem}")
                    wait_until_ready(page)
                    run_tests(page)
                    path = OUT / f"{problem}-{width}x{height}-{scheme}.png"
                    page.screenshot(path=path)
                    print(path.relative_to(ROOT))
                    context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
