#!/usr/bin/env bash
# Configures the Payara Server 6 of an integration-test pass from a fresh domain of its own (outboxIt): Hibernate
# and the JDBC driver in the domain's lib folder, the JVM options Hibernate needs, the PostgreSQL XA datasource,
# this project's Artemis resource adapter (outbox-artemis-rar) pointed at the test broker in the failsafe JVM,
# its connection factories, and the log settings the suites read. Called by the it-tests build
# (profile it.server=payara) before Arquillian's managed Payara container starts the domain.
#
#   configure.sh PAYARA_HOME DB LIB_DIR RAR
#     DB       postgres (XA datasource) or postgres-nonxa
#     LIB_DIR  jars for the domain's lib folder (Hibernate and its dependencies, the PostgreSQL driver)
#     RAR      the outbox-artemis-rar archive
#   environment: PG_HOST, PG_PORT, PG_DATABASE, ARTEMIS_PORT (the test broker),
#                ADMIN_PORT, HTTP_PORT, HTTPS_PORT (the domain's ports), IT_TZ
set -euo pipefail
home=$1 db=$2 lib=$3 rar=$4
domain=outboxIt
admin_port=${ADMIN_PORT:-14848}
http_port=${HTTP_PORT:-18080}
https_port=${HTTPS_PORT:-18181}
asadmin="$home/bin/asadmin"
dir="$home/glassfish/domains/$domain"

# a pass starts from a new domain, with no state of the last pass; a domain left running by an aborted pass is stopped
if [ -d "$dir" ]; then
  "$asadmin" stop-domain --kill=true "$domain" >/dev/null 2>&1 || true
  rm -rf "$dir"
fi
# every port of the domain is set, so that it runs beside the other servers of the machine (the other ports are
# the admin port plus offsets)
"$asadmin" create-domain --nopassword --adminport "$admin_port" --instanceport "$http_port" \
  --domainproperties "http.ssl.port=$https_port:jms.port=$((admin_port + 2828)):domain.jmxPort=$((admin_port + 3838)):orb.listener.port=$((admin_port - 1148)):orb.ssl.port=$((admin_port - 1028)):orb.mutualauth.port=$((admin_port - 928)):java.debugger.port=$((admin_port + 4161)):osgi.shell.telnet.port=$((admin_port + 1818))" \
  "$domain" >/dev/null
cp "$lib"/*.jar "$dir/lib/"

# the suites read the library's log lines one by one: the single-line format, no rotation, dev.outbox at FINER
props="$dir/config/logging.properties"
sed -i \
  -e 's/^\(com.sun.enterprise.server.logging.GFFileHandler.formatter\)=.*/\1=com.sun.enterprise.server.logging.UniformLogFormatter/' \
  -e 's/^\(com.sun.enterprise.server.logging.GFFileHandler.rotationLimitInBytes\)=.*/\1=0/' \
  -e 's/^\(com.sun.enterprise.server.logging.GFFileHandler.multiLineMode\)=.*/\1=false/' \
  -e 's/^\(com.sun.enterprise.server.logging.UniformLogFormatter.ansiColor\)=.*/\1=false/' \
  "$props"
echo "dev.outbox.level=FINER" >> "$props"

case "$db" in
  postgres)
    pool_options="--datasourceclassname org.postgresql.xa.PGXADataSource --restype javax.sql.XADataSource" ;;
  postgres-nonxa)
    pool_options="--datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource" ;;
  *) echo "[payara] no datasource for database $db" >&2; exit 1 ;;
esac

# The broker login is on the connector connection pools as well: Payara signs outbound connections on with the
# pool's UserName and Password (its default principal), not with the adapter's (the test broker has no security;
# the example's broker has). In a multimode file a backslash escapes too: \\= reaches asadmin as \=.
commands=$(mktemp)
cat > "$commands" <<CMDS
delete-jvm-options -Xmx512m
create-jvm-options -Xmx1g
create-jvm-options -Duser.timezone=${IT_TZ:-UTC}
create-jvm-options -Djava.net.preferIPv4Stack=true
create-jvm-options -Dhibernate.transaction.jta.platform=org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform
create-system-properties outbox.it.http.port=$http_port
set-hazelcast-configuration --enabled=false --dynamic=false
create-jdbc-connection-pool $pool_options --property serverName=${PG_HOST:-127.0.0.1}:portNumber=${PG_PORT:-5432}:databaseName=${PG_DATABASE:-outbox_it}:user=outbox:password=outbox outboxPool
create-jdbc-resource --connectionpoolid outboxPool jdbc/outboxDS
create-resource-adapter-config --property ConnectionParameters=host\\\\=127.0.0.1;port\\\\=${ARTEMIS_PORT:-61627}:UserName=outbox:Password=outbox:UseAutoRecovery=false outbox-artemis-rar
deploy --type rar --name outbox-artemis-rar $rar
create-connector-connection-pool --raname outbox-artemis-rar --connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory --transactionsupport XATransaction --property AllowLocalTransactions=true:ReconnectAttempts=0:CallTimeout=5000:UserName=outbox:Password=outbox outboxConnectionPool
create-connector-resource --poolname outboxConnectionPool jms/outboxConnectionFactory
create-connector-connection-pool --raname outbox-artemis-rar --connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory --transactionsupport XATransaction --property AllowLocalTransactions=true:ReconnectAttempts=-1:InitialConnectAttempts=-1:UserName=outbox:Password=outbox foreverConnectionPool
create-connector-resource --poolname foreverConnectionPool jms/foreverConnectionFactory
CMDS

"$asadmin" start-domain "$domain" >/dev/null
# multimode goes on after a command that failed, and succeeds: its output tells
status=0
out=$("$asadmin" --port "$admin_port" multimode --file "$commands" 2>&1) || status=$?
"$asadmin" stop-domain "$domain" >/dev/null
if [ "$status" != 0 ] || grep -q "failed" <<<"$out"; then
  echo "$out" >&2
  echo "[payara] the configuration of the pass failed (commands: $commands)" >&2
  exit 1
fi
rm -f "$commands"
echo "[payara] $dir configured: datasource $db, test broker on port ${ARTEMIS_PORT:-61627}, admin port $admin_port, HTTP $http_port"
