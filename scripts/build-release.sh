#!/usr/bin/env bash
# `trunk build --release` in the current directory (the app, or crates/floor), with the wasm
# compiled by a pinned nightly when scripts/install-tools.sh could install it: the standard
# library rebuilt with the app (-Zbuild-std), panics that abort at once without formatting a
# message (-Cpanic=immediate-abort), and no file paths or Debug formatting in the binary.
# Measured: 27 KB less brotli on the first load (BENCHMARKS.md). Everything else (tests, the
# core, clippy) stays on the stable toolchain.
#
# Without that nightly (rustup could not reach its dist server), the build falls back to the
# stable toolchain and says so: the same app, 9 % larger.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/nightly.env
source "$here/nightly.env"

# The app's wasm is split after cargo links it (scripts/wasm_split.py, run by post_build.py),
# which needs the linker's relocations kept in the module. The floor is not split.
split_flags=""
if grep -q "scripts/post_build.py" Trunk.toml; then
  split_flags=" -Clink-args=--emit-relocs"
fi

sysroot="$(rustup run "$WASM_NIGHTLY" rustc --print sysroot 2>/dev/null || true)"
if [[ -n "$sysroot" && -f "$sysroot/lib/rustlib/auth-config-builder-fetched" && -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]]; then
  export RUSTUP_TOOLCHAIN="$WASM_NIGHTLY"
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  # Replaces .cargo/config.toml's rustflags for the wasm target, so it repeats them.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none$split_flags"
  echo "build-release: wasm built with $WASM_NIGHTLY (-Zbuild-std, panic=immediate-abort)" >&2
else
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components$split_flags"
  echo "build-release: WARNING: $WASM_NIGHTLY (rust-src, the wasm32 target, the standard library's crates) is not installed; building with stable (a larger wasm). scripts/install-tools.sh installs it." >&2
fi
exec trunk build --release "$@"
