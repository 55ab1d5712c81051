# Sourced by deploy/prod/*.sh: the topology's settings, from the environment, with defaults for one
# machine. Every port can be changed; secrets are made once per machine and kept in PROD_DIR.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PROD_DIR="${PROD_DIR:-$ROOT/.run/prod}"
mkdir -p "$PROD_DIR"

export NGINX_PORT="${NGINX_PORT:-8080}"
export WEB_PORTS="${WEB_PORTS:-8001 8002}"          # one gunicorn process per port
export RASA_PORTS="${RASA_PORTS:-5005 5006}"        # one Rasa server per port
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"    # per web process

export DATABASE_URL="${DATABASE_URL:-postgres://connect:connect@127.0.0.1:5432/connect}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}"
# Search: OpenSearch when OPENSEARCH_URL is set, else the PostgreSQL database backend.
# PROD_OPENSEARCH=1: setup.sh starts the local 3-node cluster (make opensearch-start, deploy/opensearch).
if [ "${PROD_OPENSEARCH:-0}" = "1" ]; then
  export OPENSEARCH_URL="${OPENSEARCH_URL:-http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202}"
fi
export OPENSEARCH_URL="${OPENSEARCH_URL:-}"
[ -n "$OPENSEARCH_URL" ] || unset OPENSEARCH_URL

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-customer_connect.settings.production}"
# .localhost: each demo council's host (westmere.localhost, fellside.localhost) on one machine.
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-localhost,.localhost,127.0.0.1}"
# Plain HTTP on one machine; behind TLS in production set DJANGO_SECURE_COOKIES=true.
export DJANGO_SECURE_COOKIES="${DJANGO_SECURE_COOKIES:-false}"
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"  # and true behind TLS
export SITE_BASE_URL="${SITE_BASE_URL:-http://localhost:$NGINX_PORT}"  # links in emails, canonical URLs
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-$SITE_BASE_URL}"
export FELLSIDE_BASE_URL="${FELLSIDE_BASE_URL:-http://fellside.localhost:$NGINX_PORT}"  # the second demo council
export TASKS_BACKEND=database
# nginx runs on this machine: the web processes believe the client address it passes on, and only from it.
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-127.0.0.1}"
# Without an SMTP server (EMAIL_HOST), emails are written to the worker's log.
if [ -z "${EMAIL_BACKEND:-}" ] && [ -z "${EMAIL_HOST:-}" ]; then
  export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
fi
export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"
export LOAD_DEMO_COUNCIL="${LOAD_DEMO_COUNCIL:-1}"
export DEMO_ADMIN_PASSWORD="${DEMO_ADMIN_PASSWORD:-westmere-demo}"
export STATIC_ROOT="${STATIC_ROOT:-$ROOT/static_collected}"
export MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"  # editors' images: written by the web processes, served by nginx
export NGINX_RUN_DIR="${NGINX_RUN_DIR:-$PROD_DIR/nginx}"

# Secrets: from the environment; otherwise made once and kept (mode 600) in PROD_DIR/secrets.env.
# BOT_API_TOKEN: the action server to the web app; ACTIONS_TOKEN: Rasa to the action server;
# RASA_API_TOKEN: the web app to Rasa's HTTP API (trackers, models). Older secrets files gain the new ones.
if [ -z "${DJANGO_SECRET_KEY:-}" ] || [ -z "${BOT_API_TOKEN:-}" ] || [ -z "${ACTIONS_TOKEN:-}" ] || [ -z "${RASA_API_TOKEN:-}" ]; then
  ( umask 077; touch "$PROD_DIR/secrets.env"
    for name in DJANGO_SECRET_KEY BOT_API_TOKEN ACTIONS_TOKEN RASA_API_TOKEN; do
      grep -q "^$name=" "$PROD_DIR/secrets.env" ||
        echo "$name=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" >> "$PROD_DIR/secrets.env"
    done )
  while IFS='=' read -r name value; do
    [ -n "${!name:-}" ] || export "$name=$value"
  done < "$PROD_DIR/secrets.env"
fi
export DJANGO_SECRET_KEY BOT_API_TOKEN ACTIONS_TOKEN RASA_API_TOKEN

# What the processes tell each other.
rasa_urls=""
for port in $RASA_PORTS; do rasa_urls="${rasa_urls:+$rasa_urls,}http://127.0.0.1:$port"; done
export RASA_URLS="${RASA_URLS:-$rasa_urls}"
export WEB_API_URL="${WEB_API_URL:-http://127.0.0.1:$NGINX_PORT}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}"
