#!/usr/bin/env bash
# The whole test suite (the README's `make test`; CI's .ci/run calls the same).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (host, all targets) and (wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "docs/ citations resolve; nothing cites a file outside the repository"
python3 scripts/check_doc_links.py

step "no import cycle between modules (ARCHITECTURE.md, Layers)"
python3 scripts/check_module_cycles.py

step "the core crate's dependency tree has no browser crate"
if cargo tree -p registry-auth -e normal --prefix none | grep -E '^(leptos|web-sys|wasm-bindgen|js-sys|gloo|reactive_graph|tachys)[ -]'; then
  echo "crates/registry-auth must not depend on a browser crate" >&2
  exit 1
fi

step "the core crate builds on its own (no feature borrowed from the workspace)"
cargo check -p registry-auth --all-targets --quiet

step "dependencies: bans, licenses, sources"
cargo deny check bans licenses sources

step "dependencies: advisories (RustSec)"
# The live database where it can be fetched; otherwise the offline snapshot beside the project
# (../shared/advisory-db), cloned where cargo-deny looks for it. Neither: the step fails.
advisory_home="${CARGO_HOME:-$HOME/.cargo}/advisory-dbs"
snapshot="$(cd .. && pwd)/shared/advisory-db/advisory-db.bundle"
if timeout 120 cargo deny fetch db >/dev/null 2>&1; then
  cargo deny check advisories
elif [[ -f "$snapshot" ]]; then
  db="$advisory_home/advisory-db-3157b0e258782691"
  if [[ ! -d "$db/.git" ]]; then
    rm -rf "$db"
    mkdir -p "$advisory_home"
    git clone -q "$snapshot" "$db"
  fi
  echo "advisories: the RustSec database cannot be fetched here; checking against the snapshot $snapshot ($(git -C "$db" log -1 --format=%cs))"
  cargo deny --offline check advisories
else
  echo "advisories: the RustSec database cannot be fetched and there is no snapshot at $snapshot" >&2
  exit 1
fi

step "core tests (crates/registry-auth, no web dependency) and the app's native tests (texts)"
cargo test --workspace

step "release build"
bash scripts/build-release.sh

step "browser end-to-end tests (release build under /tools/auth/)"
node --test --test-concurrency=1 tests/e2e/
