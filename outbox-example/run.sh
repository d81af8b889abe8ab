#!/usr/bin/env bash
# Runs the example order service:
#   run.sh            on Open Liberty (http://localhost:9080), with a standalone ActiveMQ Artemis broker on
#                     127.0.0.1:61616 that the script starts
#   run.sh wildfly    on WildFly 39 (http://localhost:8080), with WildFly's own embedded Artemis: nothing else
#                     to start
#   run.sh payara     on Payara Server 6 (http://localhost:8080, admin console on 4848), with a standalone
#                     Artemis broker on 127.0.0.1:61616 as for Liberty; HTTP_PORT, ADMIN_PORT and ARTEMIS_PORT
#                     move them
# On Liberty and WildFly the example serves outbox-ops' admin console over HTTPS (9443 or 8443) to the user
# demo / demo-pw, and its health checks (outbox-ops is not tested on Payara yet, so its WAR leaves it out).
# It builds the library modules and the example first. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-liberty}
case "$server" in
  liberty | wildfly | payara) ;;
  *) echo "usage: $0 [liberty|wildfly|payara]" >&2; exit 2 ;;
esac
MVN="mvn -B -ntp -q"
# order SERVER HTTP_PORT [HTTPS_PORT HEALTH_URL LOG]: what to try once the server is up; the operations part
# only where the example includes outbox-ops
order() {
  cat <<TXT
[example] starting $1; when it is up, place an order:

    curl -s -X POST localhost:$2/outbox-example/api/orders \\
         -H 'Content-Type: application/json' -d '{"customer":"alice","total":42.50}'

TXT
  [ $# -ge 5 ] || return 0
  cat <<TXT
[example] operations (outbox-ops):
    admin console  https://localhost:$3/outbox-example/outbox-admin/console
                   login demo / demo-pw (role outbox-admin); a self-signed certificate, so the browser warns
                   once; plain http://localhost:$2/outbox-example/outbox-admin/ redirects to HTTPS
    admin API      curl -sk -u demo:demo-pw https://localhost:$3/outbox-example/outbox-admin/backlog
                   (also records?status=DISPATCHED, dead-letters; POST ones need -H 'X-Outbox-Admin: cli')
    health         curl -s $4/health/ready   (and /health/live)
    metrics        OpenTelemetry, logged every 30 s (otel.metrics.exporter=logging): grep name=outbox. \\
                   $5

TXT
}

if [ "$server" = wildfly ]; then
  echo "[example] building (library, example WAR, WildFly distribution)"
  $MVN -pl outbox-example -am install -Pwildfly -DskipTests
  WILDFLY=$(ls -d outbox-example/target/wildfly/wildfly-*)
  # the server configuration: standalone-full.xml plus the example's datasource and queue, and the MicroProfile
  # Health and Telemetry subsystems of outbox-ops
  cp "$WILDFLY/standalone/configuration/standalone-full.xml" "$WILDFLY/standalone/configuration/standalone-example.xml"
  "$WILDFLY/bin/jboss-cli.sh" --file=outbox-example/src/main/wildfly/configure.cli >/dev/null
  # the admin console's user: demo / demo-pw in the ApplicationRealm, with the role outbox-admin (added, or
  # its password and role set again on a later run)
  "$WILDFLY/bin/add-user.sh" -a -u demo -p demo-pw -g outbox-admin --silent
  cp outbox-example/target/outbox-example.war "$WILDFLY/standalone/deployments/"
  order "WildFly (its H2 database lives in $WILDFLY/standalone/data)" 8080 8443 http://localhost:9990 \
    "$WILDFLY/standalone/log/server.log"
  exec "$WILDFLY/bin/standalone.sh" -c standalone-example.xml
fi

if [ "$server" = payara ]; then
  ARTEMIS_PORT=${ARTEMIS_PORT:-61616}
  echo "[example] building (library, resource adapter, example WAR, Payara and broker distributions)"
  $MVN -pl outbox-example -am install -Ppayara,broker -DskipTests
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
$MVN -pl outbox-example -am install -Pbroker -DskipTests

ARTEMIS_HOME=$(ls -d outbox-example/target/artemis-dist/apache-artemis-*)
BROKER=outbox-example/target/broker
. scripts/broker.sh
broker_create example "$ARTEMIS_HOME" "$BROKER" 61616
trap 'broker_stop "$BROKER"' EXIT
broker_start example "$BROKER" 61616

order "Open Liberty; it is up when it says \"The exampleServer server is ready\"" 9080 9443 http://localhost:9080 \
  outbox-example/target/liberty/wlp/usr/servers/exampleServer/logs/messages.log
mvn -B -ntp -pl outbox-example liberty:run
