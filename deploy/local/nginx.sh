#!/usr/bin/env bash
# Install nginx from Debian's packages if it is missing (make prod, make test-prod). It is not started
# as a system service here: deploy/entrypoints/nginx.sh runs it with its own configuration.
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing nginx from Debian's packages"
$SUDO apt-get install -y -q nginx >/dev/null 2>&1 \
  || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q nginx >/dev/null; }
# Debian's package may start the system nginx on port 80: make prod does not need it.
if command -v service >/dev/null && [ -f /run/nginx.pid ]; then $SUDO service nginx stop >/dev/null 2>&1 || true; fi
