#!/usr/bin/env bash
# The build is reproducible: two release builds of the current commit, from two fresh copies in
# different directories (at different depths) with their own target/, give identical bytes,
# every file of dist/ (SHA256SUMS included). `make reproducible`; CI runs it (.gitlab-ci.yml).
# Needs the tools of scripts/install-tools.sh (trunk, wasm-bindgen, wasm-opt from node_modules,
# Chromium, python3-brotli) and git; a missing one fails the check.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in git trunk wasm-opt python3 diff; do
  command -v "$tool" >/dev/null || { echo "check_reproducible: $tool is missing (scripts/install-tools.sh)" >&2; exit 1; }
done
commit=$(git rev-parse HEAD)
if ! git diff --quiet HEAD --; then
  echo "check_reproducible: checking commit $commit; uncommitted changes are not part of it"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
builds=("$work/one/src" "$work/two/a/longer/path/src")
for dir in "${builds[@]}"; do
  mkdir -p "$dir"
  git archive "$commit" | tar -x -C "$dir"
  ln -s "$root/node_modules" "$dir/node_modules"
  echo "==> building $commit in $dir"
  # No .git in the copy: the commit is given. CARGO_TARGET_DIR unset: each has its own target/.
  (cd "$dir" && env -u CARGO_TARGET_DIR SOURCE_COMMIT="$commit" bash scripts/build-release.sh >"$dir.log" 2>&1) || {
    tail -30 "$dir.log" >&2
    exit 1
  }
done
if diff -r "${builds[0]}/dist" "${builds[1]}/dist"; then
  echo "reproducible: $(wc -l <"${builds[0]}/dist/SHA256SUMS") files identical in both builds of $commit"
else
  echo "check_reproducible: the two builds of $commit differ (above)" >&2
  for dir in "${builds[@]}"; do (cd "$dir/dist" && sha256sum -- wasm-*/*.wasm index.html); done >&2
  exit 1
fi
