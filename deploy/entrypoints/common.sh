# Sourced by every entrypoint: the repository root, the site's Python, production settings.
# Everything comes from the environment; these are only the defaults for one machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SITE_PYTHON="${SITE_PYTHON:-$ROOT/.venv/bin/python}"
BOT_DIR="$ROOT/bot"
RASA="${RASA:-$BOT_DIR/.venv/bin/rasa}"
# The Rasa server: Rasa's own command line with a faster check of the action server's replies (bot/rasa_server.py)
RASA_SERVER="${RASA_SERVER:-$BOT_DIR/rasa_server.py}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-customer_connect.settings.production}"
export PYTHONUNBUFFERED=1
# Rasa: no telemetry, fewer library warnings.
export RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
