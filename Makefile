# The two quick-start commands are `make run` and `make test`; README.md explains both.
# Everything else here is what those two need, and can be run on its own.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev assets browser pdf-libs setup serve lint checks typecheck mutation

## run: set everything up on SQLite with demo data and serve http://127.0.0.1:8000
run: export DEBUG := 1
run: install assets pdf-libs setup serve

## test: install what the tests need (Chromium included), run the static checks, then the whole suite
# pytest exits 5 when it collected no tests; that is a broken suite, not a pass.
test: install-dev assets browser pdf-libs checks
	@$(VENV)/bin/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed
	scripts/build_assets.sh

## browser: Debian's Chromium for the browser tests (Playwright drives it; it cannot download its own)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian's packages"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

## pdf-libs: Pango and a font from Debian's packages, which WeasyPrint needs to draw the PDF board pack
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi -e liberation -e dejavu || { \
	  echo "Installing Pango and fonts from Debian's packages (for the PDF board pack)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation; }

setup:
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_demo

# The background worker (board packs, metrics after an import, reminders) runs beside the web server and
# stops with it; its queue is a table in the same SQLite database, so no other server is needed.
serve:
	@$(PY) manage.py db_worker --queue-name='*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## checks: lint, formatting and missing migrations; any finding fails `make test` (and so CI)
checks: install-dev typecheck
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

lint: checks

## typecheck: mypy over the typed packages listed in mypy.ini (the metrics, their result contract and its readers)
typecheck: install-dev
	DEBUG=1 $(VENV)/bin/mypy

## mutation: mutation testing of workforce/metrics against its tests, score per module (not part of `make test`;
## about 6 minutes on one core). One module: make mutation MODULES=workforce/metrics/wres.py
mutation: install-dev
	$(PY) scripts/mutation.py $(MODULES)
