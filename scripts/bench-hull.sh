#!/usr/bin/env bash
# Benchmark of convex-hull membership: native, wasm (Node, Chromium's V8) and
# scipy.optimize.linprog(method="highs") on the same Gaussian instances. Prints a table.
# Usage: scripts/bench-hull.sh [QUERIES_PER_CELL] [SCIPY_QUERIES_PER_CELL]   (defaults 200, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
Q="${1:-200}"; QS="${2:-20}"
OUT=target/bench/hull
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh rust node
mkdir -p "$OUT"

echo "[bench] native build and instances" >&2
cargo run --quiet --release --example hull_compare -- "$OUT" "$Q" > "$OUT/native.json"

echo "[bench] wasm build (feature bench)" >&2
cargo build --quiet --profile web --lib --target wasm32-unknown-unknown --features bench
wasm-bindgen --target nodejs --no-typescript --out-dir "$OUT/pkg" target/wasm32-unknown-unknown/web/highdim.wasm
node scripts/bench/hull_wasm.mjs "$OUT" "$Q" > "$OUT/wasm.json"

echo "[bench] scipy in a virtual environment" >&2
if [ ! -x "$OUT/venv/bin/python" ]; then python3 -m venv "$OUT/venv"; fi
if ! "$OUT/venv/bin/python" -c "import scipy, numpy" 2>/dev/null; then
  "$OUT/venv/bin/pip" install --quiet scipy numpy >&2
fi
"$OUT/venv/bin/python" scripts/bench/hull_scipy.py "$OUT" "$QS" > "$OUT/scipy.json"

node scripts/bench/hull_table.mjs "$OUT/native.json" "$OUT/wasm.json" "$OUT/scipy.json"
