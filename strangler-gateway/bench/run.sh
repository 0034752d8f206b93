#!/usr/bin/env bash
# Side-by-side gateway benchmark, loopback only, bounded in time. One run measures, in alternating rounds:
#   direct          the nginx backend itself (a 0.7 KB JSON file)
#   nginx proxy     nginx 1 worker as reverse proxy, upstream keep-alive
#   stock SCG       stock Spring Cloud Gateway (bench/stock-gateway: same Boot/Spring Cloud, one route, defaults)
#   ficus legacy    the Ficus gateway, a path no route claims (the catch-all to legacy)
#   ficus canary 50 the Ficus gateway, catalog-reads at canary 50 %, a random X-User-Id per request so that
#                   both sides answer (legacy: the backend; service: a second server block of the same nginx)
# Each peer gets a warm-up, then ROUNDS rounds of ROUND each, peers alternating inside every round; the figures
# are the medians over the rounds, with ratios against stock SCG and nginx.
#
# Usage (from the repository root; builds what is missing):
#   strangler-gateway/bench/run.sh                      # pinned: backend + proxy on core 0, wrk on core 1
#                                                       # (with the Ficus gateway's PostgreSQL: lib.sh)
#   MODE=unpinned strangler-gateway/bench/run.sh        # nothing pinned, everything shares both cores
#   WARMUP=5s ROUND=5s ROUNDS=1 strangler-gateway/bench/run.sh   # a quick look
# Other knobs: CONNECTIONS (32), PEERS (space-separated subset of: direct nginx stock ficus canary),
#   BASE_JAR (another build of the Ficus gateway, e.g. main's: adds the peers "base" and "base-canary", that
#   build at legacy and at canary 50 %, so that a change is measured against its base in the same run), FICUS_JAR / STOCK_JAR (other builds), JAVA_OPTS (given to both JVM gateways), FICUS_OPTS (Ficus only,
#   e.g. FICUS_OPTS=-XX:StartFlightRecording=filename=/tmp/ficus.jfr,settings=profile to profile it; see
#   bench/jfr-top.py).
# Installs wrk and nginx from Debian packages if missing. Figures are only comparable within one run.
set -euo pipefail
# With the kernel's autogroup scheduling (each terminal session its own group), other sessions' `nice -n 19`
# builds still get an equal share of the CPU. AUTOGROUP_NICE=-10 runs the benchmark in a session of its own whose
# group has that nice, so that concurrent builds yield to it as intended (needs root; the docs say when it was used).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_own_session "$0" "$@"
MODE=${MODE:-pinned}; WARMUP=${WARMUP:-30s}; ROUND=${ROUND:-15s}; ROUNDS=${ROUNDS:-3}; CONNECTIONS=${CONNECTIONS:-32}
PEERS=${PEERS:-direct nginx stock ficus canary${BASE_JAR:+ base base-canary}}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/strangler-gateway/bench
FICUS_JAR=${FICUS_JAR:-$ROOT/strangler-gateway/target/strangler-gateway-0.1.0-SNAPSHOT-exec.jar}
STOCK_JAR=${STOCK_JAR:-$BENCH/stock-gateway/target/stock-gateway-0.1.0-SNAPSHOT.jar}
[[ -f "$FICUS_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/strangler-gateway/pom.xml" -DskipTests package
[[ -f "$STOCK_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$BENCH/stock-gateway/pom.xml" -DskipTests package
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
case "$MODE" in
  pinned) SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); PG_CPU=1 ;;
  unpinned) SERVER_CPU=(); CLIENT_CPU=(); PG_CPU= ;;
  *) echo "MODE must be pinned or unpinned"; exit 2 ;;
esac
DIRECT=18900 NGINX_PROXY=18901 FICUS=18902 FICUS_ADMIN=18903 STOCK=18904 SERVICE=18905 BASE=18906 BASE_ADMIN=18907

WORK=$(mktemp -d /tmp/ficus-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

bench_static_backend "$WORK"   # lib.sh: the catalog page and backend.conf (legacy on $DIRECT, service on $SERVICE)
cat > "$WORK/proxy.conf" <<NGINX
worker_processes 1; pid $WORK/proxy.pid; error_log $WORK/proxy-error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$DIRECT; keepalive 64; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$NGINX_PROXY;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
NGINX
# in the foreground (daemon off): a daemonizing nginx starts a session of its own, outside AUTOGROUP_NICE's group
"${SERVER_CPU[@]}" nginx -c "$WORK/backend.conf" -g 'daemon off;' &
PIDS+=($!)
"${SERVER_CPU[@]}" nginx -c "$WORK/proxy.conf" -g 'daemon off;' &
PIDS+=($!)

# shellcheck disable=SC2086
(cd "$WORK" && BACKEND_URL=http://127.0.0.1:$DIRECT PORT=$STOCK exec "${SERVER_CPU[@]}" java ${JAVA_OPTS:-} \
  -jar "$STOCK_JAR" >stock.log 2>&1) &
PIDS+=($!)
# shellcheck disable=SC2086
(cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:$DIRECT FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$SERVICE \
  FICUS_GATEWAY_ADMIN_PASSWORD=bench exec "${SERVER_CPU[@]}" java -Djava.io.tmpdir="$WORK/tmp" ${JAVA_OPTS:-} ${FICUS_OPTS:-} -jar "$FICUS_JAR" \
  --server.port=$FICUS --management.server.port=$FICUS_ADMIN \
  --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >ficus.log 2>&1) &
PIDS+=($!)
if [[ -n "${BASE_JAR:-}" ]]; then
  # shellcheck disable=SC2086
  (cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:$DIRECT FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$SERVICE \
    FICUS_GATEWAY_ADMIN_PASSWORD=bench exec "${SERVER_CPU[@]}" java -Djava.io.tmpdir="$WORK/tmp" ${JAVA_OPTS:-} -jar "$BASE_JAR" \
    --server.port=$BASE --management.server.port=$BASE_ADMIN \
    --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >base.log 2>&1) &
  PIDS+=($!)
fi
up() { for _ in $(seq 1 240); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1 (logs in $WORK)"; tail -n 5 "$WORK"/*.log; exit 1; }
up "http://127.0.0.1:$STOCK/bench/products"
up "http://127.0.0.1:$FICUS/bench/products"
[[ -z "${BASE_JAR:-}" ]] || up "http://127.0.0.1:$BASE/bench/products"
# the gateway's route store: its CPU group and core (lib.sh)
bench_place_postgres "$WORK/tmp" "${PG_CPU:-}"
for admin in $FICUS_ADMIN ${BASE_JAR:+$BASE_ADMIN}; do
  curl -fsS -u admin:bench -X PUT "http://127.0.0.1:$admin/admin/routes/catalog-reads/stage" \
    -H 'Content-Type: application/json' -d '{"stage": "canary", "percent": 50, "reason": "benchmark"}' >/dev/null
done

# a different caller on every request, so that the canary sends about half of them to each side
cat > "$WORK/callers.lua" <<'LUA'
math.randomseed(42)
request = function()
  return wrk.format(nil, nil, { ["X-User-Id"] = "caller-" .. math.random(1, 1000000) })
end
LUA
url() { case "$1" in
  direct) echo "http://127.0.0.1:$DIRECT/bench/products" ;;
  nginx) echo "http://127.0.0.1:$NGINX_PROXY/bench/products" ;;
  stock) echo "http://127.0.0.1:$STOCK/bench/products" ;;
  ficus) echo "http://127.0.0.1:$FICUS/bench/products" ;;
  canary) echo "http://127.0.0.1:$FICUS/api/catalog/products" ;;
  base) echo "http://127.0.0.1:$BASE/bench/products" ;;
  base-canary) echo "http://127.0.0.1:$BASE/api/catalog/products" ;;
esac; }
load() { # <peer> <duration> [output]
  local args=(-t1 -c"$CONNECTIONS" -d"$2" --latency)
  if [[ "$1" == *canary ]]; then args+=(-s "$WORK/callers.lua"); else args+=(-H 'X-User-Id: bench-user'); fi
  "${CLIENT_CPU[@]}" wrk "${args[@]}" "$(url "$1")" >"${3:-/dev/null}"
}
side_requests() { # requests per side of catalog-reads so far: "<legacy> <service>"
  curl -fsS -u admin:bench "http://127.0.0.1:$FICUS_ADMIN/admin/routes/catalog-reads" | python3 -c \
    'import json,sys; s=json.load(sys.stdin)["stats"]; print(s["legacy"]["requests"], s["service"]["requests"])'
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
for peer in $PEERS; do load "$peer" "$WARMUP"; done
before=$(side_requests)
for round in $(seq 1 "$ROUNDS"); do
  for peer in $PEERS; do load "$peer" "$ROUND" "$WORK/$peer.$round.txt"; done
done
after=$(side_requests)

echo "Gateway benchmark: mode $MODE ($([[ $MODE == pinned ]] && echo 'backend + proxy on core 0, wrk on core 1' \
  || echo 'nothing pinned')), wrk -t1 -c$CONNECTIONS, warm-up $WARMUP per peer, $ROUNDS alternating rounds of $ROUND"
echo "GET of $(wc -c <"$WORK/www/bench/products") bytes of JSON; $(nproc) cores; load average before $load_before," \
  "after $(cut -d' ' -f1 /proc/loadavg); $(java -version 2>&1 | head -1)"
BENCH_DIR="$ROOT/strangler-gateway/bench" python3 - "$WORK" "$ROUNDS" "$before" "$after" $PEERS <<'PY'
import os, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
from wrk_rounds import print_table
work, rounds, before, after, peers = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
labels = {"direct": "direct (nginx backend)", "nginx": "nginx reverse proxy", "stock": "stock SCG",
          "ficus": "ficus legacy (catch-all)", "canary": "ficus canary 50 %", "base": "base jar: ficus legacy",
          "base-canary": "base jar: ficus canary 50 %"}
results = print_table(work, rounds, peers, labels)
def ratio(a, b, what):
    if a in results and b in results:
        print(f"  {labels[a]} / {labels[b]}: {results[a][0] / results[b][0]:.2f}x req/s, "
              f"p99 {results[a][2]:.2f} vs {results[b][2]:.2f} ms{what}")
print("ratios (medians):")
ratio("ficus", "stock", "   (target >= 1.2x, p99 no worse)")
ratio("canary", "stock", "   (target >= 1.0x)")
ratio("ficus", "nginx", "   (stretch >= 0.3x)")
ratio("stock", "nginx", "")
ratio("ficus", "base", "   (this build against BASE_JAR)")
ratio("canary", "base-canary", "   (this build against BASE_JAR)")
ratio("base", "stock", "   (BASE_JAR)")
ratio("base-canary", "stock", "   (BASE_JAR)")
if "canary" in results:
    b, a = [int(x) for x in before.split()], [int(x) for x in after.split()]
    print(f"canary sides during the rounds (catalog-reads, admin stats): legacy {a[0] - b[0]:,}, service {a[1] - b[1]:,}")
PY
