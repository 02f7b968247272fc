#!/usr/bin/env bash
# Make bench/.venv (git-ignored) with the peers the benchmark compares against.
# The treaty engine itself runs from the project venv (/work/main/.venv); the peers
# live apart so they never leak into the package's dependencies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
# Word comparison (Docxodus, a .NET build shipped inside the wheel). Optional: a failure
# here is a finding, not a stop; run.py --docx says so when it cannot import it.
if ! "$here/.venv/bin/pip" install --quiet "python-redlines[docxodus]"; then
    echo "warning: python-redlines[docxodus] did not install; --docx will skip it" >&2
fi
"$here/.venv/bin/pip" list 2>/dev/null | grep -i -E "redlines|diff-match-patch|docx" || true
