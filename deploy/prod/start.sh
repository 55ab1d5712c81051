#!/usr/bin/env bash
# Start the topology with honcho from a Procfile written from the environment: nginx, one web process
# per WEB_PORTS entry, the tasks worker, one Rasa server per RASA_PORTS entry, the action server.
# Names of processes as arguments start only those (for example `start.sh web2 rasa2`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
procfile="$PROD_DIR/Procfile"
{
  echo "nginx: deploy/entrypoints/nginx.sh"
  n=0; for port in $WEB_PORTS; do n=$((n + 1)); echo "web$n: WEB_PORT=$port deploy/entrypoints/web.sh"; done
  echo "worker: deploy/entrypoints/worker.sh"
  echo "scheduler: deploy/entrypoints/scheduler.sh"
  n=0; for port in $RASA_PORTS; do n=$((n + 1)); echo "rasa$n: RASA_PORT=$port deploy/entrypoints/rasa.sh"; done
  echo "actions: deploy/entrypoints/actions.sh"
} > "$procfile"
cat >&2 <<MSG

  Customer Connect, production topology (honcho, $procfile):
    site through nginx   http://127.0.0.1:$NGINX_PORT/   (health: /healthz, admin: /admin/)
    web processes        ports $WEB_PORTS
    Rasa servers         ports $RASA_PORTS   (health: /status)
    action server        port $ACTIONS_PORT  (health: /health)
    search               ${OPENSEARCH_URL:-PostgreSQL full text (set OPENSEARCH_URL for OpenSearch)}

MSG
exec "$ROOT/.venv/bin/honcho" start --no-colour -f "$procfile" -d "$ROOT" "$@"
