#!/usr/bin/env bash
# The benchmark command (issue 7): builds the benchmark module, prepares PostgreSQL, creates and
# starts a standalone Artemis broker (port 61626) under benchmarks/target, installs Open Liberty
# (servers benchServer on 9280/9643 and benchServer2 on 9281/9644), then runs every scenario with
# its baseline and writes benchmarks/results/summary.json and docs/benchmarks.md.
#
#   scripts/bench.sh            the full run (about an hour on 2 cores)
#   scripts/bench.sh --quick    small sizes and short runs, to check that everything works
#   BENCH_ONLY=drain,latency scripts/bench.sh    only some scenarios
#                               (write, plain, drain, latency, knee, hotspots, servers, history, scaling,
#                                micro, writerelay, xa, cold, netdelay, archive)
#   BENCH_WRITERELAY=default,timer-only   some variants of the write overhead by relay setting
#   BENCH_BASE_EXTRA=outbox.relay.batch-size=500   more outbox settings for every server of the run
#   BENCH_NETDELAY_MS=0,0.5,2   the delays each way of the netdelay scenario
#   BENCH_KNEE_RATES=100,500,1000,2000,3000,4000,6000,8000   the offered rates (msg/s) of the knee scenario
#   BENCH_ARCHIVE_DAYS=30 BENCH_ARCHIVE_PER_DAY=1000000   the archived history of the archive scenario
#   BENCH_SERVER_JVM="-XX:StartFlightRecording=filename=/tmp/s.jfr"   more options for the servers' JVMs
#   BENCH_DEADLINE_MINUTES=70 scripts/bench.sh   start no scenario after 70 minutes; the report
#                               names those left out
#
# Needs the library installed in ~/.m2 (mvn install -DskipTests), Java 17+, Maven, PostgreSQL.
# Before each repetition the driver waits while a test run (failsafe or surefire) is active on the
# machine (up to 20 minutes; the report counts repetitions measured alongside one).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN="mvn -B -ntp -q"
QUICK=false
[ "${1:-}" = "--quick" ] && QUICK=true

if pgrep -f "failsafe|surefirebooter" >/dev/null; then
  echo "[bench] a test run (failsafe or surefire) is active on the machine: each repetition will wait for it to end"
fi

echo "[bench] building the benchmark module (application WAR, driver, Liberty, Artemis)"
if [ ! -f "$HOME/.m2/repository/dev/outbox/outbox-jms/0.1.0-SNAPSHOT/outbox-jms-0.1.0-SNAPSHOT.jar" ]; then
  echo "[bench] the library is not installed in ~/.m2: run 'mvn install -DskipTests' first" >&2
  exit 1
fi
$MVN -f benchmarks/pom.xml package -Pbench -DskipTests

scripts/prepare-databases.sh

ARTEMIS_HOME=$(ls -d benchmarks/target/artemis-dist/apache-artemis-* | head -1)
BROKER=benchmarks/target/broker
PORT=61626
. scripts/broker.sh
broker_create bench "$ARTEMIS_HOME" "$BROKER" $PORT
trap 'broker_stop "$BROKER"' EXIT
broker_start bench "$BROKER" $PORT

# which library is measured: the jars packed into the WAR (from ~/.m2), with the repository's commit
LIB="commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain -- outbox-cdi outbox-jpa outbox-jms 2>/dev/null)" ] && echo ' (library sources modified in the work tree)'); jars in the WAR: $(unzip -l benchmarks/bench-app/target/bench.war | awk '/WEB-INF\/lib\/outbox-/ {print $2, $3}' | tr '\n' ' ')"
CP="benchmarks/bench-driver/target/classes:$(cat benchmarks/bench-driver/target/classpath.txt)"
exec_java() {
  java -Xmx4g -cp "$CP" \
    -Dbench.quick="$QUICK" \
    -Dbench.only="${BENCH_ONLY:-all}" \
    -Dbench.root=benchmarks \
    -Dbench.artemis.version="$(basename "$ARTEMIS_HOME" | sed 's/apache-artemis-//')" \
    -Dbench.artemis.client="$(basename "$(tr ':' '\n' < benchmarks/bench-driver/target/classpath.txt | grep artemis-jakarta-client)" .jar)" \
    -Dbench.gruelbox.version="$(tr ':' '\n' < benchmarks/bench-driver/target/classpath.txt | grep -o 'transactionoutbox-core-[0-9.]*[0-9]' | head -1 | sed 's/transactionoutbox-core-//')" \
    -Dbench.library="$LIB" \
    ${BENCH_REPS:+-Dbench.reps=$BENCH_REPS} \
    ${BENCH_COLD_SECONDS:+-Dbench.cold.seconds=$BENCH_COLD_SECONDS} \
    ${BENCH_NETDELAY_MS:+-Dbench.netdelay.ms=$BENCH_NETDELAY_MS} \
    ${BENCH_KNEE_RATES:+-Dbench.knee.rates=$BENCH_KNEE_RATES} \
    ${BENCH_ARCHIVE_DAYS:+-Dbench.archive.days=$BENCH_ARCHIVE_DAYS} \
    ${BENCH_ARCHIVE_PER_DAY:+-Dbench.archive.per-day=$BENCH_ARCHIVE_PER_DAY} \
    ${BENCH_WRITERELAY:+-Dbench.writerelay.variants=$BENCH_WRITERELAY} \
    ${BENCH_BASE_EXTRA:+-Dbench.base.extra=$BENCH_BASE_EXTRA} \
    ${BENCH_SERVER_JVM:+"-Dbench.jvm.extra=$BENCH_SERVER_JVM"} \
    ${BENCH_DEADLINE_MINUTES:+-Dbench.deadline.minutes=$BENCH_DEADLINE_MINUTES} \
    dev.outbox.bench.Bench
}
exec_java
