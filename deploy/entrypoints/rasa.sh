#!/usr/bin/env bash
# One Rasa server on $RASA_PORT: REST channel + HTTP API, conversations in PostgreSQL (tracker store),
# locks in Redis, so any server can carry on any conversation. The store settings come from
# DATABASE_URL / REDIS_URL unless TRACKER_DB_* / REDIS_LOCK_* are set.
source "$(dirname "$0")/common.sh"
eval "$("${BOT_PYTHON:-$BOT_DIR/.venv/bin/python}" - <<'PY'
import os, shlex
from urllib.parse import urlsplit
db = urlsplit(os.environ.get("DATABASE_URL", "postgres://connect:connect@127.0.0.1:5432/connect"))
redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
values = {
    "TRACKER_DB_HOST": db.hostname or "127.0.0.1", "TRACKER_DB_PORT": db.port or 5432,
    "TRACKER_DB_NAME": db.path.lstrip("/") + "_tracker", "TRACKER_DB_USER": db.username or "",
    "TRACKER_DB_PASSWORD": db.password or "",
    "REDIS_LOCK_HOST": redis.hostname or "127.0.0.1", "REDIS_LOCK_PORT": redis.port or 6379,
    "REDIS_LOCK_DB": (redis.path.lstrip("/") or "0"), "REDIS_LOCK_PASSWORD": redis.password or "",
}
for name, value in values.items():
    print(f"export {name}={shlex.quote(str(os.environ.get(name) or value))}")
PY
)"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook}"
cd "$BOT_DIR"
# With RASA_API_TOKEN set, Rasa's HTTP API (models, trackers) needs it; the web app sends it to load an
# updated model (assistant_updates). The REST channel and "/" (the health probe) never need it.
# "--auth-token=..." in one word: a token that starts with "-" is not taken for another option.
exec "${BOT_PYTHON:-$BOT_DIR/.venv/bin/python}" "$RASA_SERVER" run --enable-api ${RASA_API_TOKEN:+"--auth-token=$RASA_API_TOKEN"} --interface "${RASA_HOST:-127.0.0.1}" --port "${RASA_PORT:-5005}" \
  --credentials credentials.yml --endpoints endpoints.production.yml \
  --model "${RASA_MODEL:-models/westmere.tar.gz}" --response-timeout "${RASA_RESPONSE_TIMEOUT:-30}"
