#!/usr/bin/env bash
# The P-256 crypto microbenchmarks (JMH) of docs/BENCHMARKS.md, "Crypto microbenchmarks (JMH)": both
# PublicKeyCrypto providers in one run. Extra arguments go to JMH (e.g. -f 3 -i 10, or -p provider=bc).
# JAVA selects the JVM (default: java on the PATH), e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2
"${JAVA:-java}" -version 2>&1 | head -1 >&2
exec "${JAVA:-java}" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main \
  P256CryptoBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s "$@"
