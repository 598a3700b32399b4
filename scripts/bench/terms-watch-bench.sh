#!/usr/bin/env bash
# The terms watch measured on real pages' history: serves each labelled snapshot history (Open Terms
# Archive snapshots; see the testdata's README) to `genai-registry refresh` on loopback, in order, and prints
# false alarms and misses per document and overall, with and without the selectors of selectors.json, next
# to the naive whole-page hash. Exit 0 when the goal is met (see BENCHMARKS.md).
# Usage: scripts/bench/terms-watch-bench.sh [TESTDATA_DIR] [--mode selectors|main|both]
#   TESTDATA_DIR (default ../shared/testdata/terms-watch beside the repository) holds labels.tsv,
#   selectors.json and snapshots.tar.xz; WORK (/tmp/genai-terms-bench) is where they are unpacked.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
DATA=${1:-$ROOT/../shared/testdata/terms-watch}
shift || true
WORK=${WORK:-/tmp/genai-terms-bench}
[ -f "$DATA/labels.tsv" ] || { echo "no labels.tsv in $DATA" >&2; exit 1; }
source scripts/ensure-deps.sh && ensure_build_deps
nice -n 19 swift build -c release --product genai-registry --quiet
nice -n 19 swift build -c release --product genai-registry-refresh --quiet   # `refresh` runs it
mkdir -p "$WORK"
STAMP="$WORK/snapshots/.from-$(sha256sum "$DATA/snapshots.tar.xz" | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  rm -rf "$WORK/snapshots" && mkdir -p "$WORK/snapshots"
  tar -xJf "$DATA/snapshots.tar.xz" -C "$WORK/snapshots"
  touch "$STAMP"
fi
echo "terms watch on $(basename "$DATA"): $(grep -vc '^#' "$DATA/labels.tsv") snapshots; refresh of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo '+changes')"
exec python3 scripts/bench/terms-watch-bench.py "$ROOT/.build/release/genai-registry" "$DATA" "$WORK/snapshots" "$WORK" "$@"
