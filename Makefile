# Two commands: `make serve` and `make test`. Each installs what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The folder the problems are read from (every script and test honours it).
PLAYGROUND_PROBLEMS ?= py/problems
export PLAYGROUND_PROBLEMS
PY_SOURCES := $(shell find py $(PLAYGROUND_PROBLEMS) -type f -not -path '*/__pycache__/*')

.PHONY: serve test test-fast build lint bench screenshots chromium clean validate-problems check-problems \
	check-problems-in-pyodide mutants

bench: build $(VENV)/.installed chromium
	$(PY) bench/run.py

# Every problem after a run, at three sizes, light and dark, in build/screenshots/: look before a page change lands.
screenshots: build $(VENV)/.installed chromium
	$(PY) scripts/screenshots.py

serve: build
	HOST=$(HOST) PORT=$(PORT) node scripts/serve.mjs dist

# The build, the problems' check and the linters first, two jobs at a time (they don't wait on each other, and
# the machine has two cores); then every test, two at a time (pytest-xdist; a module's tests share a process,
# and so its warm page: each worker has its own server and Chromium). They are CPU-bound: on two cores, two at a
# time took the browser tests 740 s against 830 s one at a time.
test: $(VENV)/.installed node_modules/.installed chromium
	$(MAKE) -j2 --output-sync=target build check-problems lint
	$(PY) -m pytest tests -n 2 --dist loadscope --junitxml=build/junit.xml
	$(PY) scripts/slowest-tests.py build/junit.xml

# The Python-only tests: no browser, no build, not the slow statistical ones (make test runs those).
test-fast: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest tests -m "not pyodide and not browser and not slow" -n 2 --dist loadscope --durations=5

build: build/public/manifest.json
	npx vite build --logLevel warn
	node scripts/compress.mjs dist

lint: $(VENV)/.installed node_modules/.installed
	$(PY) -m ruff check .
	npx eslint .

# Every problem's folder and problem.json (py/problem.schema.json): fast, before anything is compiled.
validate-problems: node_modules/.installed
	node scripts/validate-problems.mjs

# Every problem run in real Pyodide: reference, starter, mistakes, statement (scripts/check-problems.mjs);
# and the hidden tests tested by mutation, under CPython (scripts/mutants.py).
check-problems: check-problems-in-pyodide mutants

check-problems-in-pyodide: build/public/manifest.json
	node scripts/check-problems.mjs

mutants: $(VENV)/.installed
	$(PY) scripts/mutants.py

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV)/.installed: requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# pytest and friends for Pyodide's Python: pure-Python wheels, pinned by hash.
build/wheels/.downloaded: py/requirements-pyodide.txt
	rm -rf build/wheels
	python3 -m pip download -q --require-hashes --no-deps --only-binary=:all: \
		--python-version 3.14 --implementation py --platform any \
		-r py/requirements-pyodide.txt -d build/wheels
	touch $@

# Pyodide's files, and our Python compiled to bytecode inside Pyodide itself.
build/public/manifest.json: build/wheels/.downloaded node_modules/.installed $(wildcard scripts/*) $(PY_SOURCES) \
		| validate-problems
	python3 scripts/build_public.py
	node scripts/precompile.mjs

# Browser tests drive Debian's Chromium; install it when missing and we may.
chromium:
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "No Chromium: install Debian's chromium package or set CHROMIUM=/path/to/chrome"; fi

clean:
	rm -rf build dist $(VENV) node_modules
