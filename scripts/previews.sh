#!/usr/bin/env bash
# Renders the link-preview images (og:image, twitter:card) of a built site natively with
# `highdim render`: each figure at its default state, and the article's (the hull-curve
# figure, the article's main result), 1200×630 PNG (800×420 CSS px at scale 1.5).
# Needs the site's figures.json (written by scripts/pages.mjs) and a font (Debian's
# fonts-dejavu-core; scripts/setup.sh fonts installs it).
# Usage: scripts/previews.sh SITE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="${1:-target/site}"
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh fonts
cargo build --quiet --profile preview --bin highdim
BIN=target/preview/highdim
mkdir -p "$SITE/previews"
kinds=$(node -e 'for (const f of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))) console.log(f.kind)' "$SITE/figures.json")
for k in $kinds; do
  "$BIN" render "$k" --width 800 --height 420 --scale 1.5 --out "$SITE/previews/$k.png" >/dev/null
done
cp "$SITE/previews/hullcurve.png" "$SITE/previews/highdim.png"
echo "[previews] $(ls "$SITE/previews" | wc -l) images, $(du -sk "$SITE/previews" | cut -f1) KB" >&2
