#!/usr/bin/env bash
# JMH benchmark of the route lookup (RouteLookupBenchmark, test sources): cost of matching a request against
# 10 and 1,000 routes, for the last route's path and for an unclaimed path. Usage, from the repository root:
#   strangler-gateway/bench/route-lookup.sh
#   AUTOGROUP_NICE=-10 strangler-gateway/bench/route-lookup.sh   # on a busy machine (see bench/run.sh)
set -euo pipefail
if [[ -n "${AUTOGROUP_NICE:-}" && -z "${BENCH_AUTOGROUP:-}" && -w /proc/self/autogroup ]]; then
  exec setsid -w env BENCH_AUTOGROUP="$AUTOGROUP_NICE" bash -c \
    'echo "$BENCH_AUTOGROUP" >/proc/self/autogroup && exec "$0" "$@"' "$0" "$@"
fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/strangler-gateway/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP"
OUT=$(mktemp)
trap 'rm -f "$CP" "$OUT"' EXIT
java -cp "$ROOT/strangler-gateway/target/test-classes:$ROOT/strangler-gateway/target/classes:$(cat "$CP")" \
  io.ficus.gateway.routing.RouteLookupBenchmark -rf json -rff "$OUT" "$@" | sed -n '/^Benchmark /,$p'
python3 - "$OUT" <<'PY'
import json, sys
scores = {(r["benchmark"].rsplit(".", 1)[1], r["params"]["routes"]): r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
for name in sorted({n for n, _ in scores}):
    print(f"{name:22} 10 routes {scores[(name, '10')]:8.1f} ns, 1,000 routes {scores[(name, '1000')]:8.1f} ns:"
          f" {scores[(name, '1000')] / scores[(name, '10')]:.2f}x")
PY
