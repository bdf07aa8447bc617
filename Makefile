# Each target sets up what it needs, so a fresh clone runs with one command.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test typecheck tests bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## brief the bundled sample article in the terminal
	$(BIN)/briefbot

test: $(STAMP)  ## lint and layer contracts, then the type check beside the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory -j2 --output-sync=target typecheck tests

typecheck: $(STAMP)  ## mypy (a cold run is ~15 s of one core: it runs while the tests wait on sockets and processes)
	$(BIN)/mypy

tests: $(STAMP)  ## the test suite alone, one worker per core; an idle worker takes queued tests from the other
	$(BIN)/pytest -n auto --dist worksteal

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
