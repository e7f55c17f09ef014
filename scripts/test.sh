#!/usr/bin/env bash
# The whole test suite (the README's `make test`; CI's .ci/run calls the same).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (host, all targets) and (wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --no-default-features --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "dependencies: bans, licenses, sources"
cargo deny check bans licenses sources
if [[ -d "${CARGO_HOME:-$HOME/.cargo}/advisory-dbs" ]]; then
  cargo deny check advisories
else
  echo "cargo deny advisories: skipped, the RustSec database cannot be fetched here (run 'cargo deny check advisories' where it can)."
fi

step "core tests (no web dependency)"
cargo test --no-default-features

step "release build"
trunk build --release

step "browser end-to-end tests (release build under /tools/auth/)"
node --test --test-concurrency=1 tests/e2e/
