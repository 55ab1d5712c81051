#!/usr/bin/env bash
# nginx in front of the web processes, its configuration rendered from deploy/nginx/*.template.
#   NGINX_PORT (8080), WEB_PORTS ("8001 8002") or WEB_SERVERS ("web1:8000 web2:8000"),
#   STATIC_ROOT (collectstatic's folder), NGINX_TRUSTED_PROXIES (CIDRs of a load balancer in front).
source "$(dirname "$0")/common.sh"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
export NGINX_RUN_DIR="${NGINX_RUN_DIR:-$ROOT/.run/nginx}"
# Request bodies over 16 KB (photos, images) are buffered to disk by nginx's workers, which run as "nobody"
# when nginx starts as root: their folder must be one they can reach, whatever NGINX_RUN_DIR's parents allow.
export NGINX_TEMP_DIR="${NGINX_TEMP_DIR:-${TMPDIR:-/tmp}/westmere-nginx-$(id -u)-${NGINX_PORT:-8080}}"
mkdir -p -m 755 "$NGINX_TEMP_DIR"
export NGINX_LISTEN="${NGINX_LISTEN:-${NGINX_HOST:-127.0.0.1}:${NGINX_PORT:-8080}}"
export STATIC_ROOT="${STATIC_ROOT:-$ROOT/static_collected}"
export MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"
export NGINX_CLIENT_MAX_BODY_SIZE="${NGINX_CLIENT_MAX_BODY_SIZE:-12m}"
export NGINX_PROXY_READ_TIMEOUT="${NGINX_PROXY_READ_TIMEOUT:-25s}"  # below GUNICORN_TIMEOUT (30 s)
export NGINX_WORKER_PROCESSES="${NGINX_WORKER_PROCESSES:-auto}"
export NGINX_FORWARDED_PROTO="${NGINX_FORWARDED_PROTO:-\$scheme}"
servers="${WEB_SERVERS:-}"
if [ -z "$servers" ]; then
  for port in ${WEB_PORTS:-8001 8002}; do servers="$servers 127.0.0.1:$port"; done
fi
WEB_UPSTREAMS=""
for server in $servers; do WEB_UPSTREAMS+="    server $server max_fails=1 fail_timeout=5s;"$'\n'; done
export WEB_UPSTREAMS
NGINX_REAL_IP=""
for cidr in ${NGINX_TRUSTED_PROXIES:-}; do NGINX_REAL_IP+="set_real_ip_from $cidr;"$'\n'; done
[ -n "$NGINX_REAL_IP" ] && NGINX_REAL_IP+="real_ip_header X-Forwarded-For;"$'\n'"real_ip_recursive off;"
export NGINX_REAL_IP
mkdir -p "$NGINX_RUN_DIR"
vars='${WEB_UPSTREAMS} ${NGINX_REAL_IP} ${NGINX_LISTEN} ${NGINX_CLIENT_MAX_BODY_SIZE} ${STATIC_ROOT} ${MEDIA_ROOT} ${NGINX_FORWARDED_PROTO} ${NGINX_PROXY_READ_TIMEOUT} ${NGINX_WORKER_PROCESSES} ${NGINX_RUN_DIR} ${NGINX_TEMP_DIR}'
envsubst "$vars" < deploy/nginx/site.conf.template > "$NGINX_RUN_DIR/site.conf"
envsubst "$vars" < deploy/nginx/nginx.conf.template > "$NGINX_RUN_DIR/nginx.conf"
"$NGINX" -t -q -c "$NGINX_RUN_DIR/nginx.conf"
exec "$NGINX" -c "$NGINX_RUN_DIR/nginx.conf"
