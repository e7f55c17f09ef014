#!/usr/bin/env bash
# Builds the release (make bench depends on dist) and prints the figures for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/bench.mjs
