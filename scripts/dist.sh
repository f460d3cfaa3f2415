#!/usr/bin/env bash
# Builds a deployable static folder, dist/, for any static host (no server logic needed;
# the host must serve .wasm as application/wasm, as all common hosts do).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dist
echo "dist/ is ready: upload its contents to any static host."
