# PermitDesk developer commands. `make` alone lists them.
# Everything runs from the project virtualenv in .venv, built from requirements.lock.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv lint typecheck test run bench format

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

lint: venv ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv ## mypy (strict; files and options in pyproject [tool.mypy])
	$(BIN)/mypy

test: venv ## lint, typecheck, then the test suite on SQLite and on PostgreSQL
	$(MAKE) --no-print-directory lint typecheck
	$(BIN)/python manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/python -m pytest
	@# The database tests again on a real PostgreSQL server (DATABASE_URL, or the local one
	@# scripts/ensure-postgres installs and starts).
	DATABASE_URL=$${DATABASE_URL:-$$(scripts/ensure-postgres)} $(BIN)/python -m pytest -m django_db

run: venv ## CLI demo: check the packs, list items, a quote and an eligibility answer
	$(BIN)/permitdesk packs check
	$(BIN)/permitdesk items clayton-mo
	$(BIN)/permitdesk quote clayton-mo residential-occupancy --set unit_type=single-family --set occupied=true
	$(BIN)/permitdesk eligibility village-ord-08-457 --set event=lease --set unit_type=duplex

bench: venv ## quote() throughput on one core (target: 20,000 quotes/s)
	$(BIN)/python bench/quote.py

format: venv ## ruff format, then ruff check --fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
