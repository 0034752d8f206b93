#!/usr/bin/env bash
# Figures of the catalog extraction, measured on this machine with the runnable jars (not a test: it asserts
# nothing, it prints). Needs RabbitMQ on 127.0.0.1:5672 (rabbitmqctl as root) and the built jars:
#   ./mvnw -q -pl extracted-services/catalog-service -am package -DskipTests   (and the monolith likewise)
# 1. backfill rate: the monolith gets N generated products (default 100,000), catalog-service copies them
#    at its first start; the rate is the service's own "Backfill complete" log line
# 2. sync lag: price changes on the monolith at 50 writes/s for 60 s; time until catalog-service serves each
# 3. remote pricing: order placement latency with the monolith pricing in-process, then through catalog-service
# Usage: extracted-services/bench/run.sh [products] [parts, default "1 2 3"]
# Everything runs on 127.0.0.1 in a temporary folder, with copies of the jars (a rebuild cannot disturb it).
set -euo pipefail
cd "$(dirname "$0")/../.."
PRODUCTS=${1:-100000}
PARTS=${2:-1 2 3}
WORK=$(mktemp -d /tmp/ficus-bench.XXXXXX)
cp monolith/target/monolith-0.1.0-SNAPSHOT-exec.jar "$WORK/monolith.jar"
cp extracted-services/catalog-service/target/catalog-service-0.1.0-SNAPSHOT-exec.jar "$WORK/catalog-service.jar"
SHOP_JAR=$WORK/monolith.jar; SERVICE_JAR=$WORK/catalog-service.jar
BENCH=$(readlink -f extracted-services/bench/Bench.java)
SHOP=http://127.0.0.1:19081; SERVICE=http://127.0.0.1:19082
VHOST=ficus-bench-$$
SHOP_PID=""; SERVICE_PID=""

stop() { # <pid>
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() { stop "$SERVICE_PID"; stop "$SHOP_PID"; rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true; }
trap cleanup EXIT
await_ready() { # <url> <pid> <what>
  local started=$SECONDS
  until curl -fsS "$1/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited; see $WORK" >&2; exit 1; }
    (( SECONDS - started < 300 )) || { echo "$3 not ready within 300 s; see $WORK" >&2; exit 1; }
    sleep 1
  done
}
start_shop() { # extra arguments
  mkdir -p "$WORK/monolith"
  (cd "$WORK/monolith" && exec java -jar "$SHOP_JAR" --server.port=19081 --server.address=127.0.0.1 \
    --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" "$@" >>monolith.log 2>&1) &
  SHOP_PID=$!
  await_ready $SHOP "$SHOP_PID" monolith
}
bench() { java "$BENCH" "$@"; }

rabbitmqctl -q add_vhost "$VHOST"
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"

part() { [[ " $PARTS " == *" $1 "* ]]; }

echo "== 1. backfill rate ($PRODUCTS products)"
start_shop
bench generate $SHOP "$PRODUCTS" 8
mkdir -p "$WORK/catalog-service"
(cd "$WORK/catalog-service" && exec java -jar "$SERVICE_JAR" --server.port=19082 --server.address=127.0.0.1 \
  --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" \
  --ficus.catalog.backfill.source-url=$SHOP >>catalog-service.log 2>&1) &
SERVICE_PID=$!
await_ready $SERVICE "$SERVICE_PID" catalog-service
started=$SECONDS
until grep -q "Backfill complete" "$WORK/catalog-service/catalog-service.log"; do
  (( SECONDS - started < 1800 )) || { echo "backfill not complete within 30 min" >&2; exit 1; }
  grep -q "Backfill from .* gave up" "$WORK/catalog-service/catalog-service.log" && { echo "backfill gave up" >&2; exit 1; }
  sleep 1
done
grep -o "Backfill complete.*" "$WORK/catalog-service/catalog-service.log" | sed 's/^/backfill: /'
echo "service lists $(curl -fsS "$SERVICE/api/catalog/products?size=1" | jq -r .total) products"

stop "$SHOP_PID"
start_shop --ficus.messaging.externalization.enabled=true
if part 2; then
  echo "== 2. sync lag at 50 writes/s (monolith publishing to RabbitMQ, catalog-service following)"
  bench sync-lag $SHOP $SERVICE 50 10 40000 >/dev/null   # warm-up
  bench sync-lag $SHOP $SERVICE 50 60 50000
fi

part 3 || exit 0
echo "== 3. order placement, pricing in-process vs remote (catalog-service over HTTP)"
bench orders $SHOP 300 0 >/dev/null                  # warm-up
bench orders $SHOP 1000 10000 | sed 's/^/in-process: /'
stop "$SHOP_PID"
start_shop --ficus.messaging.externalization.enabled=true --ficus.orders.catalog.mode=remote \
  --ficus.orders.catalog.base-url=$SERVICE
bench orders $SHOP 300 20000 >/dev/null               # warm-up
bench orders $SHOP 1000 30000 | sed 's/^/remote:     /'
echo "logs: $WORK"
