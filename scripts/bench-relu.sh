#!/usr/bin/env bash
# Benchmark of the exact ReLU partition of [-1.2, 1.2]², natively and in wasm (Node, Chromium's
# V8), for widths 8/16/32 at depths 1-3 and 6 x 32, random and trained. Not a timed test.
# Usage: scripts/bench-relu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench/relu
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh rust node
mkdir -p "$OUT"
echo "[bench] native" >&2
cargo run --quiet --release --example relu_bench
echo "[bench] wasm build (feature bench)" >&2
cargo build --quiet --profile web --lib --target wasm32-unknown-unknown --features bench
wasm-bindgen --target nodejs --no-typescript --out-dir "$OUT/pkg" target/wasm32-unknown-unknown/web/highdim.wasm
echo "[bench] wasm (Node)" >&2
node scripts/bench/relu_wasm.mjs "$OUT/pkg"
