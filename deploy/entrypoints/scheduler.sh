#!/usr/bin/env bash
# Scheduled work (sitewide/scheduled.py): runs the jobs that are due every minute (emails to retry, retention,
# councillors' weekly digests). One process is enough; a second would start each job once too (it is claimed).
source "$(dirname "$0")/common.sh"
exec "$SITE_PYTHON" manage.py run_due --loop "${SCHEDULER_INTERVAL:-60}"
