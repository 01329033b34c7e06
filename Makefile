# Amparo. `make run` assesses the example cases; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: help install run test lint fmt typecheck pytest bench golden clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group test --group lint
	$(BIN)/python -m compileall -q src  # bytecode, as a regular install has
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install amparo with its test and lint tools

run: $(STAMP)  ## Assess every example case under protection-first and print the results
	$(BIN)/amparo assess examples/stories/*.yaml

lint: $(STAMP)  ## ruff check and format check
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

fmt: $(STAMP)  ## Format and fix what ruff can
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)  ## mypy --strict on the core
	$(BIN)/mypy

pytest: $(STAMP)  ## The test suite (doctests of the core included)
	$(BIN)/python -m pytest

test: lint typecheck pytest  ## Everything CI runs

bench: $(STAMP)  ## Print the benchmark figures
	$(BIN)/python bench/assess.py
	$(BIN)/python bench/letters.py

golden: $(STAMP)  ## Rewrite the documents' golden text files on purpose; review the diff
	AMPARO_UPDATE_GOLDENS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/documents
	git status --short -- tests/documents/golden

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
