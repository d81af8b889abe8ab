#!/usr/bin/env bash
# Profiles the benchmark servers (issue 19): runs scripts/bench.sh with async-profiler attached to
# every Liberty server it starts (CPU samples every millisecond, wall-clock samples every 5 ms),
# then writes one flame graph per server start and per mode into benchmarks/target/profile.
#
#   scripts/profile.sh write          profile the write-overhead scenario (BENCH_REPS=2 by default)
#   scripts/profile.sh write,drain    several scenarios, one run
#
# The log (benchmarks/target/profile/bench.log) prefixes every line with the epoch milliseconds, so
# one phase can be cut out of a recording afterwards, as docs/benchmarks.md's flame graphs were:
#   java -jar "$CONVERTER" --cpu --from <ms> --to <ms> benchmarks/target/profile/server-*.jfr out.html
# Profiled rates are slower than unprofiled ones: read the graphs for where the time goes, never the
# rates. Needs what scripts/bench.sh needs; async-profiler (Linux x64) comes from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIOS="${1:?usage: scripts/profile.sh <scenario[,scenario...]>}"
VERSION=4.1
OUT="$PWD/benchmarks/target/profile"
M2="${MAVEN_REPO:-$HOME/.m2/repository}/tools/profiler"
for a in "async-profiler:$VERSION:jar:linux-x64" "jfr-converter:$VERSION"; do
  mvn -B -ntp -q dependency:get -Dartifact="tools.profiler:$a" >/dev/null
done
rm -rf "$OUT" && mkdir -p "$OUT/agent"
unzip -q -o "$M2/async-profiler/$VERSION/async-profiler-$VERSION-linux-x64.jar" 'linux-x64/*' -d "$OUT/agent"
CONVERTER="$M2/jfr-converter/$VERSION/jfr-converter-$VERSION.jar"

echo "[profile] scenarios $SCENARIOS; recordings and flame graphs in $OUT"
BENCH_ONLY="$SCENARIOS" BENCH_REPS="${BENCH_REPS:-2}" \
  BENCH_SERVER_JVM="-agentpath:$OUT/agent/linux-x64/libasyncProfiler.so=start,event=cpu,interval=1ms,wall=5ms,file=$OUT/server-%t.jfr,jfr" \
  scripts/bench.sh 2>&1 | while IFS= read -r line; do echo "$(date +%s%3N) $line"; done | tee "$OUT/bench.log"

for f in "$OUT"/server-*.jfr; do
  java -jar "$CONVERTER" --cpu --simple --title "CPU, $(basename "$f" .jfr)" "$f" "${f%.jfr}-cpu.html" >/dev/null
  java -jar "$CONVERTER" --wall --simple --title "wall clock, $(basename "$f" .jfr)" "$f" "${f%.jfr}-wall.html" >/dev/null
done
ls "$OUT"/*.html
