#!/usr/bin/env bash
# Startup: time from launching the JVM to the first 200, for the gateway (its first proxied 200, from an nginx
# backend) and for the shop (monolith exec jar, GET /api/catalog/products), each on
#   jdk17            java -jar on the fat jar (JDK 17)
#   jdk17 CDS        the extracted jar with a CDS archive (-XX:SharedArchiveFile, made by a training run)
#   jdk25            java -jar on the fat jar (JDK 25)
#   jdk25 extracted  the extracted jar, no cache (what extraction alone buys)
#   jdk25 AOT cache  the extracted jar with an AOT cache (-XX:AOTCache, JEP 483/514, made by a training run)
# Extraction is Spring Boot's `java -Djarmode=tools -jar x.jar extract`; a training run starts the app with
# -Dspring.context.exit=onRefresh and -XX:ArchiveClassesAtExit (17) or -XX:AOTCacheOutput (25).
# Every start uses the same embedded PostgreSQL data directory, initialized by a first start that is not counted
# (the figures are restarts, not first installs). Medians over REPS starts, one start at a time.
# Usage, from the repository root (builds the jars if missing):
#   strangler-gateway/bench/startup.sh                   # both apps
#   APPS=gateway REPS=5 strangler-gateway/bench/startup.sh
#   AUTOGROUP_NICE=-10 strangler-gateway/bench/startup.sh   # on a busy machine (see bench/run.sh)
# Knobs: APPS ("gateway shop"), REPS (3), JDK17 / JDK25 (java homes), CONFIGS (subset of the five above,
#   named jdk17 jdk17-cds jdk25 jdk25-extracted jdk25-aot).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_own_session "$0" "$@"
APPS=${APPS:-gateway shop}; REPS=${REPS:-3}
CONFIGS=${CONFIGS:-jdk17 jdk17-cds jdk25 jdk25-extracted jdk25-aot}
JDK17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY_JAR=$ROOT/strangler-gateway/target/strangler-gateway-0.1.0-SNAPSHOT-exec.jar
SHOP_JAR=$ROOT/monolith/target/monolith-0.1.0-SNAPSHOT-exec.jar
for app in $APPS; do
  case $app in
    gateway) [[ -f "$GATEWAY_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/strangler-gateway/pom.xml" -DskipTests package ;;
    shop) [[ -f "$SHOP_JAR" ]] || nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/monolith/pom.xml" -DskipTests package ;;
  esac
done
[[ -x "$JDK25/bin/java" ]] || { echo "no JDK 25 (set JDK25)"; exit 1; }
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
BACKEND=18950 GATEWAY=18952 GATEWAY_ADMIN=18953 SHOP=18954

WORK=$(mktemp -d /tmp/ficus-startup.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
mkdir -p "$WORK/www/bench"
echo '{"items":[]}' >"$WORK/www/bench/products"
chmod -R a+rX "$WORK"
cat > "$WORK/backend.conf" <<NGINX
worker_processes 1; pid $WORK/backend.pid; error_log $WORK/backend-error.log;
events { worker_connections 256; }
http { access_log off; default_type application/json; server { listen 127.0.0.1:$BACKEND; root $WORK/www; } }
NGINX
nginx -c "$WORK/backend.conf" -g 'daemon off;' &
PIDS+=($!)

jar_of() { [[ $1 == gateway ]] && echo "$GATEWAY_JAR" || echo "$SHOP_JAR"; }
url_of() { [[ $1 == gateway ]] && echo "http://127.0.0.1:$GATEWAY/bench/products" \
  || echo "http://127.0.0.1:$SHOP/api/catalog/products"; }
args_of() { # the app's arguments: ports, its own embedded PostgreSQL data directory, quiet logs
  if [[ $1 == gateway ]]; then
    echo "--server.port=$GATEWAY --management.server.port=$GATEWAY_ADMIN" \
      "--ficus.embedded-postgres.data-directory=$WORK/gateway-postgres --logging.level.root=WARN"
  else
    echo "--server.port=$SHOP --ficus.embedded-postgres.data-directory=$WORK/shop-postgres --logging.level.root=WARN"
  fi
}
export FICUS_LEGACY_URL=http://127.0.0.1:$BACKEND FICUS_CATALOG_SERVICE_URL=http://127.0.0.1:$BACKEND \
  FICUS_GATEWAY_ADMIN_PASSWORD=bench

# java options and jar of a configuration; extracted jars and archives are made once per app
prepare() { # <app> <config> -> sets JAVA and OPTS and JAR
  local app=$1 jar; jar=$(jar_of "$app")
  case $2 in
    jdk17) JAVA=$JDK17/bin/java; OPTS=(); JAR=$jar ;;
    jdk25) JAVA=$JDK25/bin/java; OPTS=(); JAR=$jar ;;
    jdk17-cds|jdk25-extracted|jdk25-aot)
      local dir=$WORK/$app-extracted
      if [[ ! -d $dir ]]; then
        "$JDK25/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
      fi
      JAR=$dir/$(basename "$jar")
      case $2 in
        jdk17-cds) JAVA=$JDK17/bin/java; OPTS=(-XX:SharedArchiveFile="$WORK/$app.jsa")
          [[ -f $WORK/$app.jsa ]] || train "$app" "$JDK17/bin/java" -XX:ArchiveClassesAtExit="$WORK/$app.jsa" ;;
        jdk25-extracted) JAVA=$JDK25/bin/java; OPTS=() ;;
        jdk25-aot) JAVA=$JDK25/bin/java; OPTS=(-XX:AOTCache="$WORK/$app.aot")
          [[ -f $WORK/$app.aot ]] || train "$app" "$JDK25/bin/java" -XX:AOTCacheOutput="$WORK/$app.aot" ;;
      esac ;;
  esac
}
train() { # <app> <java> <option>: a training run that stops once the context is refreshed
  # shellcheck disable=SC2046
  (cd "$WORK" && "$2" "$3" -Dspring.context.exit=onRefresh -jar "$JAR" $(args_of "$1") >"$WORK/train-$1.log" 2>&1) \
    || { echo "training run of $1 failed:"; tail -n 20 "$WORK/train-$1.log"; exit 1; }
}
start() { # <app>: ELAPSED = milliseconds from launch to the first 200
  local url t0 t1 pid; url=$(url_of "$1")
  t0=$(date +%s%N)
  # shellcheck disable=SC2046
  (cd "$WORK" && exec "$JAVA" "${OPTS[@]}" -jar "$JAR" $(args_of "$1") >"$WORK/$1.log" 2>&1) &
  pid=$!
  PIDS+=("$pid")
  until curl -fs -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "$1 exited:" >&2; tail -n 20 "$WORK/$1.log" >&2; exit 1; }
    bench_adopt "$WORK/$1-postgres"   # the app's PostgreSQL daemonizes out of the benchmark's group (lib.sh)
    sleep 0.05
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ELAPSED=$(( (t1 - t0) / 1000000 ))
}

echo "Startup to first 200 (ms), medians of $REPS; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "  jdk17: $("$JDK17/bin/java" -version 2>&1 | head -1); jdk25: $("$JDK25/bin/java" -version 2>&1 | head -1)"
for app in $APPS; do
  JAVA=$JDK17/bin/java; OPTS=(); JAR=$(jar_of "$app")
  start "$app"   # creates the data directory (and warms the file cache); not counted
  declare -A median=()
  for config in $CONFIGS; do
    prepare "$app" "$config"
    times=()
    for _ in $(seq 1 "$REPS"); do start "$app"; times+=("$ELAPSED"); done
    median[$config]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    base=${median[jdk17]:-${median[$config]}}
    printf '  %-8s %-16s %6s ms   (%s)   %.2fx jdk17\n' "$app" "$config" "${median[$config]}" "${times[*]}" \
      "$(awk "BEGIN {print ${median[$config]} / $base}")"
  done
  if [[ -n "${median[jdk25]:-}" && -n "${median[jdk25-aot]:-}" ]]; then
    printf '  %-8s jdk25 AOT cache / jdk25 plain: %.2fx\n' "$app" "$(awk "BEGIN {print ${median[jdk25-aot]} / ${median[jdk25]}}")"
  fi
  unset median
done
