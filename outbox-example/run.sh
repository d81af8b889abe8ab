#!/usr/bin/env bash
# Runs the example order service:
#   run.sh            on Open Liberty (http://localhost:9080), with a standalone ActiveMQ Artemis broker on
#                     127.0.0.1:61616 that the script starts
#   run.sh wildfly    on WildFly 39 (http://localhost:8080), with WildFly's own embedded Artemis: nothing else
#                     to start
#   run.sh payara     on Payara Server 6 (http://localhost:8080, admin console on 4848), with a standalone
#                     Artemis broker on 127.0.0.1:61616 as for Liberty; HTTP_PORT, ADMIN_PORT and ARTEMIS_PORT
#                     move them
# It builds the project first. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-liberty}
case "$server" in
  liberty | wildfly | payara) ;;
  *) echo "usage: $0 [liberty|wildfly|payara]" >&2; exit 2 ;;
esac
MVN="mvn -B -ntp -q"
order() {
  cat <<TXT
[example] starting $1; when it is up, place an order:

    curl -s -X POST localhost:$2/outbox-example/api/orders \\
         -H 'Content-Type: application/json' -d '{"customer":"alice","total":42.50}'

TXT
}

if [ "$server" = wildfly ]; then
  echo "[example] building (library, example WAR, WildFly distribution)"
  $MVN install -DskipTests
  $MVN -pl outbox-example package -Pwildfly -DskipTests
  WILDFLY=$(ls -d outbox-example/target/wildfly/wildfly-*)
  # the server configuration: standalone-full.xml plus the example's datasource and queue
  cp "$WILDFLY/standalone/configuration/standalone-full.xml" "$WILDFLY/standalone/configuration/standalone-example.xml"
  "$WILDFLY/bin/jboss-cli.sh" --file=outbox-example/src/main/wildfly/configure.cli >/dev/null
  cp outbox-example/target/outbox-example.war "$WILDFLY/standalone/deployments/"
  order "WildFly (its H2 database lives in $WILDFLY/standalone/data)" 8080
  exec "$WILDFLY/bin/standalone.sh" -c standalone-example.xml
fi

if [ "$server" = payara ]; then
  ARTEMIS_PORT=${ARTEMIS_PORT:-61616}
  echo "[example] building (library, resource adapter, example WAR, Payara and broker distributions)"
  $MVN install -DskipTests
  $MVN -pl outbox-example package -Ppayara,broker -DskipTests
  PAYARA=outbox-example/target/payara/payara6
  echo "[example] making and configuring the Payara domain \"example\" (outbox-example/src/main/payara/configure.sh)"
  ARTEMIS_PORT=$ARTEMIS_PORT outbox-example/src/main/payara/configure.sh "$PAYARA" outbox-example/target/payara-lib \
    outbox-example/target/payara/outbox-artemis-rar.rar outbox-example/target/outbox-example.war
  ARTEMIS_HOME=$(ls -d outbox-example/target/artemis-dist/apache-artemis-*)
  BROKER=outbox-example/target/broker
  [ "$ARTEMIS_PORT" = 61616 ] || BROKER=outbox-example/target/broker-$ARTEMIS_PORT
  . scripts/broker.sh
  broker_create example "$ARTEMIS_HOME" "$BROKER" "$ARTEMIS_PORT"
  trap 'broker_stop "$BROKER"' EXIT
  broker_start example "$BROKER" "$ARTEMIS_PORT"
  order "Payara (its H2 database lives in $PAYARA/glassfish/domains/example/data; log: glassfish/domains/example/logs/server.log)" "${HTTP_PORT:-8080}"
  "$PAYARA/bin/asadmin" start-domain --verbose example
  exit 0
fi

echo "[example] building (library, resource adapter, example WAR, broker distribution)"
$MVN install -DskipTests
$MVN -pl outbox-example package -Pbroker -DskipTests

ARTEMIS_HOME=$(ls -d outbox-example/target/artemis-dist/apache-artemis-*)
BROKER=outbox-example/target/broker
. scripts/broker.sh
broker_create example "$ARTEMIS_HOME" "$BROKER" 61616
trap 'broker_stop "$BROKER"' EXIT
broker_start example "$BROKER" 61616

order "Open Liberty; it is up when it says \"The exampleServer server is ready\"" 9080
mvn -B -ntp -pl outbox-example liberty:run
