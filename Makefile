# Coalition Tracker — everything a new machine needs, from Python 3.11 and make.
#   make run    install, start the database, migrate, load the dataset, serve :8000
#   make test   install, start the database, run the test suite against PostgreSQL
# DATABASE_URL picks the database; without it an embedded PostgreSQL runs from .data/pg.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SEEDS  ?= $(or $(SEEDS_DIR),../shared/seeds)
HOST   ?= 127.0.0.1
PORT   ?= 8000
export XDG_RUNTIME_DIR ?= $(CURDIR)/.data/run
# Run a command with DATABASE_URL set (the embedded server when it is not set already).
WITH_DB := $(PY) -m config.devdb run --

.PHONY: install lock pgbouncer run serve migrate data test browser e2e screenshots lint format check subjects schema schema-diff analyst db-url db-stop backup restore \
        shell clean fuzz release clients

install: $(STAMP)

# Exactly the versions in requirements.lock (the image installs its runtime part from the
# same file), then the project itself; `make lock` after changing pyproject.toml's lists.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e '.[dev,embedded]'
	@mkdir -p .data/run && chmod 700 .data/run
	@touch $(STAMP)

# requirements.lock: every package of the runtime, dev and embedded lists, pinned
# (pip-tools in a venv of its own, kept out of the project's).
PIP_TOOLS := .data/pip-tools/bin
lock:
	@test -x $(PIP_TOOLS)/pip-compile || { $(PYTHON) -m venv .data/pip-tools && \
	  $(PIP_TOOLS)/pip install --quiet --disable-pip-version-check 'pip-tools==7.6.*'; }
	@$(PIP_TOOLS)/pip-compile --quiet --extra dev --extra embedded --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# tests/database/test_pgbouncer.py runs the API behind Debian's pgbouncer (it skips, saying
# so, without it). `make test` installs it first when it can (root and apt-get), as CI.
CAN_APT := $(shell [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && echo yes)
pgbouncer:
	@command -v pgbouncer >/dev/null 2>&1 || test -x /usr/sbin/pgbouncer || { \
	  if [ -n "$(CAN_APT)" ]; then \
	    echo "installing Debian's pgbouncer for the pooler test ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null; \
	  else \
	    echo "The pooler test needs pgbouncer: apt-get install pgbouncer"; exit 1; \
	  fi; }

migrate: install
	@$(WITH_DB) $(PY) manage.py migrate --no-input -v 0
	@$(WITH_DB) $(PY) manage.py createcachetable

# Loads the dataset only when the database is empty or data/ (or the texts) changed; rows
# people edited are kept and reported (docs/dataset.md). Without SEEDS: data/ alone.
data: migrate
	@$(WITH_DB) $(PY) manage.py load_dataset --if-changed --texts-if-present "$(SEEDS)"

# A numbered data release (docs/dataset.md): a Frictionless Data Package of the public data
# in $(RELEASES_DIR)/VERSION (.data/releases/ by default; the API serves it), then validated.
#   make release VERSION=1.0.0 [OUT=dir]
RELEASE_OUT = $(or $(OUT),$(or $(RELEASES_DIR),.data/releases)/$(VERSION))
release: migrate
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=X.Y.Z [OUT=dir]" >&2; exit 2; }
	@$(WITH_DB) $(PY) manage.py build_release --version "$(VERSION)" --out "$(RELEASE_OUT)"
	@$(VENV)/bin/frictionless validate "$(RELEASE_OUT)/datapackage.json"

run: data
	@echo ""
	@echo "  Coalition Tracker on http://$(HOST):$(PORT)/"
	@echo "    API      http://$(HOST):$(PORT)/api/v1/   (docs: /api/v1/docs/)"
	@echo "    Admin    http://$(HOST):$(PORT)/admin/"
	@echo "  Log in: create an analyst first, in another shell:  make analyst NAME=yourname"
	@echo ""
	@$(WITH_DB) $(PY) manage.py runserver $(HOST):$(PORT)

# Two pytest-xdist workers by default (CI has two cores); TEST_WORKERS=0 runs in one
# process, which a debugger or `-x` on one test wants.
TEST_WORKERS ?= 2
test: install $(if $(CAN_APT),pgbouncer)
	@$(WITH_DB) $(PY) -m pytest -m "not e2e" -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Browser tests: headless Chromium (Debian's package) driven by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: install it (apt-get install chromium) or set CHROMIUM=/path/to/chromium"; \
	    exit 1; \
	  fi; }

e2e: install browser
	@$(WITH_DB) $(PY) -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

screenshots: install browser
	@E2E_SCREENSHOTS=docs/img $(WITH_DB) $(PY) -m pytest -m e2e tests/e2e -q

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache

format: install
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

# Commit subjects of at most 72 characters, from the commit where that rule began on
# (issue 15); the why goes in the body. Outside a git checkout there is nothing to check.
SUBJECTS_SINCE := 27ce3df
subjects:
	@! git rev-parse -q --verify $(SUBJECTS_SINCE) >/dev/null 2>&1 || \
	  git log --format=%s $(SUBJECTS_SINCE)..HEAD | \
	  awk 'length > 72 { print "commit subject over 72 characters: " $$0; bad = 1 } END { exit bad }'

check: lint subjects
	@$(WITH_DB) $(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory schema-diff

# v1 changes only additively (docs/api.md): the committed schema and the one the code
# builds now (validated, no warnings) are compared with the released v1 schema by
# Atlassian's openapi-diff (npm, pinned in tools/schema-diff/; api/schemadiff.py).
SCHEMA_RELEASED := docs/openapi-v1-released.yaml
SCHEMA_DIFF_TOOL := tools/schema-diff/node_modules/openapi-diff/package.json
$(SCHEMA_DIFF_TOOL): tools/schema-diff/package-lock.json
	@npm ci --prefix tools/schema-diff --no-fund --no-audit --silent
	@touch $@

schema-diff: install $(SCHEMA_DIFF_TOOL)
	@mkdir -p .data
	@$(WITH_DB) $(PY) manage.py spectacular --validate --fail-on-warn --file .data/openapi-live.yaml
	@$(PY) -m api.schemadiff $(SCHEMA_RELEASED) docs/openapi.yaml .data/openapi-live.yaml

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

# Property-based fuzzing of the whole API (schemathesis, every check, writes included)
# against gunicorn on a throwaway copy: tests/fuzz/run.py, with the hooks in
# tests/fuzz/hooks.py giving the cases data the database accepts. It prints what each
# operation answered and ends with "fuzz: N operations, M cases, K failures". CI runs
# FUZZ_EXAMPLES=20; before a release run more (docs/operations.md): make fuzz FUZZ_EXAMPLES=200
FUZZ_EXAMPLES ?= 20
FUZZ_SEED ?=
fuzz: install
	@$(WITH_DB) $(PY) -m tests.fuzz.run --max-examples $(FUZZ_EXAMPLES) \
	  $(if $(FUZZ_SEED),--seed $(FUZZ_SEED)) $(FUZZ_ARGS)

# The three clients integrators generate from docs/openapi.yaml, with their defaults
# (openapi-python-client, openapi-typescript + openapi-fetch, @hey-api/openapi-ts; the
# npm ones pinned in tools/clients/): each small program in tests/clients/ must pass
# `mypy --strict` / `tsc --strict` and then work against a served copy of the dataset.
# Ends with "clients: N checked, K failures" (tests/clients/run.py).
CLIENTS_TOOL := tools/clients/node_modules/typescript/package.json
$(CLIENTS_TOOL): tools/clients/package-lock.json
	@npm ci --prefix tools/clients --no-fund --no-audit --silent
	@touch $@

clients: install $(CLIENTS_TOOL)
	@$(WITH_DB) $(PY) -m tests.clients.run

shell: install
	@$(WITH_DB) $(PY) manage.py shell

clean:
	-@$(PY) -m config.devdb stop 2>/dev/null
	rm -rf $(VENV) .data tools/schema-diff/node_modules tools/clients/node_modules

# --- Benchmarks (bench/, docs/performance.md); never part of `make test` -------------------
# make bench         load coalition_bench if needed (1M pledges, ~2 min), then measure the API
#                    and the two baselines under gunicorn + wrk on 127.0.0.1; prints a table
# make bench-data    (re)load the benchmark database; BENCH_SCALE=small|medium|full|10m
# The benchmark database is coalition_bench on DATABASE_URL's server (or the embedded one),
# or BENCH_DATABASE_URL; the development database is never touched.
BENCH_SCALE ?= full
BENCH_DATA_ARGS ?=
BENCH_ARGS ?=

.PHONY: bench bench-data bench-wrk

bench-wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing wrk (apt-get install -y wrk)"; \
	    apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "make bench needs wrk: sudo apt-get install -y wrk" >&2; exit 1; \
	  fi; }

bench-data: install
	@$(PY) -m bench.generate --scale $(BENCH_SCALE) $(BENCH_DATA_ARGS)

bench: install bench-wrk
	@$(PY) -m bench.generate --if-needed --scale $(BENCH_SCALE) $(BENCH_DATA_ARGS)
	@$(PY) -m bench.run $(BENCH_ARGS)
