#!/usr/bin/env bash
# Download sizes of a built site, gzipped (-9), per file: the first screen (the page scripts,
# the manifest, the worker and the article's first wasm bundle with its glue) and every bundle.
# With --check, fails when the first screen or any bundle is over the budget (300 KB).
# Usage: scripts/sizes.sh SITE_DIR [--check]
set -euo pipefail
SITE="${1:?usage: scripts/sizes.sh SITE_DIR [--check]}"
CHECK="${2:-}"
BUDGET=307200
gz() { local n=0 f; for f in "$@"; do n=$(( n + $(gzip -9 < "$f" | wc -c) )); done; echo "$n"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

pkg="$SITE/www/pkg"
# Bundle names in article order, the first being the first screen's (from the manifest).
bundles=$(node -e 'import(process.argv[1]).then((m) => console.log(Object.keys(m.MANIFEST.bundles).join(" ")))' \
  "$(realpath "$pkg/manifest.js")")
initial=${bundles%% *}
# Every module the page imports at load, whatever its name (highdim.js, bundles.js,
# tables.js, teacher.js, …), plus the manifest and the worker script.
page_js=$(gz "$SITE"/www/*.js "$pkg/manifest.js")
status=0
printf '%-10s %10s %10s %10s %12s\n' bundle 'wasm gz' 'glue gz' 'total' 'headroom'
for b in $bundles; do
  w=$(gz "$pkg/${b}_bg.wasm"); g=$(gz "$pkg/$b.js"); t=$(( w + g ))
  printf '%-10s %10s %10s %10s %12s\n' "$b" "$w" "$g" "$t" "$(kb $(( BUDGET - t )))"
  [ "$t" -le "$BUDGET" ] || { echo "bundle $b is over the 300 KB budget" >&2; status=1; }
  [ "$b" = "$initial" ] && first=$(( t + page_js ))
done
echo "page scripts (www/*.js and the manifest): $page_js B gzipped"
echo "first screen (page scripts + bundle $initial): $first B = $(kb "$first") of 300 KB, headroom $(kb $(( BUDGET - first )))"
[ "$first" -le "$BUDGET" ] || { echo "the first screen is over the 300 KB budget" >&2; status=1; }
if [ "$CHECK" = "--check" ]; then exit "$status"; fi
