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
# The shop checks tokens (ADR 0016): it is the issuer here, with a demo password and tokens that outlive the run;
# bin/ficus-token gets a staff token (catalog writes) and a customer token (orders), handed to Bench.java through
# FICUS_TOKEN and FICUS_CUSTOMER_TOKEN.
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
DEMO_PASSWORD=bench-$RANDOM$RANDOM
TOKEN_SCRIPT=$(readlink -f bin/ficus-token)
VHOST=ficus-bench-$$
SHOP_PID=""; SERVICE_PID=""

stop() { # <pid>
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
REMOTE_PID=""
cleanup() { stop "$REMOTE_PID"; stop "$SERVICE_PID"; stop "$SHOP_PID"; rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true; }
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
    --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" --ficus.identity.issuer=$SHOP \
    --ficus.identity.demo.password="$DEMO_PASSWORD" --ficus.identity.access-token-lifetime=3h "$@" >>monolith.log 2>&1) &
  SHOP_PID=$!
  await_ready $SHOP "$SHOP_PID" monolith
}
token() { FICUS_PASSWORD=$DEMO_PASSWORD "$TOKEN_SCRIPT" --issuer $SHOP "$1"; }
bench() { java "$BENCH" "$@"; }

rabbitmqctl -q add_vhost "$VHOST"
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"

part() { [[ " $PARTS " == *" $1 "* ]]; }

echo "== 1. backfill rate ($PRODUCTS products)"
start_shop
FICUS_TOKEN=$(token staff@example.com); FICUS_CUSTOMER_TOKEN=$(token ada@example.com)
export FICUS_TOKEN FICUS_CUSTOMER_TOKEN
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
  # where a backlog builds up: in the queue (the service applies too slowly) or before it (the monolith
  # externalizes too slowly); sampled every 5 s while the measured run goes
  (while sleep 5; do rabbitmqctl -q list_queues -p "$VHOST" --no-table-headers name messages 2>/dev/null \
     | awk '$1 == "catalog-service.product-changes" {print $2}'; done > "$WORK/queue-depth.txt") &
  SAMPLER=$!
  bench sync-lag $SHOP $SERVICE 50 60 50000
  kill "$SAMPLER" 2>/dev/null || true
  echo "queue catalog-service.product-changes, messages waiting (every 5 s): $(tr '\n' ' ' < "$WORK/queue-depth.txt")"
fi

part 3 || exit 0
echo "== 3. order placement, pricing in-process vs remote (catalog-service over HTTP)"
# A second monolith prices through catalog-service; orders alternate between the two, so both see the same load.
mkdir -p "$WORK/monolith-remote"
(cd "$WORK/monolith-remote" && exec java -jar "$SHOP_JAR" --server.port=19083 --server.address=127.0.0.1 \
  --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" \
  --ficus.messaging.externalization.enabled=true --ficus.orders.catalog.mode=remote \
  --ficus.orders.catalog.base-url=$SERVICE --ficus.shop.demo-data=false \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri=$SHOP >>monolith.log 2>&1) &
REMOTE_PID=$!
await_ready http://127.0.0.1:19083 "$REMOTE_PID" "remote-pricing monolith"
bench orders-ab $SHOP http://127.0.0.1:19083 300 0 >/dev/null      # warm-up
bench orders-ab $SHOP http://127.0.0.1:19083 1000 1000
stop "$REMOTE_PID"
echo "logs: $WORK"
