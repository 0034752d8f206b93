#!/usr/bin/env bash
# Control under load: how fast the admin API answers stage changes (PUT /admin/routes/{id}/stage on the
# management port) while wrk saturates the proxy port. Loopback only, bounded in time. For each gateway build
# (FICUS_JAR, and BASE_JAR when given, e.g. main's), pinned like bench/run.sh (gateway + nginx backend on
# core 0; wrk and the gateway's route store, its PostgreSQL, on core 1: see lib.sh): CHANGES stage changes one after another while idle, then CHANGES while loaded; prints
# p50 / p99 / max of their answer times and the proxy's req/s meanwhile.
# Usage, from the repository root:
#   strangler-gateway/bench/control-under-load.sh
#   BASE_JAR=/tmp/main.jar AUTOGROUP_NICE=-10 strangler-gateway/bench/control-under-load.sh
# Knobs: CHANGES (40), WARMUP (30s of proxy load before measuring), MODE (pinned | unpinned), CONNECTIONS (32).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_own_session "$0" "$@"
CHANGES=${CHANGES:-40}; WARMUP=${WARMUP:-30s}; MODE=${MODE:-pinned}; CONNECTIONS=${CONNECTIONS:-32}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FICUS_JAR=${FICUS_JAR:-$ROOT/strangler-gateway/target/strangler-gateway-0.1.0-SNAPSHOT-exec.jar}
[[ -f "$FICUS_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/strangler-gateway/pom.xml" -DskipTests package
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
case "$MODE" in
  pinned) SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); PG_CPU=1 ;;
  unpinned) SERVER_CPU=(); CLIENT_CPU=(); PG_CPU= ;;
  *) echo "MODE must be pinned or unpinned"; exit 2 ;;
esac
DIRECT=18940 GATEWAY=18942 ADMIN=18943

WORK=$(mktemp -d /tmp/ficus-control.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/www/bench" "$WORK/tmp"
printf '{"items":[%s]}' "$(printf '{"sku":"FIC-%03d","name":"Fig","price":"9.90"},' $(seq 1 12) | sed 's/,$//')" \
  >"$WORK/www/bench/products"
chmod -R a+rX "$WORK"
cat > "$WORK/backend.conf" <<NGINX
worker_processes 1; pid $WORK/backend.pid; error_log $WORK/backend-error.log;
events { worker_connections 4096; }
http { access_log off; default_type application/json; keepalive_requests 1000000;
  server { listen 127.0.0.1:$DIRECT; root $WORK/www; } }
NGINX
"${SERVER_CPU[@]}" nginx -c "$WORK/backend.conf" -g 'daemon off;' &
PIDS+=($!)

measure() { # <label> <jar>
  # shellcheck disable=SC2086
  (cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:$DIRECT FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$DIRECT \
    FICUS_GATEWAY_ADMIN_PASSWORD=bench exec "${SERVER_CPU[@]}" java -Djava.io.tmpdir="$WORK/tmp" ${JAVA_OPTS:-} -jar "$2" \
    --server.port=$GATEWAY --management.server.port=$ADMIN \
    --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >gateway.log 2>&1) &
  local gateway=$!
  PIDS+=("$gateway")
  for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$GATEWAY/bench/products" && break; sleep 0.5; done
  # the gateway's route store: its CPU group and core (lib.sh)
  bench_place_postgres "$WORK/tmp" "${PG_CPU:-}"
  changes() { # <file>: CHANGES stage changes, alternating canary 10 % and legacy, one answer time (s) a line
    for i in $(seq 1 "$CHANGES"); do
      local body='{"stage": "legacy", "reason": "control-under-load bench"}'
      (( i % 2 )) && body='{"stage": "canary", "percent": 10, "reason": "control-under-load bench"}'
      curl -sS -o /dev/null -w '%{http_code} %{time_total} %{time_connect} %{time_starttransfer}\n' -u admin:bench -X PUT \
        -H 'Content-Type: application/json' -d "$body" \
        "http://127.0.0.1:$ADMIN/admin/routes/catalog-reads/stage" >>"$1"
      sleep 0.2
    done
  }
  changes "$WORK/$1.idle"
  "${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$GATEWAY/bench/products" >/dev/null
  "${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d600s "http://127.0.0.1:$GATEWAY/bench/products" >"$WORK/$1.wrk" &
  local load=$!
  changes "$WORK/$1.loaded"
  kill -INT "$load"; wait "$load" || true
  kill "$gateway"; wait "$gateway" 2>/dev/null || true
  python3 - "$1" "$WORK/$1.idle" "$WORK/$1.loaded" "$WORK/$1.wrk" <<'PY'
import re, statistics, sys
label, idle, loaded, wrk = sys.argv[1:]
def figures(path):
    rows = [line.split() for line in open(path)]
    times = sorted(float(row[1]) * 1000 for row in rows)
    bad = sum(1 for row in rows if row[0] != "200")
    p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
    return f"p50 {statistics.median(times):7.1f} ms  p99 {p99:7.1f} ms  max {times[-1]:7.1f} ms  non-200 {bad}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", open(wrk).read())
print(f"{label:6} idle:   {figures(idle)}")
print(f"{label:6} loaded: {figures(loaded)}   (proxy meanwhile {float(rps.group(1)) if rps else 0:,.0f} req/s)")
for name, path in (("idle", idle), ("loaded", loaded)):
    rows = [line.split() for line in open(path)]
    n, slowest = max(enumerate(rows, 1), key=lambda r: float(r[1][1]))
    print(f"{label:6} slowest {name} change: #{n} of {len(rows)}, {float(slowest[1]) * 1000:.1f} ms"
          f" (connected after {float(slowest[2]) * 1000:.1f} ms, first byte after {float(slowest[3]) * 1000:.1f} ms)")
PY
}
echo "Stage changes (PUT /admin/routes/catalog-reads/stage, $CHANGES each, 0.2 s apart), mode $MODE, proxy load" \
  "wrk -t1 -c$CONNECTIONS after a $WARMUP warm-up; load average $(cut -d' ' -f1 /proc/loadavg)"
[[ -z "${BASE_JAR:-}" ]] || measure base "$BASE_JAR"
measure this "$FICUS_JAR"
