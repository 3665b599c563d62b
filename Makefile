# Everything a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

# Qt's shared-library needs on Debian (offscreen for tests, xcb for a desktop window),
# installed only when missing and only as root.
QT_DEBS := libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 \
           libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0

.PHONY: run test test-slow lint typecheck unit bench serve-demo system-deps translations clean package package-test

run: $(STAMP) system-deps
	$(BIN)/photo-retriever

test: $(STAMP) system-deps lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests

typecheck: $(STAMP)
	$(BIN)/mypy

# One worker per core (pytest-xdist): the scenarios mostly wait on loopback and Qt events.
unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not slow" -n auto

# Long reliability runs (300 originals through every fault): their own target, run by CI.
test-slow: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m slow -n auto

# The benchmarks compare against aria2c and curl and count instructions with valgrind;
# installed where we can (Debian, as root), otherwise those comparisons are skipped.
BENCH_DEBS := aria2 curl valgrind

bench: $(STAMP) system-deps
	@missing=""; for pkg in $(BENCH_DEBS); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "not installed:$$missing (sudo apt-get install$$missing); those comparisons are skipped"; fi; \
	fi
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks

serve-demo: $(STAMP)
	$(BIN)/photo-retriever serve-demo

# The window's strings: update the .ts from app/ui, fill the English forms of new %n strings
# ("photo(s)" gives "photo" and "photos"), and build the .qm the app loads. Both are committed.
TS := resources/translations/photo-retriever_en.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -extensions py -locations none -no-obsolete \
	  -source-language en -target-language en app/ui -ts $(TS)
	$(BIN)/python resources/translations/english_plurals.py $(TS)
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

# The double-click bundle (dist/photo-retriever/, and the Linux tarball); minutes to build.
package: $(VENV)/.installed-package system-deps
	$(BIN)/python packaging/build.py

# Runs the built bundle with a clean environment and no Python on PATH (see the script).
package-test: $(VENV)/.installed-package system-deps
	$(BIN)/python packaging/package_test.py

$(VENV)/.installed-package: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,package]'
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

system-deps:
	@missing=""; for pkg in $(QT_DEBS); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "Qt needs:$$missing (sudo apt-get install$$missing)"; fi; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .pytest_cache .ruff_cache
