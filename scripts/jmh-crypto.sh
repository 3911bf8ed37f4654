#!/usr/bin/env bash
# The P-256 crypto microbenchmarks of docs/BENCHMARKS.md, "Crypto microbenchmarks (JMH)": both
# PublicKeyCrypto providers (jca, bc) in one run, wall-clock score and process CPU time per operation; then
# RpkHandshakeBenchmark, our server's whole RawPublicKey handshake against its crypto, and that ratio.
# Extra arguments go to JMH and replace the defaults they name (e.g. -i 20, or -wi 3 -i 3 for a short run). BENCHMARKS selects the benchmarks
# (default: "P256CryptoBenchmark RpkHandshakeBenchmark"; e.g. BENCHMARKS=RpkHandshakeBenchmark, or a regexp
# like 'P256CryptoBenchmark.sign$' with -p provider=bc).
# JAVA selects the JVM (default: java on the PATH), e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Dstyle.color=never -pl bench -am package -DskipTests >&2 2>/dev/null \
  || mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests >&2
"${JAVA:-java}" -version 2>&1 | head -1 >&2
results=bench/target/jmh-crypto.csv
rm -f "$results"
# The defaults, each unless the extra arguments give that option (JMH refuses an option twice).
defaults=()
for option in "-f 1" "-wi 8" "-i 8" "-w 1s" "-r 1s"; do
  case " $* " in *" ${option%% *} "*) ;; *) read -ra pair <<<"$option"; defaults+=("${pair[@]}") ;; esac
done
# shellcheck disable=SC2086 # BENCHMARKS is a list of patterns
"${JAVA:-java}" -Duser.language=en -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main \
  ${BENCHMARKS:-P256CryptoBenchmark RpkHandshakeBenchmark} "${defaults[@]}" \
  -prof io.coaps4j.bench.jmh.ProcessCpuProfiler -rf csv -rff "$results" "$@"

# The handshake's ratio to its crypto: RpkHandshakeBenchmark's serverHandshake over serverCrypto (all of it) and
# over serverPublicKeyCrypto (the four P-256 operations alone), by wall clock and by process CPU time.
[ -f "$results" ] || exit 0
awk -F, '
  { name = $1; gsub(/"/, "", name); score[name] = $5 + 0 }
  END {
    b = "io.coaps4j.bench.jmh.RpkHandshakeBenchmark."; cpu = ":\302\267cpu.time"
    if (!((b "serverHandshake") in score) || !((b "serverCrypto") in score)) exit
    printf "\nRawPublicKey server handshake (RpkHandshakeBenchmark.serverHandshake) against its crypto:\n"
    printf "  wall clock: %.0f us, %.2fx all its crypto (%.0f us), %.2fx its public-key operations (%.0f us)\n",
      score[b "serverHandshake"], score[b "serverHandshake"] / score[b "serverCrypto"], score[b "serverCrypto"],
      score[b "serverHandshake"] / score[b "serverPublicKeyCrypto"], score[b "serverPublicKeyCrypto"]
    if ((b "serverHandshake" cpu) in score && score[b "serverCrypto" cpu] > 0)
      printf "  CPU time:   %.0f us, %.2fx all its crypto (%.0f us), %.2fx its public-key operations (%.0f us)\n",
        score[b "serverHandshake" cpu], score[b "serverHandshake" cpu] / score[b "serverCrypto" cpu],
        score[b "serverCrypto" cpu], score[b "serverHandshake" cpu] / score[b "serverPublicKeyCrypto" cpu],
        score[b "serverPublicKeyCrypto" cpu]
    printf "  (issue 8 target: the handshake within 1.3x of its crypto)\n"
  }' "$results"
