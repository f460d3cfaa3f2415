#!/usr/bin/env bash
# Builds the static site into OUTDIR (default target/site): index.html, www/ and the
# wasm bundles in www/pkg (one per article section), optimised with npm binaryen's wasm-opt.
# Usage: scripts/build.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-target/site}"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh rust node

# One wasm bundle per article section (a Cargo feature of the same name, see ARCHITECTURE.md,
# "Bundles"); the page loads a bundle when one of its figures nears the viewport.
BUNDLES="${HIGHDIM_BUNDLES:-curse hull digits relu}"
rm -rf "$OUT"
mkdir -p "$OUT/www/pkg"
opts=()
for b in $BUNDLES; do
  echo "[build] bundle $b: compiling to wasm32 (profile web, feature $b)" >&2
  cargo build --quiet --profile web --lib --target wasm32-unknown-unknown --no-default-features --features "$b"
  wasm-bindgen --target web --no-typescript --out-name "$b" --out-dir "$OUT/www/pkg" \
    target/wasm32-unknown-unknown/web/highdim.wasm
  # wasm-opt runs while the next bundle compiles.
  echo "[build] bundle $b: wasm-opt -Oz" >&2
  tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$OUT/www/pkg/${b}_bg.wasm" -o "$OUT/www/pkg/${b}_bg.wasm" &
  opts+=($!)
done
for p in "${opts[@]}"; do wait "$p"; done
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
scripts/previews.sh "$OUT"

# Sizes: what the first screen downloads, and each bundle (wasm + its glue), gzipped.
scripts/sizes.sh "$OUT" >&2
