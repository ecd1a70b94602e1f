# Rangwan: `make run` sets up and starts the demo; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# judged: the 2568 programme played through judging (results final); open: before any nomination
DEMO ?= judged

.PHONY: install run test lint format messages bench-smoke clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

# The background worker (certificate batches) runs beside the server and stops with it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo $(if $(filter judged,$(DEMO)),--judged)
	$(BIN)/python manage.py db_worker --no-reload & trap 'kill $$!' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every benchmark at a small N (CI runs it with --pg); real figures in docs/PERFORMANCE.md.
bench-smoke: install
	bash bench/smoke.sh

# Refresh the catalogues from the code, then compile them (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l th -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
