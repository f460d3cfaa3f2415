#!/usr/bin/env bash
# Builds the article and serves it on http://127.0.0.1:${PORT:-8000}/ (installing what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh target/site
exec node scripts/server.mjs target/site "${PORT:-8000}"
