#!/usr/bin/env bash
# Build (first run: downloads OpenSearch 2.19 from Maven Central) and start a 3-node OpenSearch cluster on
# 127.0.0.1 in the foreground: HTTP on 9200-9202, transport on 9300-9302, control on 9290.
# OPENSEARCH_HEAP (default 1g) sizes the one JVM; OPENSEARCH_DATA (default target/cluster) keeps the data.
set -euo pipefail
cd "$(dirname "$0")"
newest_source=$(find pom.xml src -type f -newer target/classpath.txt 2>/dev/null | head -1 || true)
if [ ! -f target/classpath.txt ] || [ -n "$newest_source" ]; then
  mvn -q -B compile
fi
heap=${OPENSEARCH_HEAP:-1g}
exec java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
  -Dlog4j2.formatMsgNoLookups=true -Dopensearch.networkaddress.cache.ttl=60 \
  -DbasePath="${OPENSEARCH_DATA:-target/cluster}" \
  -cp "target/classes:$(cat target/classpath.txt)" uk.gov.westmere.search.LocalCluster
