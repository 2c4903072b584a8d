#!/usr/bin/env bash
# Installs Debian's chromium, which the playground's browser tests drive
# headless through playwright-core's executablePath (test/support/browser.ts).
# Non-interactive, idempotent: does nothing when /usr/bin/chromium is already
# there. Playwright never downloads a browser of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "/usr/bin/chromium not found and apt-get is not available: install Chromium some other way and point SHIPMATE_CHROMIUM at its binary" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "installed: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
