#!/usr/bin/env bash
# The tasks worker (django-tasks-db): sends queued emails, retries failures with a back-off.
source "$(dirname "$0")/common.sh"
export TASKS_BACKEND=database
exec "$SITE_PYTHON" manage.py db_worker --queue-name '*' --interval "${WORKER_INTERVAL:-1}"
