#!/usr/bin/env bash
# Installs what building and testing highdim need, skipping whatever is already there:
#   rust   the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130 (must equal the
#          wasm-bindgen crate version pinned in Cargo.toml)
#   node   wasm-opt (npm binaryen 132, never Debian's 108: its output breaks at load time)
#          and playwright-core, from tools/package-lock.json
#   browser Debian's chromium and chromium-driver (for the browser and end-to-end tests)
#   fonts  Debian's fonts-dejavu-core (text of the link-preview PNGs, scripts/previews.sh)
# Usage: scripts/setup.sh [rust] [node] [browser] [fonts]   (no argument: all four)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[setup] %s\n' "$*" >&2; }

want() { [ $# -eq 0 ] && return 0; return 1; }
parts=("$@")
has_part() { [ ${#parts[@]} -eq 0 ] && return 0; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if has_part rust; then
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >&2
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ] \
     || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (first time only; several minutes)"
    # No --locked: one of its locked dependency versions is not served by the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >&2
  fi
fi

if has_part node; then
  if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -d tools/node_modules/playwright-core ] \
     || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    say "installing node tools from tools/package-lock.json"
    (cd tools && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
fi

if has_part browser; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2
  fi
fi

if has_part fonts; then
  if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -z "${HIGHDIM_FONT:-}" ]; then
    say "installing Debian's fonts-dejavu-core (for the preview images)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-dejavu-core >&2
  fi
fi
