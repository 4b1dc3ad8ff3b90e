#!/usr/bin/env bash
# The browser test opens the site in Debian's Chromium, headless. It takes the first of:
# CHROMIUM_PATH, Debian's chromium-headless-shell (the same Chromium in its lighter headless
# mode: about 40% less time per page here), Debian's chromium. Installs the headless shell when
# none is there and this machine can (root with apt-get, as on CI); otherwise says how.
# test/site.test.ts looks in the same order.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "docs: CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable: point it at Chromium or unset it" >&2
  exit 1
fi
for browser in /usr/bin/chromium-headless-shell /usr/bin/chromium; do
  [ -x "$browser" ] && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "docs: installing Debian's chromium-headless-shell for the browser test (apt-get, about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null
  exit 0
fi
echo "docs: the browser test needs Chromium: install Debian's chromium-headless-shell or chromium package (sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH" >&2
exit 1
