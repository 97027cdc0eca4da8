#!/usr/bin/env bash
# Heap per idle authenticated session: issue 11's sessions-scale test (SessionsScaleIT, Maven profile sessions-scale)
# up to the count given. It runs the all-in-one in its own JVM, opens idle sessions (TLS, SASL, bound, available) from
# the test's JVM, and prints live heap, RSS and ping latency at 1,000 sessions and at the count, with the heap per
# session between the two (the marginal cost, free of what the gateway holds anyway). Loopback only.
# Usage: scripts/session-heap.sh [sessions=10000]   (after ./mvnw -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Psessions-scale verify -pl all-in-one -Dsessions="${1:-10000}"
cat all-in-one/target/sessions-scale.txt
