#!/usr/bin/env bash
# The action server on $ACTIONS_HOST:$ACTIONS_PORT (the loopback unless set). It calls the web app's bot
# API at WEB_API_URL (through nginx, so it is balanced over the web processes) with BOT_API_TOKEN, and
# answers only callers that bring ACTIONS_TOKEN (the Rasa servers: endpoints.production.yml).
source "$(dirname "$0")/common.sh"
: "${WEB_API_URL:?Set WEB_API_URL to the address of the nginx in front of the web processes}"
export WEB_API_URL
: "${ACTIONS_TOKEN:?Set ACTIONS_TOKEN: only the Rasa servers may run actions}"
export ACTIONS_TOKEN
cd "$BOT_DIR"
exec "${BOT_PYTHON:-$BOT_DIR/.venv/bin/python}" action_server.py --host "${ACTIONS_HOST:-127.0.0.1}" --port "${ACTIONS_PORT:-5055}"
