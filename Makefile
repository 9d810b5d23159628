# One command runs the app (make run), one runs the tests (make test). Everything lives in ./.venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# With DEBUG off the app refuses to start without a SECRET_KEY. The local commands below that run that way
# (benchmark, load run, backup, worker) take the environment's key, or else a fresh random one for this run only.
LOCAL_KEY = SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"

.PHONY: install run test test-fast lint format worker beat bench load clean backup restore

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Local development: SQLite, Celery tasks run eagerly, demo data loaded, served on 127.0.0.1:8000.
run: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Every test (CI runs this). Tests bring their own SECRET_KEY (pyproject.toml, pytest-env).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop, about two minutes: everything but the tests marked slow (browser journeys, the real worker,
# PostgreSQL-only, fuzzing, PDF rendering, subprocess runs; tests/conftest.py lists them).
test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser and not celery_worker" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# DESIGN §6's figures at 10 × the demo's size, in a database of its own (PostgreSQL when DATABASE_URL says so).
bench: install
	$(LOCAL_KEY) $(BIN)/python manage.py benchmark --scale $(or $(SCALE),10) --json benchmark.json $(if $(FRESH),--fresh)

# 50 concurrent read-only users against gunicorn on 127.0.0.1 for 20 s (after make run / load_demo).
load: install
	$(LOCAL_KEY) $(BIN)/python manage.py load_run --users 50 --seconds 20

# The real stack by hand (needs REDIS_URL): a worker and the beat scheduler.
worker: install
	$(LOCAL_KEY) $(BIN)/celery -A mhhs_governance worker --loglevel=info

beat: install
	$(LOCAL_KEY) $(BIN)/celery -A mhhs_governance beat --loglevel=info

# Database (pg_dump or SQLite's backup API) and media files in one .tar.gz: backups/mhhs-<UTC time>.tar.gz, or FILE=.
backup: install
	$(LOCAL_KEY) $(BIN)/python manage.py backup $(FILE)

# Replaces the database and writes back the media files: make restore FILE=backups/mhhs-….tar.gz (asks on a
# terminal; YES=1 confirms where there is none, as in CI).
restore: install
	@test -n "$(FILE)" || { echo "Give the backup: make restore FILE=backups/mhhs-<timestamp>.tar.gz" >&2; exit 2; }
	$(LOCAL_KEY) $(BIN)/python manage.py restore "$(FILE)" $(if $(YES),--yes)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
