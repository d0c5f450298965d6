# PermitDesk developer commands. `make` alone lists them.
# Everything runs from the project virtualenv in .venv, built from requirements.lock.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv lint typecheck test test-fast run serve bench format

help: ## list the targets
	@echo "PermitDesk — make targets:"
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

venv: $(STAMP) ## create .venv and install the locked requirements and permitdesk (editable)

# Reinstalls only when the lock or pyproject.toml changes (or the stamp is missing).
$(STAMP): requirements.lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock.txt -e .
	touch $@

lint: venv ## ruff check + ruff format --check + the layers contract (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: venv ## mypy (strict; files and options in pyproject [tool.mypy])
	$(BIN)/mypy

# The suite runs in TEST_WORKERS pytest-xdist processes (auto: one per core), each on its own
# test database. --dist loadgroup keeps each xdist_group on one worker: the browser tests
# share one Chromium, the concurrency tests do not race the rest (tests/conftest.py marks them).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup
test: venv ## lint, typecheck, then the test suite on SQLite and on PostgreSQL
	@# Chromium and its fonts for the browser tests: missing, one line says how to install them.
	scripts/check-browser
	$(MAKE) --no-print-directory lint typecheck
	$(BIN)/python manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(PYTEST)
	@# The database tests again on a real PostgreSQL server (DATABASE_URL, or the local one
	@# scripts/ensure-postgres installs and starts).
	DATABASE_URL=$${DATABASE_URL:-$$(scripts/ensure-postgres)} $(PYTEST) -m django_db

# The pure part: the rules, the law (packs and their checks), the CLI, and the layers
# contract. No database, no browser; about 35 s of CPU.
FAST_TESTS := tests/rules tests/law tests/cli tests/test_interfaces_write_no_models.py
test-fast: venv ## the layers contract, then the rules, law and CLI tests (no database)
	$(BIN)/lint-imports --no-cache
	env -u DATABASE_URL $(BIN)/python -m pytest $(FAST_TESTS)

# The demo always uses the embedded SQLite file (var/permitdesk.sqlite3): DATABASE_URL is
# ignored here, so a real database never gets the demo accounts. Every step is idempotent:
# `make run` again keeps the data. whitenoise serves the static files straight from the apps'
# folders (no collectstatic); --noreload keeps it one process, so Ctrl-C stops it.
# BIND=host:port changes where it listens, and with it the address the demo prints on
# permits (QR codes), PDFs, e-mails and feed links: permitdesk.demo.serving turns BIND into
# PUBLIC_URL and ALLOWED_HOSTS (0.0.0.0: this machine's network address), unless set already.
BIND ?= 127.0.0.1:8000
DEMO := env -u DATABASE_URL $(BIN)/python manage.py
SERVING = $(BIN)/python -m permitdesk.demo.serving $(BIND)
run: venv ## the demo: migrate SQLite, load jurisdictions + demo data, print logins, serve :8000
	@$(SERVING) >/dev/null
	$(DEMO) migrate --noinput
	$(DEMO) load_jurisdictions
	env $$($(SERVING)) $(DEMO) demo_data
	@env $$($(SERVING)) sh -c 'echo "Serving $$PUBLIC_URL/ (admin: $$PUBLIC_URL/admin/); Ctrl-C stops it."'
	env $$($(SERVING)) $(DEMO) runserver --noreload $(BIND)

# Production-style, without demo data: the database DATABASE_URL names (unset: the SQLite
# file), static files collected into var/static and served hashed and compressed by
# whitenoise (STATIC_MANIFEST=1), WORKERS sync workers (2 x cores + 1 on 2 cores).
WORKERS ?= 5
serve: venv ## production-style: migrate, load jurisdictions, collectstatic, gunicorn on BIND
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_jurisdictions
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --noinput
	STATIC_MANIFEST=1 $(BIN)/gunicorn permitdesk.site.wsgi:application --bind $(BIND) --workers $(WORKERS) \
		--access-logfile -

bench: venv ## quote() throughput on one core (target: 20,000 quotes/s)
	$(BIN)/python bench/quote.py

format: venv ## ruff format, then ruff check --fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
