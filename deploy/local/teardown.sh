#!/usr/bin/env bash
# Removes what deploy/local/play.sh set up: the pods of the local manifests, their podman secrets and their databases
# and RabbitMQ virtual host on this machine. Safe to run when nothing is up.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLACE=$ROOT/deploy/target/manifests/local
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/deploy/local/containers.conf}
# shellcheck source=/dev/null
source "$ROOT/deploy/local/estate.sh"

command -v podman >/dev/null || { echo "[teardown] no podman: nothing to remove"; exit 0; }
for component in "${COMPONENTS_STOP_ORDER[@]}"; do
  if podman pod exists "$component-pod-0" 2>/dev/null; then
    podman --runtime runc kube down "$PLACE/$component.yaml" >/dev/null 2>&1 \
      || podman --runtime runc pod rm -f "$component-pod-0" >/dev/null
    echo "[teardown] removed $component"
  fi
done
for secret in "${SECRETS[@]}"; do
  # podman 4.3 has no "secret exists"
  if podman secret inspect "$secret" >/dev/null 2>&1; then
    podman secret rm "$secret" >/dev/null && echo "[teardown] removed secret $secret"
  fi
done
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  for db in "${DATABASES[@]}"; do
    PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -qtc "drop database if exists $db with (force)" >/dev/null
  done
  echo "[teardown] dropped databases ${DATABASES[*]}"
fi
if rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx "$RABBIT_VHOST"; then
  rabbitmqctl -q delete_vhost "$RABBIT_VHOST" && echo "[teardown] deleted RabbitMQ virtual host $RABBIT_VHOST"
fi
