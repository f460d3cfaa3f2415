#!/usr/bin/env bash
# Runs every check and test of highdim, installing what is missing first:
#   1. cargo fmt --check; clippy -D warnings, native and wasm32; rustdoc -D warnings
#   2. native tests: cargo test (unit, integration, doc tests, CLI, SVG figures, properties)
#   3. in-browser tests: cargo test --target wasm32-unknown-unknown --test browser (headless Chromium)
#   4. end-to-end: build the site, serve it on 127.0.0.1, drive it with playwright-core
#   5. cross-engine smoke: the article, every embed page and the offline file in Firefox ESR
#      and WebKitGTK over W3C WebDriver (tests/xengine/smoke.mjs)
#   6. the GitHub workflow files, checked with actionlint
# Screenshots land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
start=$(date +%s)
stage() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

stage "setup (skips what is installed)"
scripts/setup.sh

stage "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --test browser -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

stage "native tests"
cargo test

stage "in-browser tests (wasm32, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown --test browser

stage "build the site"
scripts/build.sh target/site

stage "download budget: first screen and every wasm bundle, gzipped, at most 300 KB each"
scripts/sizes.sh target/site --check

stage "end-to-end tests against the served site"
node --test tests/e2e/

stage "cross-engine smoke (Firefox ESR, WebKitGTK)"
node tests/xengine/smoke.mjs

stage "GitHub workflow files (actionlint)"
target/tools/actionlint/bin/actionlint .github/workflows/*.yml

stage "all tests passed in $(( $(date +%s) - start )) s"
