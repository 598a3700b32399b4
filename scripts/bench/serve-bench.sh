#!/usr/bin/env bash
# Verdict lookups per second: `genai-registry serve` (release build) against nginx serving the same
# verdict JSON as a static file (from `genai-registry publish`), side by side in one run, on loopback.
# wrk: 2 threads, 64 connections, 10 s, with --latency for p99.
#
# usage: scripts/bench/serve-bench.sh [TOOL_ID]      (default openai-api)
# env:   DURATION (10s), CONNECTIONS (64), THREADS (2), SERVE_PORT (18181), NGINX_PORT (18182)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/ensure-deps.sh
ensure_build_deps
ensure_packages wrk nginx-light

TOOL="${1:-openai-api}"
DURATION="${DURATION:-10s}"; CONNECTIONS="${CONNECTIONS:-64}"; THREADS="${THREADS:-2}"
SERVE_PORT="${SERVE_PORT:-18181}"; NGINX_PORT="${NGINX_PORT:-18182}"

swift build -c release --product genai-registry >&2
swift build -c release --product genai-registry-serve >&2   # `serve` and `publish` run it
BIN=.build/release/genai-registry
WORK="$(mktemp -d /tmp/serve-bench.XXXXXX)"
chmod 755 "$WORK"   # nginx workers run as another user
SERVE_PID=""; NGINX_PID=""
cleanup() {
    [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" publish "$WORK/site" --registry Registry >&2
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    types { application/json json; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/site;
        add_header Cache-Control "public, max-age=30, must-revalidate";
    }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" & NGINX_PID=$!
"$BIN" serve --registry Registry --port "$SERVE_PORT" --log-level error > "$WORK/serve.out" 2>&1 & SERVE_PID=$!

PATH_SERVE="/v1/tools/$TOOL/verdict"
PATH_STATIC="/v1/tools/$TOOL/verdict.json"
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$SERVE_PORT$PATH_SERVE" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$NGINX_PORT$PATH_STATIC" >/dev/null 2>&1 && break
    sleep 0.1
done
# Same bytes from both, or the comparison means nothing.
cmp <(curl -fs "http://127.0.0.1:$SERVE_PORT$PATH_SERVE") <(curl -fs "http://127.0.0.1:$NGINX_PORT$PATH_STATIC") >&2

run() {  # NAME URL → prints "NAME req/s p99"
    local out
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")"
    echo "$out" >&2
    local rps p99
    rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
    p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
    echo "$rps $p99"
}
echo "== serve: http://127.0.0.1:$SERVE_PORT$PATH_SERVE" >&2
read -r SERVE_RPS SERVE_P99 < <(run "http://127.0.0.1:$SERVE_PORT$PATH_SERVE")
echo "== nginx: http://127.0.0.1:$NGINX_PORT$PATH_STATIC" >&2
read -r NGINX_RPS NGINX_P99 < <(run "http://127.0.0.1:$NGINX_PORT$PATH_STATIC")
RATIO="$(awk -v a="$SERVE_RPS" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", a / b }')"
echo
echo "verdict lookups, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) cores, body $(curl -fs "http://127.0.0.1:$NGINX_PORT$PATH_STATIC" | wc -c) bytes"
printf "%-8s %12s req/s   p99 %s\n" serve "$SERVE_RPS" "$SERVE_P99" nginx "$NGINX_RPS" "$NGINX_P99"
echo "serve / nginx = $RATIO (goal >= 0.5)"
