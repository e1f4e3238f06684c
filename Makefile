# 干部管理信息系统: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Django 6 needs Python >= 3.12 (3.12, 3.13 and 3.14 are supported): take the first interpreter on
# this machine that is new enough.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 $(wildcard /root/.pyenv/versions/3.1[2-9]*/bin/python3) $(wildcard /usr/local/bin/python3.1[2-9]); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cadre
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test test-fast fuzz newcomer venv lint format migrate seed worker beat messages bench load clean system-deps

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { \
		echo "No Python 3.12 or newer found: Django 6 needs 3.12, 3.13 or 3.14 (python3 here: $$(python3 -V 2>/dev/null || echo none))."; \
		echo "Install one with its venv module, then run make again:"; \
		echo "  Debian 13, Ubuntu 24.04 or newer: apt-get install python3 python3-venv"; \
		echo "  Ubuntu 22.04: add-apt-repository ppa:deadsnakes/ppa && apt-get install python3.12 python3.12-venv"; \
		echo "  RHEL, Rocky or AlmaLinux 9: dnf install python3.12"; \
		echo "  Debian 12 and other systems with 3.11: build 3.12 from python.org (./configure && make altinstall)"; \
		echo "Or name an interpreter: make run PYTHON=/opt/python3.12/bin/python3.12"; \
		exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Main job: the app with demo data, on SQLite unless DATABASE_URL is set; the Celery
# worker and beat run beside it (Redis with REDIS_URL, a file-system broker without).
run: seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "干部管理信息系统: http://127.0.0.1:$(PORT)/   (API docs: http://127.0.0.1:$(PORT)/api/docs/)"
	@echo "Demo logins, password $${DEMO_PASSWORD:-Cadre@2026}: admin (系统管理员) hr (组织人事) clerk (单位管理员) leader (校领导) discipline (纪检监察)"
	@echo
	@trap 'trap - EXIT INT TERM; kill $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	$(VENV)/bin/celery -A config worker --loglevel=WARNING --concurrency=1 & \
	$(VENV)/bin/celery -A config beat --loglevel=WARNING & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: venv
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A config beat --loglevel=INFO

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Debian packages the tests need: chromium (end-to-end test), pango and a CJK font (PDF of the
# appointment form through WeasyPrint). Installed only when missing; needs root.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
		|| echo "WARNING: could not install $$missing; the tests that need them will be skipped"; \
	fi

# The whole suite against real PostgreSQL and Redis, then a smoke run on SQLite.
test: venv system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest
	@echo "Smoke run: migrations and seed_demo on SQLite"
	@tmp=$$(mktemp -d); \
	DATABASE_URL=sqlite:///$$tmp/smoke.sqlite3 $(PY) manage.py migrate --noinput --verbosity 0 && \
	DATABASE_URL=sqlite:///$$tmp/smoke.sqlite3 $(PY) manage.py seed_demo >/dev/null && \
	DATABASE_URL=sqlite:///$$tmp/smoke.sqlite3 $(PY) manage.py seed_demo >/dev/null && \
	echo "Smoke run passed"; status=$$?; rm -rf $$tmp; exit $$status
	$(MAKE) --no-print-directory newcomer

# `make run` as a newcomer starts it: a fresh clone of HEAD, no DATABASE_URL or REDIS_URL, a free
# port; it logs in through the API and the login form and loads the roster and the dashboard.
newcomer:
	$(PYTHON) .ci/newcomer.py

# Quick feedback while working: the rules and services (no browser, worker or HTTP layer), on a
# kept test database. `make test` stays the whole suite.
# schemathesis over /api/schema/ as every role and anonymous (tests/core/test_schema_fuzz.py, the
# suite's harness), with the role x endpoint matrix; prints a summary per role. FUZZ_METHODS=all adds
# every write operation; FUZZ_EXAMPLES bounds the generated requests per operation and role.
FUZZ_METHODS ?=
FUZZ_EXAMPLES ?= 5
fuzz: venv
	FUZZ_ROLES=all FUZZ_METHODS=$(FUZZ_METHODS) FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
		DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
		$(VENV)/bin/pytest -q -p no:logging tests/core/test_schema_fuzz.py

test-fast: venv
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest --reuse-db -q \
		-k "rules or services or actors" -m "not e2e and not celery and not deploy"

messages: venv
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=static --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages -l zh_Hans

bench: venv
	$(PY) bench/run.py
	$(PY) bench/http_run.py

load: venv
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) var db.sqlite3
