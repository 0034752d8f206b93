#!/usr/bin/env bash
# Shadow isolation benchmark (issue 12, point 1): does a slow service behind a shadow slow down the callers?
# The caller's p99 through the Ficus gateway with catalog-reads at `legacy` (no shadow) is compared with its p99
# at `shadow`, where every GET is also copied to a service that answers after 300 ms. Legacy is nginx serving a
# 0.7 KB JSON file; the service is bench/slow-service.py. The two stages alternate round by round on one warmed-up
# gateway, in the order legacy shadow, shadow legacy, legacy shadow, ... (so that a drift of the machine over the run
# favours neither stage); the gateway's CPU time per request is printed beside the p99s.
# The figures are the medians of the rounds' p99s, and the ratio shadow ÷ legacy (goal: at most 1.05).
# About ten minutes.
# The shadow's own counts (compared, dropped, timed out) are printed too: with the defaults (max-concurrency 16,
# queue 32, max-rate 20 copies a second) most copies are dropped at this load, by design.
#
# Usage (from the repository root; builds the gateway if its jar is missing):
#   strangler-gateway/bench/shadow-isolation.sh                 # pinned: legacy + gateway on core 0; wrk, the
#                                                               # slow service and the gateway's PostgreSQL on core 1
#   MODE=unpinned strangler-gateway/bench/shadow-isolation.sh   # nothing pinned
#   WARMUP=10s ROUND=5s ROUNDS=2 strangler-gateway/bench/shadow-isolation.sh   # a quick look
# Other knobs: CONNECTIONS (32), DELAY (0.3 seconds), FICUS_JAR, JAVA_OPTS, AUTOGROUP_NICE (as bench/run.sh).
# Installs wrk and nginx from Debian packages if missing. Figures are only comparable within one run.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_own_session "$0" "$@"
# 90 s warm-ups and 9 rounds (were 60 s and 5): in the last quiet run the first round of each stage was still ~40 %
# slower than the rest, and one round moved the median of five; chosen before the next run, not after its figures
MODE=${MODE:-pinned}; WARMUP=${WARMUP:-90s}; ROUND=${ROUND:-15s}; ROUNDS=${ROUNDS:-9}; CONNECTIONS=${CONNECTIONS:-32}
DELAY=${DELAY:-0.3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/strangler-gateway/bench
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
LEGACY=18910 SERVICE=18911 FICUS=18912 FICUS_ADMIN=18913
PATH_UNDER_TEST=/api/catalog/products

WORK=$(mktemp -d /tmp/ficus-shadow-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/www/api/catalog" "$WORK/tmp"
python3 - "$WORK/www/api/catalog/products" <<'PY'
import json, sys
items = [{"sku": f"FIC-{i:03d}", "name": f"Fig {i}", "description": "bench", "price": "9.90", "currency": "EUR"} for i in range(6)]
open(sys.argv[1], "w").write(json.dumps({"items": items, "page": 0, "size": 6, "total": 6}))
PY
chmod -R a+rX "$WORK"   # nginx workers run as www-data
cat > "$WORK/legacy.conf" <<NGINX
worker_processes 1; pid $WORK/legacy.pid; error_log $WORK/legacy-error.log;
events { worker_connections 4096; }
http { access_log off; default_type application/json; keepalive_requests 1000000;
  server { listen 127.0.0.1:$LEGACY; root $WORK/www; } }
NGINX
# in the foreground (daemon off): a daemonizing nginx starts a session of its own, outside AUTOGROUP_NICE's group
"${SERVER_CPU[@]}" nginx -c "$WORK/legacy.conf" -g 'daemon off;' &
PIDS+=($!)
# the service runs elsewhere in a deployment: here beside wrk, so that its own CPU is not charged to the gateway's core
"${CLIENT_CPU[@]}" python3 "$BENCH/slow-service.py" "$SERVICE" "$DELAY" "$WORK/www/api/catalog/products" \
  >"$WORK/service.log" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2086
(cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:$LEGACY FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$SERVICE \
  FICUS_GATEWAY_ADMIN_PASSWORD=bench exec "${SERVER_CPU[@]}" java -Djava.io.tmpdir="$WORK/tmp" ${JAVA_OPTS:-} -jar "$FICUS_JAR" \
  --server.port=$FICUS --management.server.port=$FICUS_ADMIN \
  --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >ficus.log 2>&1) &
PIDS+=($!)
GATEWAY_PID=$!   # the subshell execs java: this is the gateway's JVM
up() { for _ in $(seq 1 240); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1 (logs in $WORK)"; tail -n 5 "$WORK"/*.log; exit 1; }
up "http://127.0.0.1:$FICUS$PATH_UNDER_TEST"
# the gateway's route store: its CPU group and core (lib.sh)
bench_place_postgres "$WORK/tmp" "${PG_CPU:-}"
[[ "$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$SERVICE$PATH_UNDER_TEST")" > "$DELAY" ]] \
  || { echo "the service answered faster than $DELAY s"; exit 1; }

stage() { # <stage>
  curl -fsS -u admin:bench -X PUT "http://127.0.0.1:$FICUS_ADMIN/admin/routes/catalog-reads/stage" \
    -H 'Content-Type: application/json' -d "{\"stage\": \"$1\", \"reason\": \"shadow isolation benchmark\"}" >/dev/null
}
# the gateway's CPU time (user + system, in clock ticks): per request it shows what a stage costs even when the
# rounds' throughput and p99 drift with the machine
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GATEWAY_PID/stat"; }
load() { # <duration> [output]
  local before; before=$(cpu_ticks)
  "${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"$1" --latency "http://127.0.0.1:$FICUS$PATH_UNDER_TEST" >"${2:-/dev/null}"
  [[ -z "${2:-}" ]] || echo "$(( $(cpu_ticks) - before ))" >"$2.cpu"
}
p99_ms() { # wrk's 99th percentile of a result file, in milliseconds
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.3f", v }' "$1"
}
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
cpu_us_per_request() { # the gateway's CPU microseconds per request of a result file
  awk -v ticks="$(cat "$1.cpu")" -v hz="$(getconf CLK_TCK)" '/ requests in / { printf "%.1f", ticks * 1e6 / hz / $1 }' "$1"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
shadow_counts() {
  curl -fsS -u admin:bench "http://127.0.0.1:$FICUS_ADMIN/admin/routes/catalog-reads/shadow" | python3 -c \
    'import json,sys; r=json.load(sys.stdin); print(" ".join(f"{k} {r[k]}" for k in ("mirrored","compared","mismatches","dropped","timedOut","failed")))'
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
# warm-up at shadow, legacy, shadow again: the copy's own code (client, comparison) runs only ~50 times a second
# here, so the JIT compiles it late; measured before that, shadow rounds pay for compilation on the pinned core
stage shadow; load "$WARMUP"
stage legacy; load "$WARMUP"
stage shadow; load "$WARMUP"
# Pairs in turned order (ABBA): measured in the order legacy, shadow every time, a machine whose speed drifts during
# the run (seen here: throughput of both stages falling by a third over nine pairs) charged its drift to the shadow.
current=shadow
for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2)); then order=(legacy shadow); else order=(shadow legacy); fi
  for stage_name in "${order[@]}"; do
    [[ $stage_name == "$current" ]] || { stage "$stage_name"; current=$stage_name; }
    load "$ROUND" "$WORK/$stage_name.$round.txt"
  done
done

echo "Shadow isolation: mode $MODE ($([[ $MODE == pinned ]] && echo 'legacy + gateway on core 0; wrk, service, route store on core 1' \
  || echo 'nothing pinned')), wrk -t1 -c$CONNECTIONS, warm-up $WARMUP shadow + legacy + shadow," \
  "$ROUNDS pairs of rounds of $ROUND in turned order (legacy shadow, shadow legacy, ...)"
echo "GET $PATH_UNDER_TEST ($(wc -c <"$WORK/www/api/catalog/products") bytes of JSON from nginx); service answers after" \
  "${DELAY} s; $(nproc) cores; load average before $load_before, after $(cut -d' ' -f1 /proc/loadavg)"
for stage_name in legacy shadow; do
  p99s=""; rates=""; cpus=""
  for round in $(seq 1 "$ROUNDS"); do
    result=$WORK/$stage_name.$round.txt
    p99s+="$(p99_ms "$result") "; rates+="$(rps "$result") "; cpus+="$(cpu_us_per_request "$result") "
  done
  printf '%s\n  p99 per round (ms):                   %s\n  req/s per round:                      %s\n' \
    "$stage_name" "$p99s" "$rates"
  printf '  gateway CPU per request per round (us): %s\n' "$cpus"
  declare "p99_$stage_name=$(tr ' ' '\n' <<<"$p99s" | grep . | median)"
  declare "rps_$stage_name=$(tr ' ' '\n' <<<"$rates" | grep . | median)"
  declare "cpu_$stage_name=$(tr ' ' '\n' <<<"$cpus" | grep . | median)"
done
echo "median p99: legacy (no shadow) ${p99_legacy} ms, shadow (service at ${DELAY} s) ${p99_shadow} ms;" \
  "median req/s: ${rps_legacy} / ${rps_shadow}; median gateway CPU per request: ${cpu_legacy} / ${cpu_shadow} us"
echo "shadow figures of the whole run: $(shadow_counts)"
awk -v s="$p99_shadow" -v l="$p99_legacy" \
  'BEGIN { r = s / l; printf "p99 ratio shadow / legacy = %.3f (goal <= 1.05): %s\n", r, (r <= 1.05 ? "met" : "NOT met") }'
