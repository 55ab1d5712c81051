#!/usr/bin/env bash
# Everything `make prod` needs before its processes start: PostgreSQL and Redis (deploy/local/services.sh,
# unless PROD_SERVICES=external), nginx from Debian's packages, both virtual environments, the styles,
# the release step (databases, migrations, static files, demo council, search index), then the bot model,
# trained from the pages of that database (make bot-train exports them).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "${PROD_SERVICES:-local}" = "local" ]; then
  bash deploy/local/services.sh
fi
bash deploy/local/nginx.sh
make --no-print-directory venv frontend bot-venv
if [ "${PROD_OPENSEARCH:-0}" = "1" ]; then
  [ -f deploy/opensearch/run.sh ] || { echo "PROD_OPENSEARCH=1 needs deploy/opensearch (make opensearch)"; exit 1; }
  make --no-print-directory opensearch-start  # in the background, waits until the cluster is healthy
fi
bash deploy/entrypoints/release.sh
make --no-print-directory bot-train
