#!/usr/bin/env bash
# JMH benchmark of the route lookup (RouteLookupBenchmark, test sources): cost of matching a request against
# 10 and 1,000 routes, for the last route's path and for an unclaimed path. Usage, from the repository root:
#   strangler-gateway/bench/route-lookup.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
nice -n 19 "$ROOT/mvnw" -q -f "$ROOT/strangler-gateway/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP"
java -cp "$ROOT/strangler-gateway/target/test-classes:$ROOT/strangler-gateway/target/classes:$(cat "$CP")" \
  io.ficus.gateway.routing.RouteLookupBenchmark
