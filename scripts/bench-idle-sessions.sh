#!/usr/bin/env bash
# Many idle PSK sessions on one coaps4j server (issue 9 target: 1,000,000 in -Xmx2g). The server runs in its own
# JVM with the given heap; each client has its own loopback source address (127.1.0.0 upwards), does a handshake
# and one GET, then drops its socket without close_notify. Prints the server's heap after full GC and its RSS,
# per session.
#   scripts/bench-idle-sessions.sh                 100,000 sessions, -Xmx2g server
#   scripts/bench-idle-sessions.sh 1000000 2g      the target run
#   scripts/bench-idle-sessions.sh N HEAP THREADS  opener threads (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building the bench module and what it depends on..." >&2
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2
CLASSPATH_FILE=bench/target/bench.classpath
[ -s "$CLASSPATH_FILE" ] || { echo "bench-idle-sessions: $CLASSPATH_FILE was not written by the build" >&2; exit 1; }
exec java -Xmx1g -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" io.coaps4j.bench.run.ManyIdleSessions "$@"
