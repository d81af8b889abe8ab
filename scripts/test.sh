#!/usr/bin/env bash
# The test command: the release build (twice, for reproducibility) and the API check, unit tests, the README's
# quick start as written, the integration suite once per pass of the matrix (five on Open Liberty, two on
# WildFly, one on Payara), then the fault suite's small run on Open Liberty (scenarios in FAULTS_CI_ONLY, default
# s9) and on WildFly (FAULTS_CI_ONLY_WILDFLY, default s1); the full fault suite runs the others.
# Needs: Java 17+, Maven 3.8+, PostgreSQL on 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (started
# and prepared here if needed), Debian's chromium and chromium-driver for the console test, and for the
# fault suite Debian's PostgreSQL server tools (pg_createcluster) and the right to use them (root).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN="mvn -B -ntp ${MVN_ARGS:-}"
IT="$MVN verify -pl it-tests"
HIBERNATE_JARS=it-tests/target/liberty/wlp/usr/shared/resources/hibernate

pass() {
  local name=$1; shift
  local start=$SECONDS
  echo "=== pass: $name"
  scripts/prepare-databases.sh --fresh >/dev/null
  rm -rf "$HIBERNATE_JARS" # the pass's Hibernate version is copied in afresh
  "$@"
  echo "=== pass: $name took $((SECONDS - start)) s"
}

pass "release build twice, compared byte for byte (RELEASING.md)" \
  scripts/release-check.sh
pass "public API against its baseline (api/baseline, japicmp)" \
  scripts/api-check.sh
pass "build, unit tests (measured by JaCoCo), integration suite on H2 (EE 11, Hibernate 7.4)" \
  $MVN -Pcoverage install
scripts/coverage.sh # the unit tests' line and branch coverage of the core modules
pass "the README's quick start, as written, on a fresh Open Liberty" \
  scripts/quickstart-check.sh
pass "PostgreSQL, XA, schema created by Flyway (EE 11, Hibernate 7.4)" \
  $IT -Ddb=postgres -Dit.schema=flyway
# The suites that depend on neither the database nor the datasource's kind (a delayed record across a restart, the broker's outages and timeouts,
# readiness while the broker is away or a record waits too long, the console's browser, an EAR's packaging, a record whose class is gone;
# configuration, checked before any database is used) run in the H2, PostgreSQL XA and server passes only, to keep
# CI short.
DB_INDEPENDENT='(DelayedRestartIT|BrokerOutageIT|BrokerTimeoutIT|HealthOutageIT|StrictReadinessIT|ConsoleIT|EarPackagingIT|EvolvingEventsIT|InvalidConfigurationIT)'
pass "PostgreSQL without XA, schema created by Liquibase (EE 10, Hibernate 6.6)" \
  $IT -Ddb=postgres-nonxa -Dit.xa=false -Dit.schema=liquibase -Dee=ee10 \
      -Dhibernate.version=6.6.56.Final "-Dit.excludes=%regex[.*(OpsIT|AdminApiIT|OutboxTestKitIT|StrictReadinessIT|$DB_INDEPENDENT).*]"
pass "MariaDB, XA, server time zone Pacific/Auckland (EE 11, Hibernate 7.4)" \
  $IT -Ddb=mariadb -Dit.tz=Pacific/Auckland "-Dit.excludes=%regex[.*$DB_INDEPENDENT.*]"
pass "Derby embedded, XA, server time zone America/Los_Angeles (EE 11, Hibernate 7.4)" \
  $IT -Ddb=derby -Dit.tz=America/Los_Angeles "-Dit.excludes=%regex[.*$DB_INDEPENDENT.*]"
# WildFly 39 (EE 10, its own Hibernate 6.6): unpacked and configured by the build (it-tests/src/test/wildfly).
# With WildFly's embedded broker, the suites that stop the test broker or read its ledger of sends cannot
# watch the broker the relay uses: they run in the second WildFly pass, whose relay uses the test broker.
WILDFLY_TEST_BROKER_ONLY='-Dit.excludes=%regex[.*(TwoRelaysIT|ConsoleIT|BrokerOutageIT|BrokerTimeoutIT|HealthOutageIT).*]'
pass "WildFly: PostgreSQL, XA, relaying to WildFly's embedded Artemis (EE 10, Hibernate 6.6)" \
  $IT -Dit.server=wildfly -Ddb=postgres -Dit.broker=embedded "$WILDFLY_TEST_BROKER_ONLY"
# The second WildFly pass runs those five and the suites that send or receive through the remote pooled
# connection factory; the first pass has run the rest on WildFly.
WILDFLY_REMOTE_SUITES='-Dit.test=TwoRelaysIT,ConsoleIT,BrokerOutageIT,BrokerTimeoutIT,HealthOutageIT,CaptureAndRelayIT,InboxIT,RelayFailuresIT,ImmediateDispatchIT,XaModeRefusedIT'
pass "WildFly: PostgreSQL without XA, relaying to the test broker through a remote pooled connection factory" \
  $IT -Dit.server=wildfly -Ddb=postgres-nonxa -Dit.xa=false -Dit.broker=remote "$WILDFLY_REMOTE_SUITES"
# Payara Server 6 (EE 10, Hibernate 6.6 in the domain's lib): a domain made and configured by the build
# (it-tests/src/test/payara), the test broker through outbox-artemis-rar. The core suites only, to keep CI short
# (the outbox-ops suites and EarPackagingIT do not deploy on Payara yet: docs/servers.md#payara).
PAYARA_SUITES='-Dit.test=CaptureAndRelayIT,OrderingIT,InboxIT,TransactionModesIT,BrokerOutageIT,RelayFailuresIT,SchemaCheckIT,ImmediateDispatchIT'
pass "Payara 6: PostgreSQL, XA, relaying to the test broker through our resource adapter (EE 10, Hibernate 6.6), core suites" \
  $IT -Dit.server=payara -Ddb=postgres "$PAYARA_SUITES"
# the fault suite's small run (docs/reliability.md), on a PostgreSQL cluster and a broker of its own
FAULTS_CI_ONLY=${FAULTS_CI_ONLY:-s9}
pass "fault suite, CI size, Open Liberty: $FAULTS_CI_ONLY in both relay modes" \
  env FAULTS_ONLY="$FAULTS_CI_ONLY" scripts/faults.sh --ci
FAULTS_CI_ONLY_WILDFLY=${FAULTS_CI_ONLY_WILDFLY:-s1}
pass "fault suite, CI size, WildFly: $FAULTS_CI_ONLY_WILDFLY in both relay modes" \
  env FAULTS_SERVER=wildfly FAULTS_ONLY="$FAULTS_CI_ONLY_WILDFLY" scripts/faults.sh --ci
