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
if [ ! -d "$BROKER" ]; then
  echo "[example] creating the broker instance in $BROKER"
  # only the core protocol: the other protocols' ports may belong to other brokers on the machine
  "$ARTEMIS_HOME/bin/artemis" create "$BROKER" --silent --user outbox --password outbox \
    --require-login --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
    --no-hornetq-acceptor --host 127.0.0.1 --default-port 61616 >/dev/null
fi

stop_broker() { "$BROKER/bin/artemis-service" stop >/dev/null 2>&1 || true; }
trap stop_broker EXIT
echo "[example] starting the broker (log: $BROKER/log/artemis.log)"
"$BROKER/bin/artemis-service" start >/dev/null
for _ in $(seq 1 60); do
  (exec 3<>/dev/tcp/127.0.0.1/61616) 2>/dev/null && break
  sleep 1
done
if ! (exec 3<>/dev/tcp/127.0.0.1/61616) 2>/dev/null; then
  echo "[example] the broker did not start; see $BROKER/log/artemis.log" >&2
  exit 1
fi

cat <<'TXT'
[example] starting Open Liberty; when it says "The exampleServer server is ready", place an order:

    curl -s -X POST localhost:9080/outbox-example/api/orders \
         -H 'Content-Type: application/json' -d '{"customer":"alice","total":42.50}'

TXT
mvn -B -ntp -pl outbox-example liberty:run
