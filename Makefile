# Customer Connect: Westmere District Council's website and chatbot.
# `make run` sets everything up and starts it; `make test` runs every test. `make help` lists the rest.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_DIR := .run
DEMO_ADMIN_USER ?= admin
DEMO_ADMIN_PASSWORD ?= westmere-demo

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "The website needs Python 3.11 or newer as '$(PYTHON)'."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

.PHONY: venv
venv: $(VENV)/.installed ## Make the website's virtual environment

FRONTEND_SOURCES := $(shell find site/frontend/scss site/frontend/js -type f 2>/dev/null) site/frontend/package.json site/frontend/package-lock.json

site/static/dist/.built: $(FRONTEND_SOURCES)
	@command -v npm >/dev/null || { echo "Install Node.js 20+ and npm to build the styles (apt-get install nodejs npm)."; exit 1; }
	cd site/frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	touch $@

.PHONY: frontend
frontend: site/static/dist/.built ## npm ci (esbuild, sass, govuk-frontend, lighthouse), then build the CSS and the one JavaScript bundle

.PHONY: services
services: ## Install (Debian packages) and start PostgreSQL and Redis on 127.0.0.1, as CI does
	bash deploy/local/services.sh

OPENSEARCH_LOCAL_URL := http://127.0.0.1:9200

.PHONY: opensearch
opensearch: ## Run a real 3-node OpenSearch 2.19 cluster on 127.0.0.1:9200-9202 (Maven; the first run downloads it)
	bash deploy/opensearch/run.sh

.PHONY: opensearch-start
opensearch-start: ## Start that cluster in the background (log in .run/opensearch.log) and wait until it is healthy
	@mkdir -p $(RUN_DIR)
	@if curl -fsS $(OPENSEARCH_LOCAL_URL)/ >/dev/null 2>&1; then echo "OpenSearch is already running."; \
	else nohup bash deploy/opensearch/run.sh > $(RUN_DIR)/opensearch.log 2>&1 & fi
	OPENSEARCH_URL=$(OPENSEARCH_LOCAL_URL) bash deploy/opensearch/wait.sh

.PHONY: opensearch-stop
opensearch-stop: ## Stop the local OpenSearch cluster
	@curl -fsS -X POST http://127.0.0.1:9290/shutdown || echo "OpenSearch was not running."

.PHONY: migrate
migrate: venv
	$(MANAGE) migrate --noinput

.PHONY: demo
demo: migrate ## Load the demo councils, Westmere and Fellside (idempotent), and build the search index
	$(MANAGE) load_demo_council
	$(MANAGE) create_demo_admin --username $(DEMO_ADMIN_USER) --password $(DEMO_ADMIN_PASSWORD)
	$(MANAGE) write_error_page > /dev/null
	$(MANAGE) update_index > /dev/null

-include bot/bot.mk

.PHONY: run
run: venv frontend demo bot-venv bot-train ## Set everything up and run the site, the bot and the action server on localhost
	@mkdir -p $(RUN_DIR)
	@trap 'kill 0' EXIT; \
	$(MAKE) --no-print-directory bot-run-actions > $(RUN_DIR)/actions.log 2>&1 & \
	$(MAKE) --no-print-directory bot-run-rasa > $(RUN_DIR)/rasa.log 2>&1 & \
	$(MANAGE) run_due --loop 60 > $(RUN_DIR)/scheduler.log 2>&1 & \
	echo ""; \
	echo "  Website:  http://localhost:$(PORT)/ (Westmere, also http://westmere.localhost:$(PORT)/)"; \
	echo "            http://fellside.localhost:$(PORT)/ (Fellside, the second council: Chromium and Firefox resolve it)"; \
	echo "  Admin:    http://localhost:$(PORT)/admin/  (user: $(DEMO_ADMIN_USER), password: $(DEMO_ADMIN_PASSWORD))"; \
	echo "  Chatbot:  http://localhost:5005/ (Rasa), actions on http://localhost:5055/ (logs in $(RUN_DIR)/)"; \
	echo ""; \
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
TEST_STAGES := lint demo test-site bot-test test-e2e test-lighthouse

test: ## Run every test: ruff, website (with browser and accessibility tests), bot (trained on the demo council), end to end, Lighthouse
	@for stage in $(TEST_STAGES); do \
	  started=$$(date +%s); \
	  $(MAKE) --no-print-directory $$stage || exit 1; \
	  echo "=== make $$stage: $$(( $$(date +%s) - started )) s"; \
	done

.PHONY: test-site
PYTEST_MARKS ?= not e2e and not search_server and not prod
# Parallel workers (pytest-xdist), each with its own test database and Redis database (at most 6: Redis has 16
# databases); 0 runs them in one process.
PYTEST_WORKERS ?= 2

test-site: venv frontend ## Website tests (pytest, PYTEST_WORKERS in parallel); set DATABASE_URL to run them on PostgreSQL
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "$(PYTEST_MARKS)"

.PHONY: test-opensearch
test-opensearch: venv frontend opensearch-start ## The whole search suite on the local OpenSearch cluster (set DATABASE_URL for PostgreSQL)
	OPENSEARCH_URL=$(OPENSEARCH_LOCAL_URL),http://127.0.0.1:9201,http://127.0.0.1:9202 \
	  $(VENV)/bin/pytest tests/search -m "not browser"

.PHONY: test-e2e
test-e2e: venv frontend bot-train ## End to end: the real Rasa server and action server with the live site
	$(VENV)/bin/pytest -m e2e

.PHONY: test-lighthouse
test-lighthouse: venv frontend ## Lighthouse (npm, headless chromium) on six pages, production settings under gunicorn
	$(PY) tests/lighthouse/run_lighthouse.py

.PHONY: lint
lint: venv ## Check Python style with ruff
	$(VENV)/bin/ruff check .

.PHONY: bench
bench: venv frontend ## Benchmark a page against a static file of the same size (gunicorn + whitenoise)
	$(PY) bench/page_vs_static.py

.PHONY: clean
clean: ## Remove the virtual environments, built files and local database
	rm -rf $(VENV) site/static/dist/*.css site/static/dist/*.js site/static/dist/*.map site/static/dist/.built static_collected db.sqlite3 $(RUN_DIR)

.PHONY: prod
prod: ## Production topology on this machine (nginx, 2 web, worker, 2 Rasa, actions; PostgreSQL, Redis): deploy/prod/run.sh
	bash deploy/prod/run.sh

.PHONY: test-prod
test-prod: venv frontend bot-train ## Tests of the production topology (needs PostgreSQL and Redis: make services)
	bash deploy/local/nginx.sh
	$(VENV)/bin/pytest -p no:cacheprovider -m prod tests/deploy
