#!/usr/bin/env bash
# The browser test opens the site in Debian's Chromium (headless). Installs it when it is
# missing and this machine can (root with apt-get, as on CI); otherwise says how.
set -euo pipefail
browser=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "docs: installing Debian's chromium for the browser test (apt-get, about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "docs: the browser test needs Chromium at $browser: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
