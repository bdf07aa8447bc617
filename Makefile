# Each target sets up what it needs, so a fresh clone runs with one command.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## brief the bundled sample article in the terminal
	$(BIN)/briefbot

test: $(STAMP)  ## lint, types, layer contracts, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto  # one worker per core: the suite waits on sockets and subprocesses as much as it computes

bench: $(STAMP)  ## quality and speed benchmarks on ../shared/data
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.summaries
	$(BIN)/python -m bench.quotes_answers
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.poll
	$(BIN)/python -m bench.digest
	$(BIN)/python -m bench.slack
	$(BIN)/python -m bench.discord

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
