# BSCP Desktop: make run | make test | make check | make demo | make screenshots | make bench | make package
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed

.PHONY: run test check demo screenshots bench package lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The inner loop: lint, the architecture contracts and every test not marked slow (tests that
# run the program in new processes, kill it, need the PostgreSQL test server, build bundles,
# work through the whole demo, upgrade a file of an early revision through every migration, or
# work through a whole flow taking over a quarter of a second of their own: pyproject.toml's `slow`),
# property tests trying a fifth of their examples
# (tests/examples.py), outputs written in a thread (tests/outputs_in_process.py). Compiled modules are kept
# in __pycache__ even where PYTHONDONTWRITEBYTECODE is set: each parallel worker would otherwise
# compile the program and rewrite every test module again on every run.
# `make test` runs every test, slow ones included, with every example.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow" -n auto --hypothesis-profile=check

demo: $(STAMP)
	mkdir -p build
	rm -f build/demo.sqlite3 build/demo.sqlite3-wal build/demo.sqlite3-shm
	$(BIN)/python main.py demo build/demo.sqlite3
	$(BIN)/python main.py --db build/demo.sqlite3

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bscp_desktop.screenshots build/screenshots

# BENCH=--quick: the ten-year figures on a slice of the data set (no 11-minute build first). The
# program is measured as installed, with its compiled modules kept, whatever the shell says.
bench: $(STAMP)
	PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(BENCH)

package: $(STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/bscp_desktop.spec

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean:
	rm -rf build dist
