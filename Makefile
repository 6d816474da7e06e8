# consult: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: install translations run test lint node-deps extract-messages clean stroke-table

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Compile the message catalogues (.po -> .mo); the .mo files are build output, not committed.
translations: install
	$(BIN)/pybabel compile --use-fuzzy -d consult/translations -f -D messages >/dev/null

# Mozilla's ical.js, the parser inside Thunderbird, checks our feeds in the tests.
node-deps: tests/js/node_modules/.installed

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/js && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: feed tests that need ical.js will skip"; fi

# The server and, beside it, one outbox worker that sends the notices; the worker stops with the server.
run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask consult demo
	@$(BIN)/flask consult worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install translations node-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

# Refresh the catalogues after changing user-facing strings; then translate the new entries.
extract-messages: install
	$(BIN)/pybabel extract -w 100 -F babel.cfg -k _l -k lazy_gettext -o consult/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -w 100 -i consult/translations/messages.pot -d consult/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/js/node_modules

# Rebuild consult/members/strokes.bin (surname-stroke order) from Unihan: apt-get install unicode-data.
UNIHAN ?= /usr/share/unicode/Unihan_IRGSources.txt.bz2
stroke-table: install
	$(BIN)/python -m consult.members.stroke_table $(UNIHAN)
