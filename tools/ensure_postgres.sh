#!/usr/bin/env bash
# The store tests run against PostgreSQL with PostGIS as well as SQLite: install
# Debian's server and PostGIS when missing (the tests start their own throwaway
# server with initdb/pg_ctl on a free local port; nothing runs as a service).
set -euo pipefail
have_server() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
have_postgis() { ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; }
if have_server && have_postgis; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "PostgreSQL/PostGIS are missing and this user cannot install them: run 'apt-get install postgresql postgis' as root." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# The PostGIS extension package is named after the server's major version (Debian 12: 15).
major=$(ls /usr/lib/postgresql | sort -n | tail -1)
$SUDO apt-get install -y -qq --no-install-recommends "postgresql-${major}-postgis-3" >/dev/null
