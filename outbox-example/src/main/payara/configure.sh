#!/usr/bin/env bash
# Makes and configures the Payara Server 6 domain of the example ("example"), run by outbox-example/run.sh payara:
# Hibernate 6.6 and the H2 driver in the domain's lib folder, Hibernate's JTA platform, an H2 database (XA) in the
# domain's folder, the Artemis resource adapter (outbox-artemis-rar) to the standalone broker and the relay's
# connection factory jms/outboxConnectionFactory, and the example WAR. The domain is left stopped.
#
#   configure.sh PAYARA_HOME LIB_DIR RAR WAR
#   environment: ADMIN_PORT (4848), HTTP_PORT (8080), ARTEMIS_PORT (61616)
set -euo pipefail
home=$1 lib=$2 rar=$3 war=$4
domain=example
admin_port=${ADMIN_PORT:-4848}
http_port=${HTTP_PORT:-8080}
asadmin="$home/bin/asadmin"
dir="$home/glassfish/domains/$domain"

if [ -d "$dir" ]; then
  "$asadmin" stop-domain --kill=true "$domain" >/dev/null 2>&1 || true
  rm -rf "$dir"
fi
# the other ports follow the admin port, so that a second admin port moves them all
"$asadmin" create-domain --nopassword --adminport "$admin_port" --instanceport "$http_port" \
  --domainproperties "http.ssl.port=$((http_port + 101)):jms.port=$((admin_port + 2828)):domain.jmxPort=$((admin_port + 3838)):orb.listener.port=$((admin_port - 1148)):orb.ssl.port=$((admin_port - 1028)):orb.mutualauth.port=$((admin_port - 928)):java.debugger.port=$((admin_port + 4161)):osgi.shell.telnet.port=$((admin_port + 1818))" \
  "$domain" >/dev/null
cp "$lib"/*.jar "$dir/lib/"

commands=$(mktemp)
# in a multimode file a backslash escapes too: \\= and \\: reach asadmin as \= and \:
# The broker login goes on the connector connection pool too: Payara signs outbound connections on with the
# pool's UserName and Password (its default principal), not with the adapter's, which serve the message-driven beans.
# OpenTelemetry stays off: the example's otel.* settings serve outbox-ops, which this WAR leaves out on Payara, and
# Payara has no logging exporter.
cat > "$commands" <<CMDS
create-jvm-options -Dhibernate.transaction.jta.platform=org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform
create-jvm-options -Dotel.sdk.disabled=true
set-hazelcast-configuration --enabled=false --dynamic=false
create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.XADataSource --property URL=jdbc\\\\:h2\\\\:\${com.sun.aas.instanceRoot}/data/example:user=sa:password=sa examplePool
create-jdbc-resource --connectionpoolid examplePool jdbc/exampleDS
create-resource-adapter-config --property ConnectionParameters=host\\\\=127.0.0.1;port\\\\=${ARTEMIS_PORT:-61616}:UserName=outbox:Password=outbox:UseAutoRecovery=false outbox-artemis-rar
deploy --type rar --name outbox-artemis-rar $rar
create-connector-connection-pool --raname outbox-artemis-rar --connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory --transactionsupport XATransaction --property AllowLocalTransactions=true:ReconnectAttempts=0:CallTimeout=10000:UserName=outbox:Password=outbox outboxConnectionPool
create-connector-resource --poolname outboxConnectionPool jms/outboxConnectionFactory
CMDS

"$asadmin" start-domain "$domain" >/dev/null
status=0
out=$("$asadmin" --port "$admin_port" multimode --file "$commands" 2>&1) || status=$?
# the JVM option takes a restart before the application deploys
"$asadmin" restart-domain "$domain" >/dev/null || status=$?
if [ "$status" = 0 ] && ! grep -q "failed" <<<"$out"; then
  out="$out
$("$asadmin" --port "$admin_port" deploy --name outbox-example --contextroot outbox-example "$war" 2>&1)" || status=$?
fi
"$asadmin" stop-domain "$domain" >/dev/null
if [ "$status" != 0 ] || grep -q "failed" <<<"$out"; then
  echo "$out" >&2
  echo "[example] the configuration of the Payara domain failed (commands: $commands)" >&2
  exit 1
fi
rm -f "$commands"
