#!/usr/bin/env bash
# Token relay benchmark, loopback only, bounded in time: the Ficus gateway's throughput for a logged-in browser
# (session cookie → SCG TokenRelay adds the session's access token, the gateway's cookie taken off the request)
# against the same requests without a session, side by side in one run, on one gateway. Peers:
#   direct        the nginx backend itself (a 0.7 KB JSON file)
#   ficus         the Ficus gateway at legacy (catch-all), no session cookie: the path every anonymous request
#                 and every API client takes
#   relay         the same gateway and path with a logged-in browser's session cookie
#   canary        catalog-reads at canary 50 %, no session: X-User-Id decides the side (PEERS to add it)
#   relay-canary  the same with the session: the relayed token is verified and its subject picks the side
# The issuer is the real shop (monolith jar, demo users, its access tokens made to live 30 min so that no refresh
# falls into the measurement); the session is made by a real login through the gateway with curl (authorization
# code + PKCE, the shop's login form), as bin/ficus-token logs in. Each peer gets a warm-up, then ROUNDS rounds of
# ROUND each, peers alternating inside every round; figures are the medians over the rounds.
#
# Usage (from the repository root; builds what is missing):
#   strangler-gateway/bench/token-relay.sh                 # pinned: backend + gateway on core 0, wrk + shop on core 1
#   MODE=unpinned strangler-gateway/bench/token-relay.sh
#   WARMUP=5s ROUND=5s ROUNDS=1 strangler-gateway/bench/token-relay.sh   # a quick look
# Other knobs: CONNECTIONS (32), PEERS (subset of: direct ficus relay canary relay-canary; default
#   "direct ficus relay"), FICUS_JAR / SHOP_JAR (other builds), JAVA_OPTS (the gateway's JVM), AUTOGROUP_NICE (lib.sh).
# Installs wrk and nginx from Debian packages if missing. Figures are only comparable within one run.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_own_session "$0" "$@"
MODE=${MODE:-pinned}; WARMUP=${WARMUP:-30s}; ROUND=${ROUND:-15s}; ROUNDS=${ROUNDS:-3}; CONNECTIONS=${CONNECTIONS:-32}
PEERS=${PEERS:-direct ficus relay}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FICUS_JAR=${FICUS_JAR:-$ROOT/strangler-gateway/target/strangler-gateway-0.1.0-SNAPSHOT-exec.jar}
SHOP_JAR=${SHOP_JAR:-$ROOT/monolith/target/monolith-0.1.0-SNAPSHOT-exec.jar}
[[ -f "$FICUS_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/pom.xml" -pl strangler-gateway -am -DskipTests package
[[ -f "$SHOP_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/pom.xml" -pl monolith -am -DskipTests package
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
case "$MODE" in
  pinned) SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); PG_CPU=1 ;;
  unpinned) SERVER_CPU=(); CLIENT_CPU=(); PG_CPU= ;;
  *) echo "MODE must be pinned or unpinned"; exit 2 ;;
esac
DIRECT=18910 SERVICE=18911 FICUS=18912 FICUS_ADMIN=18913 SHOP=18914
PASSWORD=bench-$RANDOM$RANDOM SECRET=bench-$RANDOM$RANDOM$RANDOM

WORK=$(mktemp -d /tmp/ficus-relay-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

bench_static_backend "$WORK"   # lib.sh: the catalog page and backend.conf (legacy on $DIRECT, service on $SERVICE)
mkdir -p "$WORK/shop-tmp"
"${SERVER_CPU[@]}" nginx -c "$WORK/backend.conf" -g 'daemon off;' &
PIDS+=($!)

# the issuer: the real shop, on the client core (idle while wrk runs: no refresh, no key fetch on the legacy path)
(cd "$WORK" && FICUS_IDENTITY_DEMO_PASSWORD=$PASSWORD FICUS_IDENTITY_CLIENTS_GATEWAYSECRET=$SECRET \
  exec "${CLIENT_CPU[@]}" java -Djava.io.tmpdir="$WORK/shop-tmp" -XX:TieredStopAtLevel=1 -jar "$SHOP_JAR" \
  --server.port=$SHOP --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN \
  --ficus.identity.issuer=http://127.0.0.1:$SHOP --ficus.identity.access-token-lifetime=30m \
  --ficus.identity.clients.gateway-redirect-uris=http://127.0.0.1:$FICUS/_gateway/login/callback >shop.log 2>&1) &
PIDS+=($!)
# shellcheck disable=SC2086
(cd "$WORK" && FICUS_LEGACY_URL=http://127.0.0.1:$DIRECT FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$SERVICE \
  FICUS_GATEWAY_ADMIN_PASSWORD=bench FICUS_GATEWAY_SECURITY_LOGIN_CLIENTSECRET=$SECRET \
  exec "${SERVER_CPU[@]}" java -Djava.io.tmpdir="$WORK/tmp" ${JAVA_OPTS:-} -jar "$FICUS_JAR" \
  --server.port=$FICUS --management.server.port=$FICUS_ADMIN \
  --ficus.gateway.security.issuer-uri=http://127.0.0.1:$SHOP --ficus.gateway.security.login.enabled=true \
  --ficus.embedded-postgres.ephemeral=true --logging.level.root=WARN >ficus.log 2>&1) &
PIDS+=($!)
up() { for _ in $(seq 1 480); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1 (logs in $WORK)"; tail -n 5 "$WORK"/*.log; exit 1; }
up "http://127.0.0.1:$FICUS/bench/products"
up "http://127.0.0.1:$SHOP/.well-known/openid-configuration"
bench_place_postgres "$WORK/tmp" "${PG_CPU:-}"
bench_adopt "$WORK/shop-tmp/ficus-postgres-"
curl -fsS -u admin:bench -X PUT "http://127.0.0.1:$FICUS_ADMIN/admin/routes/catalog-reads/stage" \
  -H 'Content-Type: application/json' -d '{"stage": "canary", "percent": 50, "reason": "benchmark"}' >/dev/null

# a real login through the gateway: the gateway sends curl to the shop's authorization endpoint, the shop to its
# login form (asked for as HTML: to other clients the shop answers 401 instead of showing it); the form is posted
# with its CSRF token, and the redirects end at the gateway's callback
JAR=$WORK/cookies
form=$(curl -fsS -c "$JAR" -b "$JAR" -L -H "Accept: text/html" "http://127.0.0.1:$FICUS/_gateway/login?return=/bench/products")
csrf=$(python3 -c 'import re, sys; html = sys.stdin.read()
m = re.search(r"<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"", html) or re.search(r"<input[^>]*value=\"([^\"]*)\"[^>]*name=\"_csrf\"", html)
print(m.group(1) if m else "")' <<<"$form")
[[ -n "$csrf" ]] || { echo "no login form from the shop (logs in $WORK)"; exit 1; }
# the password reaches curl on stdin (without a newline), never on a command line
landed=$(printf %s "$PASSWORD" | curl -fsS -c "$JAR" -b "$JAR" -L -H "Accept: text/html" -o /dev/null -w '%{url_effective}' \
  "http://127.0.0.1:$SHOP/login" --data-urlencode username=ada@example.com --data-urlencode "password@-" \
  --data-urlencode "_csrf=$csrf" 2>/dev/null || true)
SESSION=$(awk '$6 == "ficus-gateway-session" { print $7 }' "$JAR")
[[ -n "$SESSION" ]] || { echo "the login did not end with a gateway session (landed on $landed; logs in $WORK)"; exit 1; }
relayed=$(curl -fsS -o /dev/null -w '%{http_code}' -H "Cookie: ficus-gateway-session=$SESSION" \
  "http://127.0.0.1:$FICUS/bench/products")
echo "logged in as ada@example.com through the gateway (landed on $landed, a proxied GET with the session: $relayed)"

cat > "$WORK/callers.lua" <<'LUA'
math.randomseed(42)
request = function()
  return wrk.format(nil, nil, { ["X-User-Id"] = "caller-" .. math.random(1, 1000000) })
end
LUA
url() { case "$1" in
  direct) echo "http://127.0.0.1:$DIRECT/bench/products" ;;
  ficus|relay) echo "http://127.0.0.1:$FICUS/bench/products" ;;
  canary|relay-canary) echo "http://127.0.0.1:$FICUS/api/catalog/products" ;;
esac; }
load() { # <peer> <duration> [output]
  local args=(-t1 -c"$CONNECTIONS" -d"$2" --latency)
  case "$1" in
    canary) args+=(-s "$WORK/callers.lua") ;;
    relay|relay-canary) args+=(-H "Cookie: theme=light; ficus-gateway-session=$SESSION") ;;
    *) args+=(-H 'Cookie: theme=light') ;;
  esac
  "${CLIENT_CPU[@]}" wrk "${args[@]}" "$(url "$1")" >"${3:-/dev/null}"
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
for peer in $PEERS; do load "$peer" "$WARMUP"; done
for round in $(seq 1 "$ROUNDS"); do
  for peer in $PEERS; do load "$peer" "$ROUND" "$WORK/$peer.$round.txt"; done
done
still=$(curl -fsS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SHOP/.well-known/openid-configuration")

echo "Token relay benchmark: mode $MODE ($([[ $MODE == pinned ]] && echo 'backend + gateway on core 0, wrk + shop on core 1' \
  || echo 'nothing pinned')), wrk -t1 -c$CONNECTIONS, warm-up $WARMUP per peer, $ROUNDS alternating rounds of $ROUND"
echo "GET of $(wc -c <"$WORK/www/bench/products") bytes of JSON; $(nproc) cores; load average before $load_before," \
  "after $(cut -d' ' -f1 /proc/loadavg); $(java -version 2>&1 | head -1); issuer up after the rounds: $still"
BENCH_DIR="$ROOT/strangler-gateway/bench" python3 - "$WORK" "$ROUNDS" $PEERS <<'PY'
import os, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
from wrk_rounds import print_table
work, rounds, peers = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
labels = {"direct": "direct (nginx backend)", "ficus": "ficus legacy, no session", "relay": "ficus legacy, token relay",
          "canary": "ficus canary 50 %, no session", "relay-canary": "ficus canary 50 %, token relay"}
results = print_table(work, rounds, peers, labels)
def ratio(a, b):
    if a in results and b in results:
        print(f"  {labels[a]} / {labels[b]}: {results[a][0] / results[b][0]:.2f}x req/s, "
              f"p50 {results[a][1]:.2f} vs {results[b][1]:.2f} ms, p99 {results[a][2]:.2f} vs {results[b][2]:.2f} ms")
print("ratios (medians):")
ratio("relay", "ficus")
ratio("relay-canary", "canary")
PY
