# Two commands matter: `make run` (set up and serve the demo) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Development and tests run with debug on; `make serve` with debug off unless told otherwise.
DEV := DJANGO_DEBUG=1
PROD := DJANGO_DEBUG=$${DJANGO_DEBUG:-0}

.PHONY: run install test test-fast e2e lint format check serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py muat_demo
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(DEV) $(BIN)/python -m pytest $(ARGS)

# Everything but the browser tests, for a quick loop while editing.
test-fast: install
	$(DEV) $(BIN)/python -m pytest -m "not e2e" $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

# Production: needs DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL.
serve: install
	$(PROD) $(BIN)/python manage.py migrate --no-input
	$(PROD) $(BIN)/python manage.py collectstatic --no-input
	$(BIN)/gunicorn musrenbang.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
