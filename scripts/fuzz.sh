#!/usr/bin/env bash
# Fuzzes the parsers with Jazzer (coverage-guided), one @FuzzTest target at a time.
#
#   scripts/fuzz.sh                 every target, one round each
#   scripts/fuzz.sh dtls records    the targets whose class:method contains "records" in module dtls
#   FUZZ_ROUNDS=12 scripts/fuzz.sh  twelve rounds per target (a round is @FuzzTest's maxDuration, 5 minutes)
#
# In the normal build (scripts/test-all.sh, CI) the same targets run their seeds only: regression mode.
# Here JAZZER_FUZZ=1 makes Jazzer mutate; the growing corpus stays in <module>/.cifuzz-corpus/ (ignored by
# git) so each round goes on where the last stopped. A finding (an exception other than the declared parse
# exception, or a failed bound) stops the target and is written as crash-<hash> into the target's seed dir,
# src/test/resources/.../<Class>Inputs/<method>/: fix the parser, keep the file, and it is a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${FUZZ_ROUNDS:-1}"
only_module="${1:-}"
only_target="${2:-}"

targets() { # module class method, one per line, from the sources
  for module in coap dtls e2e; do
    grep -rl '@FuzzTest' "$module/src/test/java" | while read -r file; do
      class="$(basename "$file" .java)"
      grep -A1 '@FuzzTest' "$file" | grep -o 'void [a-zA-Z0-9]*' | sed 's/void //' | while read -r method; do
        echo "$module $class $method"
      done
    done
  done
}

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
while read -r module class method; do
  [ -n "$only_module" ] && [ "$module" != "$only_module" ] && continue
  [ -n "$only_target" ] && [[ "$class:$method" != *"$only_target"* ]] && continue
  for round in $(seq 1 "$rounds"); do
    echo "== $module $class#$method, round $round of $rounds"
    log="$(mktemp)"
    if JAZZER_FUZZ=1 mvn -B -q -o -pl "$module" -am test -Dsurefire.failIfNoSpecifiedTests=false \
        -Dtest="$class#$method" -Dmaven.javadoc.skip >"$log" 2>&1; then
      # libFuzzer's summary reaches Maven's output (its native stderr), or else the surefire reports.
      runs="$(grep -rho "Done [0-9]* runs in [0-9]* second" "$log" "$module"/target/surefire-reports/ 2>/dev/null \
        | tail -1 || true)"
      echo "   ok: ${runs:-no libFuzzer summary}"
      echo "| $module | $class#$method | $round | ok | ${runs:-} |" >>"$report"
    else
      echo "   FINDING (or build failure): see $log and the crash-* file in the target's seed dir"
      echo "| $module | $class#$method | $round | finding | $log |" >>"$report"
      status=1
      break
    fi
    rm -f "$log"
  done
done < <(targets)

echo
echo "| module | target | round | result | detail |"
echo "| --- | --- | --- | --- | --- |"
cat "$report"
exit "$status"
