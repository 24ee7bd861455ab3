# newscrawl: `make crawl` sets up and runs the Guardian crawl, `make test` sets up and
# runs the tests. Everything installs into ./.venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup crawl test bench lint format demo browser clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Debian's chromium, for the viewer's browser test (installs only when missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

crawl: setup
	$(BIN)/scrapy crawl guardian

test: setup browser
	$(BIN)/pytest

bench: setup
	$(BIN)/python -m benchmarks

lint: setup
	$(BIN)/ruff check newscrawl tests benchmarks
	$(BIN)/ruff format --check newscrawl tests benchmarks

format: setup
	$(BIN)/ruff check --fix newscrawl tests benchmarks
	$(BIN)/ruff format newscrawl tests benchmarks

demo: setup
	$(BIN)/python -m newscrawl.demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .scrapy test-output
