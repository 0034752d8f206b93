# Shared by the benchmark scripts (sourced, not run).

# AUTOGROUP_NICE=<n> runs the calling script in a session of its own whose autogroup has that nice value: the
# kernel here shares CPU time between sessions (autogroups) first, so other sessions' `nice -n 19` builds would
# otherwise still take half of it. Call as: bench_own_session "$0" "$@" (before anything else).
bench_own_session() {
  if [[ -n "${AUTOGROUP_NICE:-}" && -z "${BENCH_AUTOGROUP:-}" && -w /proc/self/autogroup ]]; then
    exec setsid -w env BENCH_AUTOGROUP="$AUTOGROUP_NICE" bash -c \
      'echo "$BENCH_AUTOGROUP" >/proc/self/autogroup && exec "$0" "$@"' "$@"
  fi
}

# A process that daemonizes (pg_ctl's postmaster, a daemon nginx) starts a session of its own and so leaves the
# benchmark's autogroup; at AUTOGROUP_NICE=-10 its group gets a tenth of the weight of the JVM that waits for it
# on the same core, and was seen runnable but starved for 30-50 s. This gives the group of every process whose
# command line matches the pattern the benchmark's nice value.
bench_adopt() { # <pgrep -f pattern>
  [[ -n "${BENCH_AUTOGROUP:-}" ]] || return 0
  local pid
  for pid in $(pgrep -f -- "$1"); do echo "$BENCH_AUTOGROUP" >"/proc/$pid/autogroup" 2>/dev/null || true; done
}

# The gateway keeps its route state in PostgreSQL, which a deployment runs on a server of its own; the benchmarks
# use the gateway's embedded one (started with java.io.tmpdir=<dir>), which would otherwise inherit the gateway's
# pinning to the proxy core. In pinned mode it goes to the client core, beside wrk, so that the proxy core measures
# the gateway alone. Its processes fork from the postmaster, which passes on its CPU affinity and autogroup.
bench_place_postgres() { # <java.io.tmpdir of the gateway> <cpu list, empty when unpinned>
  local pid
  bench_adopt "$1/ficus-postgres-"
  [[ -n "$2" ]] || return 0
  for pid in $(pgrep -f -- "$1/ficus-postgres-"); do
    taskset -a -pc "$2" "$pid" >/dev/null
    for child in $(pgrep -P "$pid"); do taskset -a -pc "$2" "$child" >/dev/null; done
  done
}

# The static backends of run.sh and token-relay.sh: a catalog page of six products under <work>/www, and
# <work>/backend.conf, one nginx worker serving it as legacy on $DIRECT and as the service on $SERVICE.
bench_static_backend() { # <work dir>
  local work=$1
  mkdir -p "$work/www/api/catalog" "$work/www/bench" "$work/tmp"
  python3 - "$work/www/api/catalog/products" <<'PY'
import json, sys
items = [{"sku": f"FIC-{i:03d}", "name": f"Fig {i}", "description": "bench", "price": "9.90", "currency": "EUR"} for i in range(6)]
open(sys.argv[1], "w").write(json.dumps({"items": items, "page": 0, "size": 6, "total": 6}))
PY
  cp "$work/www/api/catalog/products" "$work/www/bench/products"
  chmod -R a+rX "$work"   # nginx workers run as www-data
  cat > "$work/backend.conf" <<NGINX
worker_processes 1; pid $work/backend.pid; error_log $work/backend-error.log;
events { worker_connections 4096; }
http { access_log off; default_type application/json; keepalive_requests 1000000;
  server { listen 127.0.0.1:$DIRECT; root $work/www; }
  server { listen 127.0.0.1:$SERVICE; root $work/www; } }
NGINX
}
