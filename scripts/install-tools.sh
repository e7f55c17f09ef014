#!/usr/bin/env bash
# Installs everything the build and the tests need on a bare Debian 12 machine (git: the build
# stamps its commit; the reproducibility check and the verify test read it).
# Idempotent: each tool is checked by its --version before it is (re)installed.
# Versions are pinned here and in Trunk.toml; nothing is downloaded from GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the `=` pin in Cargo.toml and Cargo.lock

log() { printf '[install-tools] %s\n' "$*" >&2; }

apt_packages=(chromium chromium-driver docker-registry skopeo apache2-utils jq git)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian package starts a registry on :5000 as a service; tests run their own.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt

# The pinned nightly for the release wasm (scripts/build-release.sh), with the standard library's
# sources and their crates fetched now: Trunk builds offline. If rustup cannot reach its dist
# server, the release is built with stable (larger) and the build says so.
source scripts/nightly.env
nightly_sysroot() { rustup run "$WASM_NIGHTLY" rustc --print sysroot 2>/dev/null; }
if [[ ! -d "$(nightly_sysroot)/lib/rustlib/src/rust/library" || ! -d "$(nightly_sysroot)/lib/rustlib/wasm32-unknown-unknown" ]]; then
  log "rustup toolchain install $WASM_NIGHTLY (rust-src, wasm32)"
  rustup toolchain install "$WASM_NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || log "WARNING: $WASM_NIGHTLY could not be installed; the release wasm will be built with stable"
fi
if [[ -d "$(nightly_sysroot)/lib/rustlib/src/rust/library" ]]; then
  # scripts/build-release.sh uses the nightly only once this marker says its crates are here.
  marker="$(nightly_sysroot)/lib/rustlib/auth-config-builder-fetched"
  [[ -f "$marker" ]] || { cargo "+$WASM_NIGHTLY" fetch --locked --manifest-path "$(nightly_sysroot)/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null && touch "$marker"; } \
    || log "WARNING: the standard library's crates could not be fetched for $WASM_NIGHTLY; the release wasm will be built with stable"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  log "cargo install trunk $TRUNK_VERSION"
  # Without update_check, which would query crates.io at run time.
  cargo install trunk --version "$TRUNK_VERSION" --locked --no-default-features --features rustls
fi

# Splits the release wasm at the app's split points (scripts/wasm_split.py).
WASM_SPLIT_VERSION=0.2.4
# (it has no --version; cargo's list of installed crates says which one is there)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
fi

if ! cargo deny --version >/dev/null 2>&1; then
  log "cargo install cargo-deny"
  cargo install cargo-deny --locked
fi

# Python modules: brotli for the precompressed build files (scripts/post_build.py), PyYAML as a
# second YAML parser for the snippet tests. Into the python3 on PATH, which trunk's hook and the
# tests run.
if ! python3 -c "import brotli, yaml" 2>/dev/null; then
  if [[ "$(command -v python3)" == /usr/bin/python3 ]]; then
    log "apt-get install python3-brotli python3-yaml"
    apt-get install -y -qq --no-install-recommends python3-brotli python3-yaml >/dev/null
  else
    log "pip install brotli PyYAML (for $(command -v python3))"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore brotli==1.1.0 PyYAML==6.0.2
  fi
fi

# python-hcl2, the HCL parser the terraform-variable snippet test reads the snippet with
# (crates/registry-auth/tests/snippets_paths.rs), into the same python3.
HCL2_VERSION=8.1.4
if [[ "$(python3 -c 'from importlib.metadata import version; print(version("python-hcl2"))' 2>/dev/null)" != "$HCL2_VERSION" ]]; then
  log "pip install python-hcl2==$HCL2_VERSION (for $(command -v python3))"
  pip_flags=(--quiet --disable-pip-version-check --root-user-action=ignore)
  # Debian's own python3 is externally managed (PEP 668) and has no python-hcl2 package.
  [[ "$(command -v python3)" == /usr/bin/python3 ]] && pip_flags+=(--break-system-packages)
  python3 -m pip install "${pip_flags[@]}" "python-hcl2==$HCL2_VERSION"
fi

# kubectl, for the test comparing the pull Secret with `kubectl create secret docker-registry`.
# Any kubectl will do (it runs with --dry-run=client); Debian's if there is none.
if ! kubectl version --client >/dev/null 2>&1; then
  log "apt-get install kubernetes-client"
  apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
fi

# Node packages: playwright-core (driving Debian's chromium), binaryen (wasm-opt 132), yaml/toml parsers.
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/playwright-core ]] || ! npm ls --silent >/dev/null 2>&1; then
  log "npm ci"
  npm ci --no-audit --no-fund --silent
fi

cargo fetch --quiet
log "ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version)"
