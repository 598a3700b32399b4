#!/usr/bin/env bash
# Two builds of the refresh side by side on refresh-bench.sh's 10,000 signed attestations (nginx, loopback,
# state on tmpfs): this tree's release build against another build's binaries, in interleaved rounds (the
# order alternating each round), cold refresh and all-304 rerun, wall time and CPU (user + system) of each run.
# Used to check that a change costs the refresh no speed; the machine is shared and noisy, so compare within
# one run, and prefer the CPU figures when the load is high.
# Usage: scripts/bench/refresh-ab.sh OTHER_DIR [N]   (OTHER_DIR holds genai-registry and genai-registry-refresh)
# Environment: PORT (28095), RUNS (rounds, 8), SHM (/dev/shm/genai-ab), PEERS (../shared/bench beside the repository),
# POLICY (a policy.json both builds read, when this tree's has fields the other build does not know).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
OTHER=$(cd "$1" && pwd)
N=${2:-10000}
PORT=${PORT:-28095}
RUNS=${RUNS:-8}
SHM=${SHM:-/dev/shm/genai-ab}
PEERS=${PEERS:-$ROOT/../shared/bench}
[ -x "$OTHER/genai-registry" ] && [ -x "$OTHER/genai-registry-refresh" ] || { echo "no genai-registry binaries in $OTHER" >&2; exit 1; }
command -v nginx >/dev/null || { apt-get update -qq; apt-get install -y -qq nginx-light >/dev/null; }
source scripts/ensure-deps.sh && ensure_build_deps
nice -n 19 swift build -c release --product genai-registry --quiet
nice -n 19 swift build -c release --product genai-registry-refresh --quiet
rm -rf "$SHM" && mkdir -p "$SHM"
python3 scripts/bench/gen-attestations.py "$N" "$SHM" "http://127.0.0.1:$PORT" 2>/dev/null
[ -z "${POLICY:-}" ] || cp "$POLICY" "$SHM/Registry/policy.json"
SERVE_PIDFILE=$SHM/nginx.pid "$PEERS/serve.sh" "$SHM/www" "$PORT" >"$SHM/serve.log" 2>&1 &
trap 'kill -QUIT "$(cat "$SHM/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$SHM"' EXIT
FIRST=$(cd "$SHM/www" && find ours -name '*.dsse.json' -print -quit)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/$FIRST" && break; sleep 0.1; done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); N=$N, $RUNS rounds"
python3 - "$ROOT/.build/release/genai-registry" "$OTHER/genai-registry" "$SHM/Registry" "$RUNS" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
this, other, registry, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def run(binary):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run([binary, "refresh", "--registry", registry, "--allow-plain-http", "--concurrency", "64",
                        "--per-host", "64", "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{binary} refresh failed: {p.stderr.decode()[:400]} {p.stdout.decode()[:600]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
results = {(b, k): [] for b in ("this", "other") for k in ("cold", "304")}
for name in ("this", "other"):  # warm-up: page cache, nginx's open-file cache, each build's registry cache
    shutil.rmtree(registry + "/state", ignore_errors=True); run(this if name == "this" else other)
for r in range(runs):
    for name in (("this", "other") if r % 2 == 0 else ("other", "this")):
        binary = this if name == "this" else other
        shutil.rmtree(registry + "/state", ignore_errors=True)
        shutil.rmtree(registry + "/.cache", ignore_errors=True)
        run(binary)  # the registry cache of this build, so the timed cold run is a nightly run's
        shutil.rmtree(registry + "/state", ignore_errors=True)
        results[(name, "cold")].append(run(binary))
        results[(name, "304")].append(run(binary))
print("| run | this tree: wall, median (min-max) | other build | ratio | this: CPU | other: CPU | ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
for kind, label in (("cold", "cold refresh of all"), ("304", "all-304 rerun")):
    t, o = results[("this", kind)], results[("other", kind)]
    tw, ow = [x[0] for x in t], [x[0] for x in o]
    tc, oc = [x[1] for x in t], [x[1] for x in o]
    print(f"| {label} | {statistics.median(tw):.2f} s ({min(tw):.2f}-{max(tw):.2f}) | {statistics.median(ow):.2f} s ({min(ow):.2f}-{max(ow):.2f}) "
          f"| {statistics.median(tw) / statistics.median(ow):.3f} | {statistics.median(tc):.2f} s | {statistics.median(oc):.2f} s "
          f"| {statistics.median(tc) / statistics.median(oc):.3f} |")
PY
