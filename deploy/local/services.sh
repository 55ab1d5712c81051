#!/usr/bin/env bash
# Install (from Debian's packages) and start PostgreSQL and Redis on 127.0.0.1 for the tests and
# for `make prod`-style runs on one machine. Idempotent: running it again changes nothing.
# PostgreSQL: role "connect" / password "connect" with CREATEDB, so pytest-django can make its test
# databases: DATABASE_URL=postgres://connect:connect@127.0.0.1:5432/connect
# Redis: REDIS_URL=redis://127.0.0.1:6379/1 (no persistence: it holds only caches and locks here).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

need=()
command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian's packages"
  $SUDO apt-get install -y -q "${need[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${need[@]}" >/dev/null; }
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | grep -q "^$version main"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'connect') THEN
    CREATE ROLE connect LOGIN CREATEDB PASSWORD 'connect';
  END IF;
END $$;
SQL
as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'connect'" | grep -q 1 \
  || as_postgres createdb -O connect connect

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /tmp/connect-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/connect-redis --logfile /tmp/connect-redis/redis.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
echo "PostgreSQL $version and Redis are running on 127.0.0.1"
