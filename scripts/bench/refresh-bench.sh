#!/usr/bin/env bash
# The refresh's speed figures, side by side with the peers of ../shared/bench, in one run, on loopback:
# refresh 10,000 signed attestations from nginx (state on tmpfs, like the peers' output) against
# `curl --parallel 64` (fetch + store only) and the Python aiohttp peer (fetch + verify + store); then the
# all-304 rerun against curl's If-None-Match run; our peak memory; the measured floor (Benchmarks/RefreshFloor:
# the same fetches through our transport with nothing after them, with only the Ed25519 check, with the whole
# verifier); and, with perf, where a cold refresh's CPU goes.
# Usage: scripts/bench/refresh-bench.sh [N]   (default 10000)
# Environment: PORT (28080; ours on PORT+1), RUNS (rounds, 10), SHM (/dev/shm/genai-bench), WORK (/tmp/genai-refresh-bench),
# PEERS (../shared/bench beside the repository).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
N=${1:-10000}
PORT=${PORT:-28080}
OUR_PORT=$((PORT + 1))
RUNS=${RUNS:-10}
SHM=${SHM:-/dev/shm/genai-bench}
WORK=${WORK:-/tmp/genai-refresh-bench}
PEERS=${PEERS:-$ROOT/../shared/bench}
[ -d "$PEERS" ] || { echo "needs ../shared/bench beside the repository" >&2; exit 1; }
for c in nginx curl; do command -v $c >/dev/null || { apt-get update -qq; apt-get install -y -qq nginx curl >/dev/null; break; }; done
source scripts/ensure-deps.sh && ensure_build_deps
PY=python3
if ! python3 -c 'import aiohttp' 2>/dev/null; then
  [ -x "$WORK/venv/bin/python" ] || { python3 -m venv --system-site-packages "$WORK/venv" && "$WORK/venv/bin/pip" install -q aiohttp; }
  PY=$WORK/venv/bin/python
fi
swift build -c release --product genai-registry --quiet
swift build -c release --product genai-registry-refresh --quiet   # `refresh` runs it
B=$ROOT/.build/release/genai-registry
# The measured floor (fetch only; fetch + signatures only; fetch + whole verification): a package of its own.
swift build -c release --package-path Benchmarks/RefreshFloor --quiet
FLOOR=$ROOT/Benchmarks/RefreshFloor/.build/release/refresh-floor

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
PY_PEER="$PY $PEERS/peer-python-fetch.py $WORK/urls-http.txt $WORK/peer/keys $OUT --mode asyncio --workers 64 --expect $N"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); N=$N, $RUNS rounds"

# Interleaved rounds, not one block of runs per command (hyperfine's way): this machine's speed drifts by
# tens of percent within minutes, and a block measured in a slow minute skewed the ratios either way.
# Each round times every command once, in the same order; the ratios are of the medians over the rounds.
: > "$WORK/times.tsv"
timed() {  # NAME PREPARE COMMAND: runs PREPARE, then appends "NAME<TAB>seconds<TAB>cpu seconds" for COMMAND
  local name=$1 prepare=$2 command=$3 start end cpu
  eval "$prepare"
  start=$(date +%s%N)
  # A failed run would time nothing real: stop the benchmark instead. CPU = user + system time of the command
  # and its children (bash's `times` before and after, in a subshell that runs only the command).
  cpu=$( eval "$command" >/dev/null 2>"$WORK/last-error.txt" || exit 1; times ) ||
    { echo "$name failed:" >&2; cat "$WORK/last-error.txt" >&2; exit 1; }
  end=$(date +%s%N)
  printf '%s\t%s\t%s\n' "$name" "$(( (end - start) / 1000 ))e-6" "$(cpu_seconds "$cpu")" >> "$WORK/times.tsv"
}
cpu_seconds() {  # the output of `times`; its last line is the children's user and system time ("0m1.234s 0m0.567s") -> 1.801
  python3 -c 'import re, sys; print(sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", sys.argv[1].splitlines()[-1])))' "$1"
}
# Warm-up: one of each (page cache, nginx's open-file cache, the registry cache).
timed warmup "rm -rf $R/state" "$REFRESH"; timed warmup "rm -rf $OUT" "$PEERS/peer-curl.sh $WORK/urls-http.txt $OUT 64"
: > "$WORK/times.tsv"
for round in $(seq "$RUNS"); do
  timed ours "rm -rf $R/state" "$REFRESH"
  timed curl "rm -rf $OUT" "$PEERS/peer-curl.sh $WORK/urls-http.txt $OUT 64"
  timed first "rm -rf $R/state $R/.cache" "$REFRESH"
  timed python "rm -rf $OUT" "$PY_PEER"
  timed fetch : "$FLOOR fetch $R"
  timed signatures : "$FLOOR signatures $R"
  timed verify : "$FLOOR verify $R"
done
# Second refresh: everything answers 304.
rm -rf "$R/state" && $REFRESH >/dev/null || true
"$PEERS/peer-curl-inm.sh" collect "$WORK/urls-http.txt" "$WORK/etags.tsv" 64
timed warmup : "$REFRESH"
for round in $(seq "$RUNS"); do
  timed ours304 : "$REFRESH"
  timed curl304 : "$PEERS/peer-curl-inm.sh run $WORK/etags.tsv 64"
done
$REFRESH > "$WORK/304-run.json" || true
rm -rf "$R/state"
/usr/bin/time -v $REFRESH 2> "$WORK/time.txt" >/dev/null || true
python3 - "$WORK" <<'PY'
import json, re, statistics, sys, collections
w = sys.argv[1]
runs = collections.defaultdict(list)
cpu = collections.defaultdict(list)
for line in open(f"{w}/times.tsv"):
    name, seconds, cpu_seconds = line.split()
    runs[name].append(float(seconds))
    cpu[name].append(float(cpu_seconds))
med = {k: statistics.median(v) for k, v in runs.items()}
spread = {k: f"{min(v):.2f}-{max(v):.2f}" for k, v in runs.items()}
def paired(a, b):  # the median of the round-by-round ratios: each pair ran a second apart
    return statistics.median(x / y for x, y in zip(runs[a], runs[b]))
run304 = json.load(open(f"{w}/304-run.json"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{w}/time.txt").read()).group(1))
for name in ("ours", "curl", "first", "python", "fetch", "signatures", "verify", "ours304", "curl304"):
    print(f"{name:8s}", " ".join(f"{x:.2f}" for x in runs[name]))
print(f"\n{len(runs['ours'])} interleaved rounds; seconds are medians (min-max); ratio = ratio of the medians, "
      "paired = median of each round's own ratio")
print("\n| measure | ours | peer | ratio | paired | goal |\n|---|---:|---:|---:|---:|---|")
def row(label, a, b, goal):
    print(f"| {label} | {med[a]:.2f} s ({spread[a]}) | {med[b]:.2f} s ({spread[b]}) | {med[a]/med[b]:.2f} | {paired(a, b):.2f} | {goal} |")
row("refresh N vs curl --parallel 64", "ours", "curl", "<= 1.5")
row("refresh N vs Python aiohttp peer", "ours", "python", "<= 0.35")
row("first refresh ever (no registry cache either) vs curl --parallel 64", "first", "curl", "")
row("all-304 refresh vs curl If-None-Match", "ours304", "curl304", "<= 1.0")
print(f"| all-304 refresh: state files written | {run304['filesWritten']} | | | | 0 |")
print(f"| all-304 refresh: re-verified | {run304['counts'].get('verified', 0)} ({run304['counts']}) | | | | 0 |")
print(f"| peak memory (cold refresh) | {rss/1024:.0f} MB | | | | < 150 MB |")
print(f"| CPU per run (user + system, median), refresh N vs curl --parallel 64 | {statistics.median(cpu['ours']):.2f} s "
      f"| {statistics.median(cpu['curl']):.2f} s | {statistics.median(cpu['ours']) / statistics.median(cpu['curl']):.2f} | | |")
print("\nThe measured floor: the same attestations through our transport (refresh-floor, Benchmarks/RefreshFloor),\n"
      "then nothing / only each envelope's Ed25519 signature / the whole verifier; no state, no report.\n")
print("| measure | ours | peer | ratio | paired | goal |\n|---|---:|---:|---:|---:|---|")
row("fetch only (our transport, bodies dropped) vs curl --parallel 64", "fetch", "curl", "")
row("fetch + signature check only (envelope read, Ed25519) vs curl --parallel 64", "signatures", "curl", "")
row("fetch + whole verification, no state vs curl --parallel 64", "verify", "curl", "")
row("refresh N vs fetch + signature check only (how far above the measured floor)", "ours", "signatures", "")
PY

# Where our CPU goes, and the least wall time any refresh that verifies could take here (needs `perf`).
# Three cold refreshes under `perf record` give the shares of our CPU (the median measured above, without
# perf, is what is shared out); each sample is charged to Ed25519 verification (BoringSSL's code
# on the stack), to the transfer thread ("genai-curl": libcurl, sockets, response headers), or to the rest.
# The floor assumes the rest costs nothing: Ed25519 + transfers + nginx serving them, spread perfectly over
# the cores. It is compared with the median curl --parallel time measured above.
command -v perf >/dev/null || { apt-get install -y -qq linux-perf >/dev/null 2>&1 || true; }
if ! command -v perf >/dev/null || ! perf record -o /dev/null -- true >/dev/null 2>&1; then
  echo "(no working perf here: the CPU split is skipped)"; exit 0
fi
nginx_ticks() {  # user + system clock ticks of our nginx's workers
  local total=0 p
  for p in $(pgrep -P "$(cat "$WORK/nginx-ours.pid")"); do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$total"
}
: > "$WORK/split.tsv"
for i in 1 2 3; do
  rm -rf "$R/state"
  before=$(nginx_ticks)
  perf record -q -F 999 -g -o "$WORK/perf.data" -- $REFRESH >/dev/null 2>&1
  after=$(nginx_ticks)
  perf script -i "$WORK/perf.data" -F comm,ip,sym 2>/dev/null > "$WORK/perf.txt.$i"
  printf '%s\t%s\n' "$(( after - before ))" "$WORK/perf.txt.$i" >> "$WORK/split.tsv"
done
python3 - "$WORK" "$(getconf CLK_TCK)" "$(nproc)" <<'PY'
import re, statistics, sys
w, hz, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ed25519 = re.compile(r"ED25519|\bfe_|\bge_|x25519|sha512_block")
times = [line.split() for line in open(f"{w}/times.tsv")]
ours_cpu = statistics.median(float(t[2]) for t in times if t[0] == "ours")
curl = statistics.median(float(t[1]) for t in times if t[0] == "curl")
rows = []
for line in open(f"{w}/split.tsv"):
    ticks, path = line.split("\t")
    counts = {"ed25519": 0, "transfers": 0, "rest": 0}
    for sample in open(path.strip()).read().split("\n\n"):
        lines = [l for l in sample.strip().splitlines() if l.strip()]
        if not lines: continue
        comm = lines[0].split()[0]
        if any(ed25519.search(l) for l in lines[1:]): counts["ed25519"] += 1
        elif comm.startswith("genai-curl"): counts["transfers"] += 1
        else: counts["rest"] += 1
    n = sum(counts.values()) or 1
    rows.append({k: ours_cpu * v / n for k, v in counts.items()} | {"nginx": int(ticks) / hz})
med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
floor = (med["ed25519"] + med["transfers"] + med["nginx"]) / cores
print(f"\nWhere a cold refresh's CPU goes (our median CPU above, {ours_cpu:.2f} s, shared out by perf samples of 3 runs):\n")
print("| part | CPU s |\n|---|---:|")
for k, label in (("ed25519", "Ed25519 verification (BoringSSL)"), ("transfers", "transfer thread (libcurl, sockets, headers)"),
                 ("rest", "everything else of ours (parse, schema, checks, state, runtime)"), ("nginx", "nginx serving our requests")):
    print(f"| {label} | {med[k]:.2f} |")
print(f"\nComputed floor with no other work of ours (perfect overlap): (Ed25519 + transfers + nginx) / {cores} cores = {floor:.2f} s "
      f"= {floor / curl:.2f}x curl --parallel's median {curl:.2f} s")
PY
