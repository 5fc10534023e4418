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

.PHONY: run install deps deps-browser test test-fast e2e lint format check serve worker clean bench

# Debian packages, installed only when missing (scripts/deps-debian.sh says what and why).
# PDFs need Pango and the fonts; the browser tests need Chromium and poppler-utils too.
deps:
	@bash scripts/deps-debian.sh pdf

deps-browser:
	@bash scripts/deps-debian.sh pdf browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The background worker (big compilation downloads) runs beside the web server and stops
# with it.
run: deps install
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py muat_demo
	$(DEV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One pytest worker per core (JOBS=1 for a plain serial run); a test file stays on one
# worker, so a module's shared fixtures are built once.
JOBS ?= auto
XDIST = -n $(JOBS) --dist loadfile

test: deps-browser install
	$(DEV) $(BIN)/python -m pytest $(XDIST) $(ARGS)

# Everything but the browser tests, for a quick loop while editing.
test-fast: deps install
	$(DEV) $(BIN)/python -m pytest $(XDIST) -m "not e2e" $(ARGS)

# Benchmarks (bench/README.md): by hand, not in CI. PROFIL=banjarmasin|kabupaten|provinsi,
# ARGS="--only 2,3", "--kecil" or "--db postgres://...". Data is built once in bench/.data/.
PROFIL ?= kabupaten
bench: deps install
	$(BIN)/python bench/run.py --profil $(PROFIL) $(ARGS)

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
# Run `make worker` beside it (as its own service) for the background downloads.
worker: install
	$(PROD) $(BIN)/python manage.py db_worker

serve: install
	$(PROD) $(BIN)/python manage.py migrate --no-input
	$(PROD) $(BIN)/python manage.py collectstatic --no-input
	$(BIN)/gunicorn musrenbang.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
