#!/usr/bin/env bash
# The P-256 crypto microbenchmarks of docs/BENCHMARKS.md, "Crypto microbenchmarks (JMH)": both
# PublicKeyCrypto providers (jca, bc) in one run, wall-clock score and process CPU time per operation.
# Extra arguments go to JMH (e.g. -i 20, -p provider=bc, or a regexp like 'P256CryptoBenchmark.sign$').
# JAVA selects the JVM (default: java on the PATH), e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2
"${JAVA:-java}" -version 2>&1 | head -1 >&2
exec "${JAVA:-java}" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main \
  P256CryptoBenchmark -f 1 -wi 8 -i 8 -w 1s -r 1s -prof io.coaps4j.bench.jmh.ProcessCpuProfiler "$@"
