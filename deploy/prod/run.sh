#!/usr/bin/env bash
# `make prod`: set up, then start the whole topology in the foreground (Ctrl-C stops it all).
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
exec bash "$(dirname "$0")/start.sh" "$@"
