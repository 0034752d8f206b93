#!/usr/bin/env bash
# What checking a bearer token costs a backend, per request (a figure, not a test: it asserts nothing, it prints).
# catalog-service's runnable jar is started against a minimal RS256 issuer (Bench.java issuer, 127.0.0.1); the same
# GET of one product is then sent alternately with a valid staff token and without one, one request at a time, so
# both sides see the same machine load. A catalog read is open to anyone, but a token that comes with it is checked
# all the same (issuer, RS256 signature, expiry, audience; ficus-security remembers no token): the difference between
# the two sides is the token check. Needs RabbitMQ on 127.0.0.1:5672 (rabbitmqctl as root), curl and the built jar:
#   ./mvnw -q -pl extracted-services/catalog-service -am package -DskipTests
# Usage: extracted-services/bench/token-validation.sh [requests per side, default 5000]
# Everything runs on 127.0.0.1 in a temporary folder with a copy of the jar; the issuer ends by itself after 30 min.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-5000}
WORK=$(mktemp -d /tmp/ficus-token-bench.XXXXXX)
cp extracted-services/catalog-service/target/catalog-service-0.1.0-SNAPSHOT-exec.jar "$WORK/catalog-service.jar"
BENCH=$(readlink -f extracted-services/bench/Bench.java)
ISSUER_PORT=19290; SERVICE=http://127.0.0.1:19282
VHOST=ficus-token-bench-$$
ISSUER_PID=""; SERVICE_PID=""

stop() { # <pid>
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() { stop "$SERVICE_PID"; stop "$ISSUER_PID"; rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true; }
trap cleanup EXIT
bench() { java "$BENCH" "$@"; }

rabbitmqctl -q add_vhost "$VHOST"
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"

bench issuer $ISSUER_PORT "$WORK/token" 1800 &
ISSUER_PID=$!
started=$SECONDS
until [[ -s "$WORK/token" ]]; do
  kill -0 "$ISSUER_PID" 2>/dev/null || { echo "the issuer exited" >&2; exit 1; }
  (( SECONDS - started < 120 )) || { echo "no token within 120 s" >&2; exit 1; }
  sleep 1
done
TOKEN=$(cat "$WORK/token")

mkdir -p "$WORK/catalog-service"
(cd "$WORK/catalog-service" && exec java -jar "$WORK/catalog-service.jar" --server.port=19282 \
  --server.address=127.0.0.1 --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" \
  --ficus.catalog.backfill.enabled=false \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:$ISSUER_PORT >>catalog-service.log 2>&1) &
SERVICE_PID=$!
started=$SECONDS
until curl -fsS "$SERVICE/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "catalog-service exited; see $WORK" >&2; exit 1; }
  (( SECONDS - started < 300 )) || { echo "catalog-service not ready within 300 s; see $WORK" >&2; exit 1; }
  sleep 1
done

PRODUCT=$SERVICE/api/catalog/products/BENCH-TOKEN
curl -fsS -o /dev/null -X PUT "$PRODUCT" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"sku":"BENCH-TOKEN","name":"Token bench","description":"","price":"1.00","currency":"EUR"}'
echo "== token validation at catalog-service: GET /api/catalog/products/{sku}, with a valid token vs without"
bench token-ab "$PRODUCT" "$TOKEN" 3000 >/dev/null   # warm-up (JIT)
bench token-ab "$PRODUCT" "$TOKEN" "$COUNT"
echo "logs: $WORK"
