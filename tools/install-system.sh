#!/bin/sh
# Install the system tools the tests use, only when missing: LibreOffice headless with
# Python-UNO and poppler (Word checks), Chromium (browser checks), axe-core (accessibility),
# git (the diff and merge drivers are tested with real git).
set -eu
need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need="$need python3-uno"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v git >/dev/null 2>&1 || need="$need git"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need fonts-dejavu-core >/dev/null
  else
    echo "missing:$need (run as root, or: sudo apt-get install$need); their tests will be skipped" >&2
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
  npm install --no-save --silent axe-core >/dev/null 2>&1 || echo "axe-core not installed; the accessibility test will be skipped" >&2
fi
