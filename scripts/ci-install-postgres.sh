#!/usr/bin/env bash
# Installs the PostgreSQL server binaries the store tests start a throwaway
# cluster from (test/support/postgres.ts). Debian/Ubuntu, non-interactive,
# idempotent: does nothing when initdb is already there. The tests never use
# the system service the package may start.
set -euo pipefail

if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo "PostgreSQL server binaries already installed: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL server binaries not found and apt-get is not available: install the PostgreSQL server (initdb, pg_ctl) some other way" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
echo "installed: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
