#!/usr/bin/env bash
# Issue 3's speed figures, side by side with the peers of ../shared/bench, in one run, on loopback:
# refresh 10,000 signed attestations from nginx (state on tmpfs, like the peers' output) against
# `curl --parallel 64` (fetch + store only) and the Python aiohttp peer (fetch + verify + store); then the
# all-304 rerun against curl's If-None-Match run; and our peak memory.
# Usage: scripts/bench/refresh-bench.sh [N]   (default 10000)
# Environment: PORT (28080; ours on PORT+1), RUNS (5), SHM (/dev/shm/genai-bench), WORK (/tmp/genai-refresh-bench),
# PEERS (../shared/bench beside the repository).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
N=${1:-10000}
PORT=${PORT:-28080}
OUR_PORT=$((PORT + 1))
RUNS=${RUNS:-5}
SHM=${SHM:-/dev/shm/genai-bench}
WORK=${WORK:-/tmp/genai-refresh-bench}
PEERS=${PEERS:-$ROOT/../shared/bench}
[ -d "$PEERS" ] || { echo "needs ../shared/bench beside the repository" >&2; exit 1; }
for c in nginx hyperfine curl; do command -v $c >/dev/null || { apt-get update -qq; apt-get install -y -qq nginx hyperfine curl >/dev/null; break; }; done
source scripts/ensure-deps.sh && ensure_build_deps
PY=python3
if ! python3 -c 'import aiohttp' 2>/dev/null; then
  [ -x "$WORK/venv/bin/python" ] || { python3 -m venv --system-site-packages "$WORK/venv" && "$WORK/venv/bin/pip" install -q aiohttp; }
  PY=$WORK/venv/bin/python
fi
swift build -c release --product genai-registry --quiet
swift build -c release --product genai-registry-refresh --quiet   # `refresh` runs it
B=$ROOT/.build/release/genai-registry

mkdir -p "$WORK" && rm -rf "$WORK/peer" "$SHM" && mkdir -p "$SHM"
python3 "$PEERS/gen-corpus.py" "$N" "$WORK/peer" 2>/dev/null
python3 scripts/bench/gen-attestations.py "$N" "$SHM" "http://127.0.0.1:$OUR_PORT" 2>/dev/null
sed "s#^#http://127.0.0.1:$PORT/#" "$WORK/peer/urls.txt" > "$WORK/urls-http.txt"
# One nginx (the harness's serve.sh, same config) per corpus: its open-file cache holds a descriptor per
# file served, and 2 x N files in one nginx exceed its worker_rlimit_nofile (it then answers 500s).
SERVE_PIDFILE=$WORK/nginx-peer.pid "$PEERS/serve.sh" "$WORK/peer" "$PORT" >"$WORK/serve-peer.log" 2>&1 &
SERVE_PIDFILE=$WORK/nginx-ours.pid "$PEERS/serve.sh" "$SHM/www" "$OUR_PORT" >"$WORK/serve-ours.log" 2>&1 &
trap 'for p in peer ours; do kill -QUIT "$(cat "$WORK/nginx-$p.pid" 2>/dev/null)" 2>/dev/null || true; done; rm -rf "$SHM"' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/$(head -1 "$WORK/peer/urls.txt")" && break; sleep 0.1; done
FIRST_OURS=$(cd "$SHM/www" && find ours -name '*.dsse.json' -print -quit)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$OUR_PORT/$FIRST_OURS" && break; sleep 0.1; done

R=$SHM/Registry
OUT=$SHM/peer-out
# The same parallelism as the curl peer: 64 transfers, all to the one loopback host.
REFRESH="$B refresh --registry $R --allow-plain-http --concurrency 64 --per-host 64 --format json"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); N=$N"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/cold.json" \
  --prepare "rm -rf $R/state $OUT" -n "genai-registry refresh (fetch + verify + store)" "$REFRESH >/dev/null" \
  --prepare "rm -rf $R/state $R/.cache $OUT" -n "genai-registry refresh, first run (no state, no registry cache)" "$REFRESH >/dev/null" \
  --prepare "rm -rf $OUT" -n "curl --parallel 64 (fetch + store)" "$PEERS/peer-curl.sh $WORK/urls-http.txt $OUT 64" \
  --prepare "rm -rf $OUT" -n "python aiohttp peer (fetch + verify + store)" \
    "$PY $PEERS/peer-python-fetch.py $WORK/urls-http.txt $WORK/peer/keys $OUT --mode asyncio --workers 64 --expect $N"
# Second refresh: everything answers 304.
rm -rf "$R/state" && $REFRESH >/dev/null || true
"$PEERS/peer-curl-inm.sh" collect "$WORK/urls-http.txt" "$WORK/etags.tsv" 64
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/304.json" \
  -n "genai-registry refresh, all 304" "$REFRESH >/dev/null" \
  -n "curl If-None-Match, all 304" "$PEERS/peer-curl-inm.sh run $WORK/etags.tsv 64"
$REFRESH > "$WORK/304-run.json" || true
rm -rf "$R/state"
/usr/bin/time -v $REFRESH 2> "$WORK/time.txt" >/dev/null || true
python3 - "$WORK" <<'PY'
import json, re, sys
w = sys.argv[1]
cold = {r["command"]: r["median"] for r in json.load(open(f"{w}/cold.json"))["results"]}
inm = {r["command"]: r["median"] for r in json.load(open(f"{w}/304.json"))["results"]}
ours, first, curl, py = (cold[k] for k in cold)
ours304, curl304 = (inm[k] for k in inm)
run304 = json.load(open(f"{w}/304-run.json"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{w}/time.txt").read()).group(1))
print("\n| measure | ours | peer | ratio | goal |\n|---|---:|---:|---:|---|")
print(f"| refresh N vs curl --parallel 64 | {ours:.2f} s | {curl:.2f} s | {ours/curl:.2f} | <= 1.5 |")
print(f"| refresh N vs Python aiohttp peer | {ours:.2f} s | {py:.2f} s | {ours/py:.2f} | <= 0.35 |")
print(f"| first refresh ever (no registry cache either) vs curl --parallel 64 | {first:.2f} s | {curl:.2f} s | {first/curl:.2f} | |")
print(f"| all-304 refresh vs curl If-None-Match | {ours304:.2f} s | {curl304:.2f} s | {ours304/curl304:.2f} | <= 1.0 |")
print(f"| all-304 refresh: state files written | {run304['filesWritten']} | | | 0 |")
print(f"| all-304 refresh: re-verified | {run304['counts'].get('verified', 0)} ({run304['counts']}) | | | 0 |")
print(f"| peak memory (cold refresh) | {rss/1024:.0f} MB | | | < 150 MB |")
PY
