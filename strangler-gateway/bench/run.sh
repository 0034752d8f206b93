#!/usr/bin/env bash
# Gateway overhead benchmark, loopback only, bounded in time: the same small JSON answer fetched
#   1. straight from an nginx backend,
#   2. through nginx as a reverse proxy,
#   3. through the Ficus strangler gateway (every route at legacy, the default plan), on a claimed path and
#      on a path no route claims (the catch-all),
#   4. through the Ficus gateway with the catalog route at canary 50 % (the caller-key hash on the path).
# Prints requests/s and latency percentiles for each. Usage (from the repository root, after a build):
#   strangler-gateway/bench/run.sh [duration=15s] [connections=32]
# Installs wrk and nginx from Debian packages if they are missing. Numbers are only comparable within one run.
set -euo pipefail
DURATION=${1:-15s}; CONNECTIONS=${2:-32}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/strangler-gateway/target/strangler-gateway-0.1.0-SNAPSHOT-exec.jar
[[ -f "$JAR" ]] || { echo "build first: ./mvnw -q -DskipTests package"; exit 1; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
WORK=$(mktemp -d /tmp/ficus-bench.XXXXXX)
cleanup() { [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; [[ -n "${GW:-}" ]] && kill "$GW" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/www/api/catalog"
python3 - "$WORK/www/api/catalog/products" <<'PY'
import json, sys
items = [{"sku": f"FIC-{i:03d}", "name": f"Fig {i}", "description": "bench", "price": "9.90", "currency": "EUR"} for i in range(6)]
open(sys.argv[1], "w").write(json.dumps({"items": items, "page": 0, "size": 6, "total": 6}))
PY
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:18900; root $WORK/www; }
  upstream backend { server 127.0.0.1:18900; keepalive 64; }
  server { listen 127.0.0.1:18901;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
NGINX
nginx -c "$WORK/nginx.conf"

(cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:18900 FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:18900 \
  FICUS_GATEWAY_ADMIN_PASSWORD=bench exec java -jar "$JAR" --server.port=18902 --management.server.port=18903 \
  --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >gateway.log 2>&1) &
GW=$!
for _ in $(seq 1 90); do curl -fs http://127.0.0.1:18903/actuator/health >/dev/null && break; sleep 1; done

PATH_UNDER_TEST=/api/catalog/products
bench() { # <label> <url>
  wrk -t1 -c"$CONNECTIONS" -d10s "$2" >/dev/null   # warm-up (JIT, connection pools)
  local out; out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'X-User-Id: bench-user' "$2")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
# The JVM needs far more warm-up than nginx (C2 compiles reactor-netty's paths only after tens of seconds
# of load on 2 cores): measured without it, the gateway shows a quarter of its steady throughput.
wrk -t1 -c"$CONNECTIONS" -d40s "http://127.0.0.1:18902$PATH_UNDER_TEST" >/dev/null
echo "wrk -t1 -c$CONNECTIONS -d$DURATION, $(nproc) cores, GET $PATH_UNDER_TEST ($(wc -c <"$WORK/www/api/catalog/products") bytes)"
bench "direct (nginx backend)" "http://127.0.0.1:18900$PATH_UNDER_TEST"
bench "nginx reverse proxy" "http://127.0.0.1:18901$PATH_UNDER_TEST"
bench "ficus gateway, legacy" "http://127.0.0.1:18902$PATH_UNDER_TEST"
bench "ficus gateway, unclaimed path" "http://127.0.0.1:18902/api/catalog-x"
curl -fsS -u admin:bench -X PUT http://127.0.0.1:18903/admin/routes/catalog-reads/stage -H 'Content-Type: application/json' \
  -d '{"stage": "canary", "percent": 50, "reason": "benchmark"}' >/dev/null
bench "ficus gateway, canary 50 %" "http://127.0.0.1:18902$PATH_UNDER_TEST"
