#!/usr/bin/env bash
# The action server on $ACTIONS_PORT. It calls the web app's bot API at WEB_API_URL (through nginx,
# so it is balanced over the web processes) with BOT_API_TOKEN.
source "$(dirname "$0")/common.sh"
: "${WEB_API_URL:?Set WEB_API_URL to the address of the nginx in front of the web processes}"
export WEB_API_URL
cd "$BOT_DIR"
exec "$RASA" run actions --actions actions --port "${ACTIONS_PORT:-5055}"
