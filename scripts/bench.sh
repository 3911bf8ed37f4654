#!/usr/bin/env bash
# Side-by-side CoAP server benchmark: coaps4j, Californium 3.13, libcoap (and a raw UDP ceiling for NoSec),
# each in its own process, loaded by the same generator. Suites, in order (default all):
#   nosec       CoAP over UDP: req/s, latency, server CPU/request at 1, 16 and 128 clients
#   psk         CoAP over DTLS 1.2 PSK (TLS_PSK_WITH_AES_128_CCM_8): the same
#   handshakes  full PSK handshakes/s from new source ports, server CPU per handshake
#   sessions    heap (libcoap: RSS) per idle PSK session, 10,000 sessions per server
#   resumed-handshakes  abbreviated PSK handshakes/s (RFC 5246 7.3) from new source ports, each offering the session
#                   of the handshaker's first full handshake; server CPU per handshake and the issue 9 targets
#                   (with the handshakes suite in the same run for the 0.6x target)
#   rpk             CoAP over DTLS 1.2 RawPublicKey (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, client authentication
#                   needed, keys generated per run into bench/target/bench-logs/rpk-keys): req/s, CPU/request
#   rpk-handshakes  full ECDHE_ECDSA RPK handshakes/s from new source ports, server CPU per handshake
#   rpk-sessions    heap (libcoap: RSS) per idle RPK session
#   observe     RFC 7641 notifications/s from one resource to 1,000 and 10,000 PSK observers (--observers),
#               server CPU per notification, heap per observer; coaps4j and Californium
#   block2      a 1 MB block-wise (RFC 7959 Block2) download over PSK: time and server CPU; coaps4j and Californium
#   proxy           (only when named, alone: --suite proxy) req/s and proxy CPU/request through the coaps4j
#                   forward-proxy vs Californium's proxy2, PSK on both legs (ProxyBench; --proxy-legs psk,coap),
#                   at 1, 16, 64 clients; a default run replaces the proxy section of docs/BENCHMARKS.md
#   e2e             (only when named, alone: --suite e2e [--proxy coaps://HOST:PORT]) origin CPU per request with
#                   end-to-end protection (docs/E2E.md) against plain PSK, one process, coaps4j only
# One million idle sessions in -Xmx2g: scripts/bench-idle-sessions.sh (its own command).
# Builds what it needs.
#   scripts/bench.sh                          everything (3 s warm-up + 10 s measured per point)
#   scripts/bench.sh --quick                  short points (1 s + 3 s)
#   scripts/bench.sh --suite psk,handshakes   some suites only (--suite rpk,rpk-handshakes,rpk-sessions: RPK only)
#   scripts/bench.sh --baseline REF           adds coaps4j built from commit REF (server coaps4j-baseline):
#                                             before and after a change, measured in one run
#   scripts/bench.sh --generator device       one thread and socket per client, no batching (like devices)
#   scripts/bench.sh --generator scandium --suite nosec,psk,rpk
#                                             the clients on Californium's Scandium DTLS client, not on ours
#   scripts/bench.sh --help                   all options
# The Markdown report is printed and written to bench/target/bench-results.md, its SVG charts to
# bench/target/bench-charts/ (scripts/bench_charts.py), and a run with the default windows replaces the
# latest-results section of docs/BENCHMARKS.md and its charts in docs/bench/ (--no-docs: leave them); server
# logs go to bench/target/bench-logs/. See docs/BENCHMARKS.md for the method.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v coap-server-notls >/dev/null 2>&1 || ! command -v coap-server-gnutls >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing libcoap3-bin (libcoap's coap-server-notls and coap-server-gnutls)..." >&2
    (apt-get install -y -q libcoap3-bin >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libcoap3-bin >/dev/null 2>&1)) \
      || echo "warning: could not install libcoap3-bin; the libcoap server will be reported as not measured" >&2
  else
    echo "warning: coap-server-notls/-gnutls are missing; the libcoap server will be reported as not measured" >&2
  fi
fi

echo "Building the bench module and what it depends on..." >&2
# package, not install: the servers run from this checkout's classes, nothing is written to ~/.m2.
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2

# --baseline REF: build commit REF in a worktree of its own and run its servers as coaps4j-baseline.
ARGS=()
HELP_ONLY=""
BASELINE_REF=""
DOCS=(--docs docs/BENCHMARKS.md)
while [ $# -gt 0 ]; do
  case "$1" in
    --no-docs) DOCS=(); shift ;;
    -h|--help) DOCS=(); HELP_ONLY=1; ARGS+=("$1"); shift ;;
    --baseline) [ $# -ge 2 ] || { echo "bench: --baseline needs a commit" >&2; exit 2; }; BASELINE_REF="$2"; shift 2 ;;
    --baseline=*) BASELINE_REF="${1#--baseline=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
if [ -n "$BASELINE_REF" ]; then
  BASELINE_COMMIT="$(git rev-parse --verify "$BASELINE_REF^{commit}")" \
    || { echo "bench: --baseline $BASELINE_REF is not a commit" >&2; exit 2; }
  BASELINE_DIR="bench/target/baseline-$BASELINE_COMMIT"
  if [ ! -d "$BASELINE_DIR" ]; then
    git worktree add --detach "$BASELINE_DIR" "$BASELINE_COMMIT" >&2
  fi
  echo "Building the baseline $BASELINE_REF ($BASELINE_COMMIT) in $BASELINE_DIR..." >&2
  (cd "$BASELINE_DIR" && { mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
    || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2; })
  [ -s "$BASELINE_DIR/bench/target/bench.classpath" ] \
    || { echo "bench: the baseline build wrote no bench.classpath" >&2; exit 1; }
  ARGS+=(--baseline-classpath "$(cd "$BASELINE_DIR" && pwd)/bench/target/classes:$(cat "$BASELINE_DIR/bench/target/bench.classpath")")
fi

CLASSPATH_FILE=bench/target/bench.classpath
[ -s "$CLASSPATH_FILE" ] || { echo "bench: $CLASSPATH_FILE was not written by the build" >&2; exit 1; }

# The e2e suite (issue 11), self-contained: origin and client in one JVM, the origin's event-loop CPU per request
# with and without end-to-end protection, both on DTLS PSK; --proxy coaps://HOST:PORT sends through a forward
# proxy (e.g. a running coaps4j proxy with PSK on both legs). --quick shortens the windows. Prints a Markdown table.
if [ "${ARGS[*]-}" != "" ] && printf '%s\n' "${ARGS[@]}" | grep -qx -- '--suite=e2e\|e2e'; then
  E2E_ARGS=()
  QUICK=""
  for ((i = 0; i < ${#ARGS[@]}; i++)); do
    case "${ARGS[$i]}" in
      --proxy) E2E_ARGS+=(--proxy "${ARGS[$((i + 1))]}"); i=$((i + 1)) ;;
      --quick) QUICK=1 ;;
    esac
  done
  if [ -n "$QUICK" ]; then E2E_ARGS+=(--warmup 1 --measure 3); fi
  exec java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" io.coaps4j.bench.e2e.E2eSuite \
    ${E2E_ARGS[@]+"${E2E_ARGS[@]}"}
fi

# The proxy suite: its own main (io.coaps4j.bench.proxy.ProxyBench), its own report
# (bench/target/bench-proxy-results.md), apart from SideBySide's suites and tables.
PROXY_SUITE=""
PROXY_ARGS=()
for ((i = 0; i < ${#ARGS[@]}; i++)); do
  case "${ARGS[$i]}" in
    --suite=proxy) PROXY_SUITE=1 ;;
    --suite) [ "${ARGS[$((i + 1))]-}" = proxy ] && PROXY_SUITE=1 ;;
    --quick) PROXY_ARGS+=(--quick) ;;
    --proxy-legs) PROXY_ARGS+=(--legs "${ARGS[$((i + 1))]-psk}") ;;
    --proxy-clients) PROXY_ARGS+=(--clients "${ARGS[$((i + 1))]-16}") ;;
  esac
done
if [ -n "$PROXY_SUITE" ]; then
  java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" io.coaps4j.bench.proxy.ProxyBench \
    --log-dir bench/target/bench-logs --out bench/target/bench-proxy-results.md ${PROXY_ARGS[@]+"${PROXY_ARGS[@]}"} \
    ${DOCS[@]+"${DOCS[@]}"}
  python3 scripts/bench_charts.py bench/target/bench-proxy-results.md --out-dir bench/target/bench-charts >&2
  exit 0
fi

# The sessions suite keeps 10,000 client sockets (and their DTLS state) open at once.
java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" io.coaps4j.bench.run.SideBySide \
  --log-dir bench/target/bench-logs --out bench/target/bench-results.md ${DOCS[@]+"${DOCS[@]}"} ${ARGS[@]+"${ARGS[@]}"}

[ -z "$HELP_ONLY" ] || exit 0

# SVG charts of every suite's table (and each table as CSV): beside the report, and for the docs' latest results
# (charted again only when this run replaced them) into docs/bench/, linked from docs/BENCHMARKS.md.
if [ -s bench/target/bench-results.md ]; then
  python3 scripts/bench_charts.py bench/target/bench-results.md --out-dir bench/target/bench-charts >&2
fi
if [ ${#DOCS[@]} -gt 0 ]; then
  python3 scripts/bench_charts.py docs/BENCHMARKS.md --docs --out-dir docs/bench >&2
fi
