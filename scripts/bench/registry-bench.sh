#!/usr/bin/env bash
# Issue 2's speed figures: `check ONE_TOOL` on a 10,000-tool registry against the start-up of a trivial Swift
# executable built the same way (release, SwiftPM), and `lint` / `list` of the whole registry.
# Usage: scripts/bench/registry-bench.sh [N]   (default 10000). Needs hyperfine (installed when missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-10000}
WORK=${WORK:-/tmp/genai-registry-bench}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
source scripts/ensure-deps.sh && ensure_build_deps
swift build -c release --product genai-registry --quiet
swift build -c release --package-path Benchmarks/Baseline --quiet
B=$PWD/.build/release/genai-registry
BASE=$PWD/Benchmarks/Baseline/.build/release/baseline
rm -rf "$WORK" && mkdir -p "$WORK"
python3 scripts/bench/gen-registry.py "$N" "$WORK" >/dev/null
R=$WORK/Registry
# One compliant and one noncompliant tool (the latter also computes alternatives).
read -r GOOD BAD < <("$B" list --registry "$R" --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
good = next(r["tool"] for r in rows if r["verdict"] == "compliant")
bad = next(r["tool"] for r in rows if r["verdict"] == "noncompliant")
print(good, bad)')
"$B" check "Synth 42" --registry "$R" >/dev/null 2>&1 || true   # warm the lookup cache, as any second lookup finds it
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
hyperfine -N -i --warmup 5 --runs 40 --export-json "$WORK/check.json" \
  -n "trivial Swift executable" "$BASE" \
  -n "check $GOOD (compliant, by id)" "$B check $GOOD --registry $R" \
  -n "check $BAD (noncompliant, by id, + alternatives)" "$B check $BAD --registry $R" \
  -n "check \"Synth 42\" (by alias)" "$B check 'Synth 42' --registry $R" || true
hyperfine -N --warmup 1 --runs 10 --export-json "$WORK/whole.json" \
  -n "lint ($N tools)" "$B lint --registry $R" \
  -n "list ($N tools)" "$B list --registry $R" || true
python3 - "$WORK/check.json" "$WORK/whole.json" <<'PY'
import json, sys
check = json.load(open(sys.argv[1]))["results"]
whole = json.load(open(sys.argv[2]))["results"]
base = check[0]["median"]
print("\n| command | median | ratio to trivial executable |\n|---|---:|---:|")
for r in check:
    print(f"| {r['command']} | {r['median']*1000:.1f} ms | {r['median']/base:.1f}x |")
for r in whole:
    print(f"| {r['command']} | {r['median']:.2f} s | |")
PY
