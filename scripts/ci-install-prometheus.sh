#!/usr/bin/env bash
# Installs Debian's prometheus, which the metric-guard tests start on a free
# 127.0.0.1 port with a throwaway config and TSDB (test/support/prometheus.ts).
# Non-interactive, idempotent: does nothing when the binary is already there.
# The tests never use the system service the package may start.
set -euo pipefail

if command -v prometheus >/dev/null; then
  echo "prometheus already installed: $(prometheus --version 2>&1 | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "prometheus not found and apt-get is not available: install Prometheus 2.x some other way (the tests run the 'prometheus' binary on the PATH, or PROMETHEUS_BIN)" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends prometheus >/dev/null
echo "installed: $(prometheus --version 2>&1 | head -n 1)"
