#!/usr/bin/env bash
# Side-by-side CoAP server benchmark: coaps4j, Californium 3.13, libcoap and a raw UDP ceiling, each in its
# own process, loaded by the same closed-loop generator at 1, 16 and 128 clients. Builds what it needs.
#   scripts/bench.sh            full run (3 s warm-up + 10 s measured per server and client count)
#   scripts/bench.sh --quick    short run (1 s + 3 s)
#   scripts/bench.sh --help     all options
# The Markdown report is printed and written to bench/target/bench-results.md; server logs go to
# bench/target/bench-logs/. See docs/BENCHMARKS.md for the method.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v coap-server-notls >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing libcoap3-bin (libcoap's coap-server-notls)..." >&2
    (apt-get install -y -q libcoap3-bin >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libcoap3-bin >/dev/null 2>&1)) \
      || echo "warning: could not install libcoap3-bin; the libcoap server will be reported as not measured" >&2
  else
    echo "warning: coap-server-notls is missing; the libcoap server will be reported as not measured" >&2
  fi
fi

echo "Building the bench module and what it depends on..." >&2
# package, not install: the servers run from this checkout's classes, nothing is written to ~/.m2.
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2

CLASSPATH_FILE=bench/target/bench.classpath
[ -s "$CLASSPATH_FILE" ] || { echo "bench: $CLASSPATH_FILE was not written by the build" >&2; exit 1; }

exec java -Xms256m -Xmx512m -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" io.coaps4j.bench.run.SideBySide \
  --log-dir bench/target/bench-logs --out bench/target/bench-results.md "$@"
