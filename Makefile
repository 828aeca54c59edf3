# Coalition Tracker — everything a new machine needs, from Python 3.11 and make.
#   make run    install, start the database, migrate, load the dataset, serve :8000
#   make test   install, start the database, run the test suite against PostgreSQL
# DATABASE_URL picks the database; without it an embedded PostgreSQL runs from .data/pg.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SEEDS  ?= ../shared/seeds
HOST   ?= 127.0.0.1
PORT   ?= 8000
export XDG_RUNTIME_DIR ?= $(CURDIR)/.data/run
# Run a command with DATABASE_URL set (the embedded server when it is not set already).
WITH_DB := $(PY) -m config.devdb run --

.PHONY: install run serve migrate data test lint format check schema analyst db-url db-stop backup restore \
        shell clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@mkdir -p .data/run && chmod 700 .data/run
	@touch $(STAMP)

migrate: install
	@$(WITH_DB) $(PY) manage.py migrate --no-input -v 0
	@$(WITH_DB) $(PY) manage.py createcachetable

data: migrate
	@if [ -d "$(SEEDS)" ]; then \
	  $(WITH_DB) $(PY) manage.py load_dataset --texts "$(SEEDS)"; \
	else \
	  $(WITH_DB) $(PY) manage.py load_dataset; \
	fi

run: data
	@echo ""
	@echo "  Coalition Tracker on http://$(HOST):$(PORT)/"
	@echo "    API      http://$(HOST):$(PORT)/api/v1/   (docs: /api/v1/docs/)"
	@echo "    Admin    http://$(HOST):$(PORT)/admin/"
	@echo "  Log in: create an analyst first, in another shell:  make analyst NAME=yourname"
	@echo ""
	@$(WITH_DB) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@$(WITH_DB) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: install
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

check: lint
	@$(WITH_DB) $(PY) manage.py makemigrations --check --dry-run
	@$(WITH_DB) $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

schema: install
	@$(WITH_DB) $(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

analyst: migrate
	@$(WITH_DB) $(PY) manage.py create_analyst $(NAME)

db-url: install
	@$(PY) -m config.devdb url

db-stop: install
	@$(PY) -m config.devdb stop

backup: install
	@$(WITH_DB) $(PY) -m config.backup dump $(FILE)

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/x.dump" && exit 2)
	@$(WITH_DB) $(PY) -m config.backup restore $(FILE)

shell: install
	@$(WITH_DB) $(PY) manage.py shell

clean:
	-@$(PY) -m config.devdb stop 2>/dev/null
	rm -rf $(VENV) .data
