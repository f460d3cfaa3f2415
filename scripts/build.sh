#!/usr/bin/env bash
# Builds the static site into OUTDIR (default target/site): index.html, www/ and the
# wasm package in www/pkg, optimised with npm binaryen's wasm-opt.
# Usage: scripts/build.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-target/site}"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh rust node

echo "[build] compiling to wasm32 (profile web)" >&2
cargo build --quiet --profile web --lib --target wasm32-unknown-unknown
WASM=target/wasm32-unknown-unknown/web/highdim.wasm

rm -rf "$OUT"
mkdir -p "$OUT/www/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$OUT/www/pkg" "$WASM"
echo "[build] wasm-opt -Oz" >&2
tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/www/pkg/highdim_bg.wasm" -o "$OUT/www/pkg/highdim_bg.wasm"
cp index.html "$OUT/"
find www -maxdepth 1 -type f \( -name '*.js' -o -name '*.css' \) -exec cp {} "$OUT/www/" \;
# The digits of the "Real images" section (fetched only when it nears the viewport): the raw
# file and a gzipped copy, which the page prefers (see www/assets.js and data/README.md).
mkdir -p "$OUT/data"
cp data/mnist5k.bin "$OUT/data/"
gzip -9nc data/mnist5k.bin > "$OUT/data/mnist5k.bin.gz"

# Embed pages and single-file offline copies, stamped with the version and commit.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo "+changes" || true)
node scripts/pages.mjs "$OUT" "v$version, commit $commit$dirty, built $(date -u +%Y-%m-%d)"

wasm_gz=$(gzip -9c "$OUT/www/pkg/highdim_bg.wasm" | wc -c)
js_gz=$(cat "$OUT"/www/pkg/highdim.js "$OUT"/www/highdim.js "$OUT"/www/worker.js | gzip -9c | wc -c)
echo "[build] $OUT ready: wasm ${wasm_gz} B + JS ${js_gz} B gzipped" >&2
