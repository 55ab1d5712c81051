#!/usr/bin/env bash
# Wait until the cluster on OPENSEARCH_URL (default http://127.0.0.1:9200) has NODES nodes (default 3) and is
# green or yellow; give up after TIMEOUT seconds (default 480: the first run downloads OpenSearch).
set -euo pipefail
url=${OPENSEARCH_URL:-http://127.0.0.1:9200}
nodes=${NODES:-3}
deadline=$((SECONDS + ${TIMEOUT:-480}))
until health=$(curl -fsS "$url/_cluster/health?wait_for_nodes=$nodes&wait_for_status=yellow&timeout=5s" 2>/dev/null) \
    && [[ $health == *'"timed_out":false'* ]]; do
  if [ $SECONDS -ge $deadline ]; then
    echo "OpenSearch at $url did not become healthy with $nodes nodes in time." >&2
    exit 1
  fi
  sleep 2
done
echo "OpenSearch at $url: $(grep -o '"status":"[a-z]*"' <<<"$health"), $nodes nodes"
