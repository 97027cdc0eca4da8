#!/usr/bin/env bash
# Heap per idle authenticated session: starts the all-in-one gateway in its own JVM (embedded Kafka and H2 in a
# temporary data directory, default ports), measures its live heap after a full GC, opens N idle sessions from a
# second JVM, measures again, and prints the difference per session. Loopback only; stops everything it started.
# Usage: scripts/session-heap.sh [sessions=10000] [accounts=100]   (after ./mvnw -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-10000}
accounts=${2:-100}
data=$(mktemp -d)
jar=all-in-one/target/all-in-one-0.1.0-SNAPSHOT.jar
./mvnw -B -q -pl all-in-one test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx2g -jar "$jar" --gateway.data-dir="$data" --gateway.xmpp.c2s.bind-address=127.0.0.1 \
  --logging.level.root=WARN > "$data/gateway.log" 2>&1 &
gw=$!
trap 'kill $gw 2>/dev/null || true; rm -rf "$data"' EXIT
ready() { curl -sf localhost:8080/actuator/health/readiness > /dev/null 2>&1; }
for _ in $(seq 1 120); do ready && break; sleep 1; done
ready || { echo "gateway did not start"; tail -20 "$data/gateway.log"; exit 1; }
live() { jcmd "$gw" GC.run > /dev/null; sleep 1; jcmd "$gw" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'; }
before=$(live)
fifo="$data/hold"; mkfifo "$fifo"
java -Xmx4g -cp "all-in-one/target/test-classes:all-in-one/target/classes:$(cat all-in-one/target/test.classpath)" \
  io.xsg.launcher.load.IdleSessionsDriver "$data" "$sessions" "$accounts" < "$fifo" > "$data/driver.log" 2>&1 &
driver=$!
exec 3> "$fifo"
until grep -q "^OPEN" "$data/driver.log" 2>/dev/null; do
  kill -0 $driver 2>/dev/null || { cat "$data/driver.log"; exit 1; }
  sleep 1
done
grep "^OPEN" "$data/driver.log"
sleep 5
after=$(live)
echo "live heap before: ${before} KiB, with $sessions idle sessions: ${after} KiB"
echo "per session: $(( (after - before) * 1024 / sessions )) bytes"
jcmd "$gw" GC.class_histogram | head -25 > "$data/histogram.txt"; cat "$data/histogram.txt"
exec 3>&-
wait $driver || true
