# jtai: two commands do all set-up on a fresh machine.
#   make run   serve the product with demo data on http://127.0.0.1:$(PORT)
#   make test  the whole suite: lint, format, unit, service and browser tests
#   make fuzz  the API fuzzed from its own schema at length (a short pass is part of make test)
#   make serve the production command: gunicorn, production settings, no debug
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve scale-demo test lint format bench bench-load bench-pages fuzz assets install lock migrate demo worker clean browsers

# requirements.lock is what the product runs (the production image installs only it);
# requirements-dev.lock adds the test and lint tools, and includes the first.
$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

static/node_modules/.installed: static/package.json static/package-lock.json
	npm ci --prefix static --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/.built: static/node_modules/.installed static/build.mjs $(wildcard static/src/*.scss) $(wildcard static/src/*.js)
	cd static && node build.mjs
	@touch $@

assets: static/dist/.built

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput

run: install assets
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} JTAI_DEMO=$${JTAI_DEMO:-1} $(PY) manage.py start --port $(PORT)

# The production command (what the containers' web service runs): migrations and static files
# first, then gunicorn with jtai/gunicorn.conf.py. Production settings: DJANGO_DEBUG unset, and
# DJANGO_SECRET_KEY, JTAI_SITE_URL, ALLOWED_HOSTS and JTAI_FILE_KEYS required (README).
serve: install assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_reference_data
	$(VENV)/bin/gunicorn --config jtai/gunicorn.conf.py jtai.wsgi

# Scale-out shown: two Celery workers on one Redis render 20 report jobs, each exactly once
# (needs DATABASE_URL and REDIS_URL; it runs tests/reports/test_scale_out.py).
scale-demo: install
	$(VENV)/bin/pytest -q -p no:cacheprovider tests/reports/test_scale_out.py -s

# DATABASE_URL selects PostgreSQL, REDIS_URL a real Celery worker; JTAI_REQUIRE_SERVICES=1
# turns a missing PostgreSQL, Redis or Chromium into a failure instead of a skip.
test: install assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The API fuzzed from its schema (tests/fuzz) at length: FUZZ_EXAMPLES requests per operation,
# persona and kind of input, by two processes at once, each taking half of the operations, on
# the test database (PostgreSQL with DATABASE_URL). The first step creates that database anew,
# with the reference data the migrations load, before the two processes share it.
FUZZ_EXAMPLES ?= 40
fuzz: install
	$(VENV)/bin/pytest -q -p no:cacheprovider --create-db tests/fuzz -k schema_lists
	export JTAI_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES); \
	JTAI_FUZZ_SHARD=0/2 $(VENV)/bin/pytest -q -p no:cacheprovider --reuse-db tests/fuzz -k no_operation & first=$$!; \
	JTAI_FUZZ_SHARD=1/2 $(VENV)/bin/pytest -q -p no:cacheprovider --reuse-db tests/fuzz -k no_operation & second=$$!; \
	wait $$first; a=$$?; wait $$second; b=$$?; \
	echo "fuzz: shard 1 exit $$a, shard 2 exit $$b"; test $$a -eq 0 -a $$b -eq 0

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Every benchmark, the correctness-under-load run included (it needs DATABASE_URL: PostgreSQL;
# without it it says it was not run). JTAI_LOAD_CLIENTS / JTAI_LOAD_SECONDS bound that run.
bench: install assets
	DJANGO_DEBUG=1 DJANGO_SETTINGS_MODULE=jtai.settings_test $(PY) -m benchmarks

# Only the correctness-under-load run: gunicorn (4 workers) on PostgreSQL, 50 clients, 60 s.
bench-load: install assets
	DJANGO_DEBUG=1 DJANGO_SETTINGS_MODULE=jtai.settings_test $(PY) -m benchmarks load

# Only the pages at national volume: JTAI_PAGES_INSPECTIONS (2000; 200 for a quick run),
# JTAI_PAGES_ROUNDS, JTAI_PAGES_REQUESTS; gunicorn (4 workers) on PostgreSQL.
bench-pages: install assets
	DJANGO_DEBUG=1 DJANGO_SETTINGS_MODULE=jtai.settings_test $(PY) -m benchmarks pages

lock:
	$(PY) scripts/lock.py

clean:
	rm -rf $(VENV) static/node_modules static/dist staticfiles
