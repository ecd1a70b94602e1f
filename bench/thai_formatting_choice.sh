#!/usr/bin/env bash
# Why Rangwan formats Thai dates with its own module instead of PyThaiNLP:
# installs PyThaiNLP into a throwaway venv and measures its install size and the
# import time of pythainlp.util, then the same for rangwan.core.thai.
# Usage: bash bench/thai_formatting_choice.sh   (from the repository root)
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check pythainlp
site=$("$tmp/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "pythainlp $("$tmp/venv/bin/python" -c 'import pythainlp; print(pythainlp.__version__)')"
echo "  installed size: $(du -sh "$site/pythainlp" | cut -f1)"
best() { sort -n | head -1; }
for _ in 1 2 3 4 5; do
  "$tmp/venv/bin/python" -X importtime -c 'import pythainlp.util' 2>&1 | tail -1 | awk -F'|' '{print $2}'
done | best | awk '{printf "  import pythainlp.util: %.0f ms (best of 5, cumulative)\n", $1/1000}'
echo "rangwan.core.thai"
echo "  size: $(wc -c < rangwan/core/thai.py) bytes"
for _ in 1 2 3 4 5; do
  .venv/bin/python -X importtime \
    -c 'import django.utils.timezone, django.utils.translation; import rangwan.core.thai' 2>&1 \
    | grep -E '\| rangwan.core.thai$' | awk -F'|' '{print $2}'
done | best | awk '{printf "  import rangwan.core.thai: %.1f ms (best of 5; the Django modules it uses are loaded first, as in the app)\n", $1/1000}'
