#!/usr/bin/env bash
# Runs every test of coaps4j on a fresh machine: installs the interop peers when it can, then
# builds all modules and runs their tests. Extra arguments go to Maven (e.g. -o, -pl cli).
set -euo pipefail
cd "$(dirname "$0")/.."

install_peers() {
  local log
  log="$(mktemp)"
  echo "Installing libcoap3-bin, gnutls-bin and tshark (libcoap's coap-client/-server, GnuTLS's gnutls-cli/-serv: interop peers; tshark and dumpcap: the key log test)..."
  export DEBIAN_FRONTEND=noninteractive
  # Try without refreshing the package lists first: quicker, and works offline when they are current.
  if apt-get install -y -q libcoap3-bin gnutls-bin tshark >"$log" 2>&1 \
      || { apt-get update -q >>"$log" 2>&1 && apt-get install -y -q libcoap3-bin gnutls-bin tshark >>"$log" 2>&1; }; then
    rm -f "$log"
    return 0
  fi
  echo "warning: could not install libcoap3-bin gnutls-bin tshark; their interop tests will be skipped. apt-get said:"
  tail -n 5 "$log" | sed 's/^/  /'
  rm -f "$log"
}

missing=0
for peer in coap-client-notls coap-server-notls coap-client-openssl coap-server-openssl gnutls-cli gnutls-serv tshark dumpcap; do
  command -v "$peer" >/dev/null 2>&1 || missing=1
done
if [ "$missing" = 1 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    install_peers
  else
    echo "warning: libcoap3-bin, gnutls-bin or tshark is missing and cannot be installed here (needs root and apt-get);" \
      "their interop tests will be skipped"
  fi
fi

# The benchmark's chart writer (Python 3 standard library), on a small report.
PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s scripts/tests -q

mvn -B -ntp verify "$@"
