#!/usr/bin/env bash
# Runs the example: builds the project, starts a standalone ActiveMQ Artemis broker on 127.0.0.1:61616
# and Open Liberty with the example order service on http://localhost:9080. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN="mvn -B -ntp -q"

echo "[example] building (library, resource adapter, example WAR, broker distribution)"
$MVN install -DskipTests
$MVN -pl outbox-example package -Pbroker -DskipTests

ARTEMIS_HOME=$(ls -d outbox-example/target/artemis-dist/apache-artemis-*)
BROKER=outbox-example/target/broker
. scripts/broker.sh
broker_create example "$ARTEMIS_HOME" "$BROKER" 61616
trap 'broker_stop "$BROKER"' EXIT
broker_start example "$BROKER" 61616

cat <<'TXT'
[example] starting Open Liberty; when it says "The exampleServer server is ready", place an order:

    curl -s -X POST localhost:9080/outbox-example/api/orders \
         -H 'Content-Type: application/json' -d '{"customer":"alice","total":42.50}'

TXT
mvn -B -ntp -pl outbox-example liberty:run
