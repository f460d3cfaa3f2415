#!/usr/bin/env bash
# Benchmark of the exact Gaussian hull probability (math::hull::exact) natively and in wasm
# (Node, Chromium's V8): the internal angles, one curve of 60 training-set sizes, and N50,
# for d = 2..30. Not a timed test. Usage: scripts/bench-exact.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench/exact
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh rust node
mkdir -p "$OUT"
echo "[bench] native" >&2
cargo run --quiet --release --example exact_bench
echo "[bench] wasm build (feature bench)" >&2
cargo build --quiet --profile web --lib --target wasm32-unknown-unknown --features bench
wasm-bindgen --target nodejs --no-typescript --out-dir "$OUT/pkg" target/wasm32-unknown-unknown/web/highdim.wasm
echo "[bench] wasm (Node)" >&2
node scripts/bench/exact_wasm.mjs "$OUT/pkg"
