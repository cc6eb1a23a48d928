# Two entry points a newcomer needs: `make crawl` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE ?= liputan6
ARCHIVE_URL ?= sqlite:///archive.sqlite3

.PHONY: setup browser crawl demo test check lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## crawl: crawl $(SITE) (default liputan6) into archive.sqlite3
crawl: $(STAMP)
	ARCHIVE_URL=$(ARCHIVE_URL) $(BIN)/scrapy crawl $(SITE)

## demo: the whole flow offline: replay server -> crawl, edit, crawl -> archive -> history, diff
demo: $(STAMP)
	rm -f demo.sqlite3 demo.sqlite3-wal demo.sqlite3-shm
	$(BIN)/newscrawler demo

## browser: Debian's chromium, for the web app's browser test (tests/web/test_browser.py)
browser:
	@command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y chromium) || echo "could not install chromium: the browser test skips"

## test: every check: lint, format, types, tests
test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy newscrawler archive
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
