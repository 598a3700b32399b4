#!/usr/bin/env bash
# Lookup speed: `check ONE_TOOL` on a 10,000-tool registry against the start-up of a trivial Swift executable
# built the same way (release, SwiftPM), and `lint` / `list` of the whole registry; and `check` of a
# noncompliant tool in a registry of the shape where alternatives are hardest (3 categories, none compliant).
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
IFS=$'\t' read -r GOOD GOOD_NAME BAD < <("$B" list --registry "$R" --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
good = next(r for r in rows if r["verdict"] == "compliant")
bad = next(r["tool"] for r in rows if r["verdict"] == "noncompliant")
print(good["tool"], good["name"], bad, sep="\t")')
"$B" check "Synth 42" --registry "$R" >/dev/null 2>&1 || true   # warm the lookup cache, as any second lookup finds it
python3 scripts/bench/gen-registry.py "$N" "$WORK/few" --categories 3 --no-compliant >/dev/null
F=$WORK/few/Registry
/usr/bin/time -f "%e" -o "$WORK/first-few.txt" "$B" check synth-00000 --registry "$F" >/dev/null 2>&1 || true   # builds the caches once
echo "first check on the 3-category registry (judges every tool once, then caches the verdict hints): $(tail -1 "$WORK/first-few.txt") s"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
# The machine is shared and noisy, and hyperfine runs one command's samples after another's: a busy spell
# would land on one command only. So the lookups are timed in ROUNDS short rounds, each with every command,
# and each round gives its own ratio to the trivial executable; the median round is reported.
ROUNDS=${ROUNDS:-7}
for round in $(seq "$ROUNDS"); do
  hyperfine -N -i --warmup 3 --runs 20 --export-json "$WORK/check-$round.json" \
    -n "trivial Swift executable" "$BASE" \
    -n "check $GOOD (compliant, by id)" "$B check $GOOD --registry $R" \
    -n "check \"$GOOD_NAME\" (the same, by name)" "$B check '$GOOD_NAME' --registry $R" \
    -n "check $BAD (noncompliant, by id, + alternatives)" "$B check $BAD --registry $R" \
    -n "check \"Synth 42\" (by alias)" "$B check 'Synth 42' --registry $R" \
    -n "check synth-00001 (noncompliant; 3 categories, none compliant)" "$B check synth-00001 --registry $F" >/dev/null 2>&1 || true
done
hyperfine -N --warmup 1 --runs 10 --export-json "$WORK/whole.json" \
  -n "lint ($N tools)" "$B lint --registry $R" \
  -n "list ($N tools)" "$B list --registry $R" || true
python3 - "$WORK" "$ROUNDS" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{work}/check-{i}.json"))["results"] for i in range(1, rounds + 1)]
whole = json.load(open(f"{work}/whole.json"))["results"]
print(f"\n{rounds} rounds of 20 runs each; per round, each command's median and its ratio to the trivial executable's.")
print("\n| command | median of round medians | ratio: median round | ratio: best–worst round |\n|---|---:|---:|---:|")
for c in range(len(runs[0])):
    medians = [r[c]["median"] for r in runs]
    ratios = [r[c]["median"] / r[0]["median"] for r in runs]
    print(f"| {runs[0][c]['command']} | {statistics.median(medians)*1000:.1f} ms | {statistics.median(ratios):.2f}x | {min(ratios):.2f}–{max(ratios):.2f}x |")
for r in whole:
    print(f"| {r['command']} | {r['median']:.2f} s | | |")
PY
