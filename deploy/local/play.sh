#!/usr/bin/env bash
# Plays the local place (deploy/target/manifests/local, rendered by the build) with podman kube play on this machine
# and walks it: installs podman if missing, makes the base image, builds every image with one Maven command, loads
# them, creates the Secrets and databases the manifests name, starts each deployable and waits (bounded) until its
# readiness group answers UP, walks the README through the gateway (an order placed and confirmed, catalog reads moved
# to canary and back to legacy), stops every container with SIGTERM and checks that Spring shut down gracefully, then
# tears everything down. Prints image sizes and each container's start to ready.
#
# Usage: deploy/local/play.sh [--keep]       --keep leaves the estate running (remove it with deploy/local/teardown.sh)
# Environment (optional):
#   FICUS_PLAY_SKIP_BUILD=true      use the image tars and manifests already built
#   FICUS_PLAY_TIMEOUT=600          seconds each deployable may take to become ready
#   FICUS_BASE_IMAGE_TAR            the base image tar (default data/images/ficus-base-jre17.tar; made when missing)
# Needs root (apt-get, mmdebstrap, rootful podman), the machine's PostgreSQL on 127.0.0.1:5432 (trust auth, user
# postgres) and RabbitMQ on 127.0.0.1:5672 (guest/guest, rabbitmqctl), as .ci/run provides.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLACE=$ROOT/deploy/target/manifests/local
KEEP=false
[[ ${1:-} == --keep ]] && KEEP=true
TIMEOUT=${FICUS_PLAY_TIMEOUT:-600}
BASE_TAR=${FICUS_BASE_IMAGE_TAR:-$ROOT/data/images/ficus-base-jre17.tar}
VERSION=0.1.0-SNAPSHOT
# crun fails on this machine's hybrid cgroups; without this containers.conf setrlimit NOFILE/NPROC is refused (FACTS.md)
export CONTAINERS_CONF=$ROOT/deploy/local/containers.conf
# shellcheck source=/dev/null
source "$ROOT/deploy/local/estate.sh"
# the ports and URLs the manifests were rendered with
# shellcheck source=/dev/null
source "$ROOT/deploy/local/values.properties"
declare -A PORT=([monolith]=$MONOLITH_PORT [catalog-service]=$CATALOG_PORT
  [notifications-service]=$NOTIFICATIONS_PORT [strangler-gateway]=$GATEWAY_ADMIN_PORT)
declare -A TAR=([monolith]=monolith/target/image/monolith.tar
  [catalog-service]=extracted-services/catalog-service/target/image/catalog-service.tar
  [notifications-service]=extracted-services/notifications-service/target/image/notifications-service.tar
  [strangler-gateway]=strangler-gateway/target/image/strangler-gateway.tar)
declare -A READY_AFTER=() IMAGE_SIZE=() STOPPED_AFTER=()
GATEWAY=http://127.0.0.1:$GATEWAY_PORT ADMIN=http://127.0.0.1:$GATEWAY_ADMIN_PORT
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
DEMO_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
START=$SECONDS

say() { printf '\n[play] %s\n' "$*"; }
pm() { podman --runtime runc "$@"; }
container() { echo "$1-pod-0-$1"; }
fail() {
  echo "[play] FAILED: $*" >&2
  for component in "${COMPONENTS[@]}"; do
    if pm container exists "$(container "$component")" 2>/dev/null; then
      echo "--- last lines of $component" >&2
      pm logs --tail 30 "$(container "$component")" >&2 || true
    fi
  done
  "$ROOT/deploy/local/teardown.sh" || true
  exit 1
}

say "podman"
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v mmdebstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap >/dev/null
fi
podman --version
for tool in curl jq psql rabbitmqctl; do command -v $tool >/dev/null || fail "$tool is needed"; done
pg_isready -q -h 127.0.0.1 -p 5432 || fail "no PostgreSQL on 127.0.0.1:5432"

say "base image"
if [[ ! -f $BASE_TAR ]]; then
  "$ROOT/deploy/base-image/make-base-image.sh" "$BASE_TAR"
else
  echo "using $BASE_TAR (delete it to make it again)"
fi

if [[ ${FICUS_PLAY_SKIP_BUILD:-false} != true ]]; then
  say "images and manifests: ./mvnw -q -Pimages -DskipTests package"
  (cd "$ROOT" && ./mvnw -q -Pimages -DskipTests "-Dficus.image.base=tar://$BASE_TAR" package)
fi
[[ -d $PLACE ]] || fail "no rendered manifests in $PLACE"

say "loading the images"
for component in "${COMPONENTS[@]}"; do
  [[ -f $ROOT/${TAR[$component]} ]] || fail "missing ${TAR[$component]}"
  pm load -q -i "$ROOT/${TAR[$component]}" >/dev/null
  IMAGE_SIZE[$component]=$(pm image inspect --format '{{.Size}}' "localhost/ficus/$component:$VERSION")
  echo "$component: $((IMAGE_SIZE[$component] / 1000000)) MB"
done

say "clean slate"
"$ROOT/deploy/local/teardown.sh"
trap '[[ $KEEP == true ]] || "$ROOT/deploy/local/teardown.sh" >/dev/null 2>&1 || true' EXIT

say "databases, RabbitMQ virtual host, secrets"
for db in "${DATABASES[@]}"; do psql -h 127.0.0.1 -U postgres -qtc "create database $db" >/dev/null; done
rabbitmqctl -q add_vhost "$RABBIT_VHOST"
rabbitmqctl -q set_permissions -p "$RABBIT_VHOST" guest '.*' '.*' '.*'
# podman 4.3 reads a secretKeyRef from a podman secret holding a flat JSON map of base64 values (its own kube play of
# a Secret stores YAML, which its secretKeyRef then cannot read): create them the way kubectl create secret would
b64() { printf '%s' "$1" | base64 -w0; }
secret() { # <name> <key=value>...
  local name=$1 json="{" sep=""; shift
  for pair in "$@"; do json+="$sep\"${pair%%=*}\":\"$(b64 "${pair#*=}")\""; sep=","; done
  printf '%s}' "$json" | pm secret create "$name" - >/dev/null
}
for component in "${COMPONENTS[@]}"; do
  secret "ficus-$component-db" "url=jdbc:postgresql://127.0.0.1:5432/ficus_local_${component//-/_}" \
    username=postgres password=trust-auth-ignores-it
done
secret ficus-rabbitmq host=127.0.0.1 port=5672 username=guest password=guest "virtual-host=$RABBIT_VHOST"
secret ficus-gateway-admin "password=$ADMIN_PASSWORD"
secret ficus-monolith-identity "demo-password=$DEMO_PASSWORD"

ready() { curl -fsS -m 5 "http://127.0.0.1:${PORT[$1]}/actuator/health/readiness" 2>/dev/null | jq -e '.status == "UP"' >/dev/null; }
elapsed() { awk -v since="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - since }'; }
started_epoch() { date -d "$(pm inspect --format '{{.State.StartedAt}}' "$(container "$1")" | sed 's/ [A-Z]*$//')" +%s.%N; }

say "playing the manifests, one deployable after the other (each measured on its own)"
pm kube play "$PLACE/ficus-defaults.yaml" >/dev/null 2>&1 || echo "(ficus-defaults.yaml holds only a NetworkPolicy, which podman does not play)"
for component in "${COMPONENTS[@]}"; do
  # its output also says it cannot add healthcheck timers (no systemd here): the probes are checked below instead
  out=$(pm kube play "$PLACE/$component.yaml" 2>&1) || fail "podman kube play $component.yaml: $out"
  began=$SECONDS
  until ready "$component"; do
    state=$(pm inspect --format '{{.State.Status}}' "$(container "$component")" 2>/dev/null || echo gone)
    [[ $state == running ]] || fail "$component is $state"
    ((SECONDS - began < TIMEOUT)) || fail "$component not ready within $TIMEOUT s"
    sleep 0.5
  done
  READY_AFTER[$component]=$(elapsed "$(started_epoch "$component")")
  echo "$component ready ${READY_AFTER[$component]} s after its container started"
  # what the image and the manifest promise, as podman applied it
  read -r readonly user <<<"$(pm inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.Config.User}}' "$(container "$component")")"
  [[ $readonly == true && $user == 10001* ]] || fail "$component runs with read-only root $readonly as user $user"
done
pm pod ps --format '{{.Name}} {{.Status}} {{.NumberOfContainers}}'

say "the walk through the gateway ($GATEWAY)"
A=admin:$ADMIN_PASSWORD
[[ $(curl -fsS "$GATEWAY/api/catalog/products/FIC-001" | jq -r .sku) == FIC-001 ]] || fail "no product through the gateway"
echo "GET /api/catalog/products/FIC-001 through the gateway: FIC-001"
# the shop is the issuer (its demo users' password came from a Secret): a customer's token, by the real code flow
TOKEN=$(FICUS_PASSWORD=$DEMO_PASSWORD "$ROOT/bin/ficus-token" --issuer "$ISSUER" ada@example.com) \
  || fail "bin/ficus-token could not log in ada@example.com"
auth=(-H "Authorization: Bearer $TOKEN")
order=$(curl -fsS "${auth[@]}" -X POST "$GATEWAY/api/orders" -H 'Content-Type: application/json' \
  -d '{"customer": "ada@example.com", "lines": [{"sku": "FIC-001", "quantity": 1}]}' | jq -r .id) \
  || fail "POST /api/orders through the gateway"
began=$SECONDS
until [[ $(curl -fsS "${auth[@]}" "$GATEWAY/api/orders/$order" | jq -r .status) == CONFIRMED ]]; do
  ((SECONDS - began < 120)) || fail "order $order not CONFIRMED within 120 s"
  sleep 0.5
done
echo "order $order placed through the gateway: CONFIRMED"

requests() { curl -fsS -u "$A" "$ADMIN/admin/routes/catalog-reads" | jq -c '.stats | map_values(.requests)'; }
callers() { for u in $(seq 1 20); do curl -fsS -o /dev/null -H "X-User-Id: caller-$u" "$GATEWAY/api/catalog/products/FIC-002" \
  || fail "GET through the gateway failed for caller-$u"; done; }
stage() { curl -fsS -u "$A" -X PUT "$ADMIN/admin/routes/catalog-reads/stage" -H 'Content-Type: application/json' -d "$1" >/dev/null \
  || fail "stage change $1 refused"; }
before=$(requests)
stage '{"stage": "canary", "percent": 50, "reason": "play.sh: half the callers to catalog-service"}'
callers
during=$(requests)
curl -fsS -u "$A" -X POST "$ADMIN/admin/routes/catalog-reads/rollback" -H 'Content-Type: application/json' \
  -d '{"reason": "play.sh: back to legacy"}' >/dev/null || fail "rollback refused"
callers
after=$(requests)
echo "catalog-reads requests per side: before $before, canary 50 % $during, after rollback $after"
jq -e -n --argjson b "$before" --argjson d "$during" --argjson a "$after" \
  '($d.service - ($b.service // 0)) > 0 and ($d.legacy - ($b.legacy // 0)) > 0
   and $a.service == $d.service and ($a.legacy - $d.legacy) == 20' >/dev/null \
  || fail "the canary did not split the callers, or the rollback did not bring them all back to legacy"
echo "canary 50 %: callers on both sides; after the rollback all 20 on legacy"
[[ $(curl -fsS -u "$A" "$ADMIN/admin/routes/catalog-reads" | jq -r .stage) == legacy ]] || fail "catalog-reads not legacy"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://$(hostname -I | awk '{print $1}'):$GATEWAY_ADMIN_PORT/admin/routes") == 000 ]] \
  || fail "the admin port answers on the machine's network address"
echo "the admin port listens on loopback only"

if [[ $KEEP == true ]]; then
  trap - EXIT
  say "kept running: gateway $GATEWAY, admin $ADMIN (admin / $ADMIN_PASSWORD); remove with deploy/local/teardown.sh"
  exit 0
fi

say "SIGTERM to every container (traffic first), each must shut down gracefully"
for component in "${COMPONENTS_STOP_ORDER[@]}"; do
  began=$(date +%s.%N)
  # podman 4.3 logs that it cannot remove a healthcheck timer (no systemd here): noise, not a failure
  pm stop --time 45 "$(container "$component")" >/dev/null 2>&1
  STOPPED_AFTER[$component]=$(elapsed "$began")
  code=$(pm inspect --format '{{.State.ExitCode}}' "$(container "$component")")
  # the whole log first: grep -q in a pipe would close it early and fail the pipeline (pipefail)
  grep -q "Graceful shutdown complete" <<<"$(pm logs "$(container "$component")" 2>&1)" \
    || fail "$component logged no graceful shutdown (exit $code)"
  echo "$component stopped after ${STOPPED_AFTER[$component]} s (exit $code), graceful shutdown complete"
done

"$ROOT/deploy/local/teardown.sh" >/dev/null
trap - EXIT
say "figures"
printf '%-22s %12s %18s %10s\n' deployable "image (MB)" "start to ready (s)" "stop (s)"
for component in "${COMPONENTS[@]}"; do
  printf '%-22s %12s %18s %10s\n' "$component" "$((IMAGE_SIZE[$component] / 1000000))" "${READY_AFTER[$component]}" "${STOPPED_AFTER[$component]}"
done
say "local place played and torn down in $((SECONDS - START)) s"
