#!/usr/bin/env bash
# Run once per release, before the new processes start: create the databases if missing, migrate,
# collect static files, optionally load the demo council, write the error page, rebuild the search index.
# Safe to run again; migrations must be backwards compatible with the release still running (RUNBOOK.md).
source "$(dirname "$0")/common.sh"
"$SITE_PYTHON" deploy/entrypoints/create_databases.py
"$SITE_PYTHON" manage.py migrate --noinput
"$SITE_PYTHON" manage.py collectstatic --noinput -v 0
if [ "${LOAD_DEMO_COUNCIL:-0}" = "1" ]; then
  "$SITE_PYTHON" manage.py load_demo_council
  if [ -n "${DEMO_ADMIN_PASSWORD:-}" ]; then
    "$SITE_PYTHON" manage.py create_demo_admin --username "${DEMO_ADMIN_USER:-admin}" --password "$DEMO_ADMIN_PASSWORD"
  fi
fi
# The site's own address (canonical links, Open Graph URLs, the sitemap), from the address residents use.
if [ -n "${SITE_BASE_URL:-}" ]; then
  "$SITE_PYTHON" manage.py set_site_address "$SITE_BASE_URL"
fi
# The second demo council's address behind the same proxy (http://fellside.localhost:8080 on one machine).
if [ "${LOAD_DEMO_COUNCIL:-0}" = "1" ] && [ -n "${FELLSIDE_BASE_URL:-}" ]; then
  "$SITE_PYTHON" manage.py set_site_address "$FELLSIDE_BASE_URL" --site fellside.localhost
fi
# The pages nginx and Django show when the site fails: each council's, with its phone number from its contact details.
"$SITE_PYTHON" manage.py write_error_page > /dev/null
if [ "${SKIP_UPDATE_INDEX:-0}" != "1" ]; then
  "$SITE_PYTHON" manage.py update_index > /dev/null
fi
