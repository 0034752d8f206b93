#!/usr/bin/env bash
# Orders per second through the whole saga (placed -> stock reserved -> paid -> CONFIRMED) with a payment
# provider that answers every authorization in 200 ms. Prints figures; asserts nothing.
#
#   monolith/bench/payment-throughput.sh [path/to/monolith-exec.jar] [orders] [concurrent clients]
#
# Defaults: monolith/target/monolith-0.1.0-SNAPSHOT-exec.jar (build it with ./mvnw -q -pl monolith package
# -DskipTests), 400 orders, 16 clients. The provider is WireMock standalone from ~/.m2 with a fixed 200 ms
# delay; the shop runs on a throw-away embedded PostgreSQL. To compare with an older commit, build that
# commit's jar in a separate worktree and pass its path.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${1:-$here/../target/monolith-0.1.0-SNAPSHOT-exec.jar}"
orders="${2:-400}"
clients="${3:-16}"
delay_ms="${PROVIDER_DELAY_MS:-200}"
wiremock_jar="${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}"

[ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 2; }
[ -f "$wiremock_jar" ] || { echo "no WireMock standalone jar at $wiremock_jar" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work="$(mktemp -d)"
provider_port="$(free_port)"
shop_port="$(free_port)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/wiremock/mappings"
cat > "$work/wiremock/mappings/authorize.json" <<JSON
{ "request": { "method": "POST", "urlPath": "/v1/authorizations" },
  "response": { "status": 200, "fixedDelayMilliseconds": $delay_ms, "headers": { "Content-Type": "application/json" },
                "body": "{\"id\":\"bench-{{jsonPath request.body '\$.reference'}}\",\"status\":\"APPROVED\"}",
                "transformers": ["response-template"] } }
JSON
java -jar "$wiremock_jar" --port "$provider_port" --bind-address 127.0.0.1 --root-dir "$work/wiremock" \
  --no-request-journal --async-response-enabled true --container-threads 200 \
  > "$work/wiremock.log" 2>&1 &
pids+=($!)

java -jar "$jar" --server.port="$shop_port" \
  --ficus.payments.provider.base-url="http://127.0.0.1:$provider_port" \
  --ficus.embedded-postgres.ephemeral=true --ficus.shop.demo-data=false \
  --logging.level.root=WARN > "$work/shop.log" 2>&1 &
pids+=($!)

base="http://127.0.0.1:$shop_port"
for _ in $(seq 1 180); do
  if curl -fs "$base/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then break; fi
  sleep 1
done
curl -fs "$base/actuator/health/readiness" | grep -q '"UP"' || { echo "shop did not become ready" >&2; tail -50 "$work/shop.log" >&2; exit 1; }

curl -fs -o /dev/null -H 'Content-Type: application/json' -X POST "$base/api/catalog/products" \
  -d '{"sku":"BENCH-1","name":"Bench","description":"","price":"1.00","currency":"EUR"}'
curl -fs -o /dev/null -H 'Content-Type: application/json' -X PUT "$base/api/inventory/stock/BENCH-1" -d '{"available":1000000}'

python3 - "$base" "$orders" "$clients" "$delay_ms" "$jar" <<'PY'
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

base, orders, clients, delay, jar = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())

def place(i):
    started = time.monotonic()
    order = call("POST", "/api/orders", {"customer": f"bench{i}@example.com", "lines": [{"sku": "BENCH-1", "quantity": 1}]})
    return order["id"], time.monotonic() - started

# warm-up: a few orders through the whole saga before measuring
with ThreadPoolExecutor(4) as pool:
    warm = [oid for oid, _ in pool.map(place, range(-20, 0))]
deadline = time.monotonic() + 120
while warm and time.monotonic() < deadline:
    warm = [o for o in warm if call("GET", "/api/orders/" + o)["status"] == "PENDING"]
    time.sleep(0.2)

start = time.monotonic()
with ThreadPoolExecutor(clients) as pool:
    placed = list(pool.map(place, range(orders)))
placing = time.monotonic() - start
pending = [oid for oid, _ in placed]
statuses = {}
deadline = time.monotonic() + 600
while pending and time.monotonic() < deadline:
    still = []
    for oid in pending:
        status = call("GET", "/api/orders/" + oid)["status"]
        if status == "PENDING":
            still.append(oid)
        else:
            statuses[status] = statuses.get(status, 0) + 1
    pending = still
    if pending:
        time.sleep(0.1)
total = time.monotonic() - start
latencies = sorted(l for _, l in placed)
print(f"jar: {jar}")
print(f"provider delay {delay} ms, {orders} orders, {clients} clients")
print(f"placing: {orders / placing:.1f} orders/s accepted (POST p50 {latencies[len(latencies)//2]*1000:.0f} ms,"
      f" p95 {latencies[int(len(latencies)*0.95)]*1000:.0f} ms)")
print(f"end to end: {sum(statuses.values()) / total:.1f} orders/s reached a final status; {statuses}, still pending {len(pending)}")
PY
