"""The ten slowest tests of a `make test`, from the JUnit XML files its pytest runs wrote (pytest's --durations
would print one list per run). Usage: python scripts/slowest-tests.py build/junit-*.xml"""

import sys
import xml.etree.ElementTree as ET

SHOWN = 10


def timings(path: str) -> list[tuple[float, str]]:
    return [(float(case.get("time", 0)), f"{case.get('classname')}::{case.get('name')}")
            for case in ET.parse(path).iter("testcase")]


def main(paths: list[str]) -> None:
    every = sorted((timing for path in paths for timing in timings(path)), reverse=True)
    print(f"The {SHOWN} slowest of {len(every)} tests (setup, call and teardown):")
    for seconds, name in every[:SHOWN]:
        print(f"{seconds:8.1f} s  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
