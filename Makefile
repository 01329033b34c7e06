# Amparo. `make run` assesses the example cases; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The web tests run a second time on this server (skipped if unreachable, except under CI=true).
AMPARO_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: help install run test lint fmt typecheck security pytest chromium bench golden clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e ".[web]" --group test --group lint
	$(BIN)/python -m compileall -q src  # bytecode, as a regular install has
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install amparo with its test and lint tools

run: $(STAMP)  ## The web app on http://127.0.0.1:8000 with a demo organization and the letter's stories (SQLite under var/)
	$(BIN)/amparo serve --demo

lint: $(STAMP)  ## ruff check and format check
	$(BIN)/ruff check src tests bench .ci
	$(BIN)/ruff format --check src tests bench .ci

fmt: $(STAMP)  ## Format and fix what ruff can
	$(BIN)/ruff format src tests bench .ci
	$(BIN)/ruff check --fix src tests bench .ci

typecheck: $(STAMP)  ## mypy --strict on the core
	$(BIN)/mypy

# bandit: each finding is explained where it stands (a "nosec" with its reason),
# except two kinds skipped here: B101 (asserts state invariants that narrow types,
# never checks on input) and, in the population package alone, B608 (it is a SQL
# compiler: identifiers are quoted by Dialect.ident, values by Dialect.string).
# pip-audit: known vulnerabilities in the installed packages; each one that does
# not apply is explained in .ci/deps-audit-explained.txt. Where no vulnerability
# service answers (an offline mirror), it says that nothing was audited.
security: $(STAMP)  ## bandit over the code; pip-audit over the installed packages
	$(BIN)/bandit -q -r src -s B101 -x src/amparo/population
	$(BIN)/bandit -q -r src/amparo/population -s B101,B608
	$(BIN)/python .ci/deps_audit.py

chromium:  ## Debian's Chromium for the browser tests (as root with apt-get; else they skip, except under CI=true)
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium not installed: the browser tests will skip"

pytest: $(STAMP) chromium  ## The test suite (doctests of the core included), then the web tests on PostgreSQL
	$(BIN)/python -m pytest
	AMPARO_DATABASE_URL=$(AMPARO_POSTGRES_URL) $(BIN)/python -m pytest tests/web

test: lint typecheck security pytest  ## Everything CI runs

bench: $(STAMP)  ## Print the benchmark figures
	$(BIN)/python bench/assess.py
	$(BIN)/python bench/letters.py

golden: $(STAMP)  ## Rewrite the documents' golden text files on purpose; review the diff
	AMPARO_UPDATE_GOLDENS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/documents
	git status --short -- tests/documents/golden

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
