#!/usr/bin/env bash
# One web process: gunicorn with deploy/gunicorn.conf.py on $WEB_PORT (or $GUNICORN_BIND).
source "$(dirname "$0")/common.sh"
export GUNICORN_BIND="${GUNICORN_BIND:-${WEB_HOST:-127.0.0.1}:${WEB_PORT:-8000}}"
exec "$(dirname "$SITE_PYTHON")/gunicorn" --pythonpath site -c deploy/gunicorn.conf.py customer_connect.wsgi:application
