#!/usr/bin/env bash
# Runs every test of coaps4j on a fresh machine: installs the interop peers when it can, then
# builds all modules and runs their tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v coap-client-notls >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing libcoap3-bin (interop peer)..."
    (apt-get install -y -q libcoap3-bin >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libcoap3-bin >/dev/null 2>&1)) \
      || echo "warning: could not install libcoap3-bin; libcoap interop tests will be skipped"
  else
    echo "warning: libcoap3-bin is missing and cannot be installed here; libcoap interop tests will be skipped"
  fi
fi

mvn -B -ntp verify "$@"
