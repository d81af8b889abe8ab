#!/usr/bin/env bash
# The fault suite (docs/reliability.md): builds the suite's application and driver, creates and starts its own
# PostgreSQL cluster ("faults", 127.0.0.1:5433; its hot standby "faults-standby" on 5434 runs in scenario 8 only) and
# Artemis brokers (a primary on 127.0.0.1:61636 and its replicating
# backup on 61637, which runs in scenario 7 only; two clustered nodes with message grouping on 61638 and 61639, which
# run in scenario 11 only) under faults/target, installs
# Open Liberty (faultServer on 9380, faultServer2 on 9381), then runs every scenario in both relay modes under load
# with its faults and reconciles the ledgers. Exits non-zero when a pass criterion fails.
#
#   scripts/faults.sh                  the full run (over 100,000 events; about an hour on 2 cores); writes the
#                                      results into docs/reliability.md
#   scripts/faults.sh --ci             the small run for CI (a few minutes); results in faults/target only
#   FAULTS_ONLY=s1,s4 FAULTS_MODES=xa scripts/faults.sh --ci     some scenarios (s1..s11, s10f) or one mode (xa, local)
#   FAULTS_SERVER=wildfly FAULTS_ONLY=s1,s3 scripts/faults.sh --ci   on WildFly 39 instead of Open Liberty
#                                      (faultServer on 9480, faultServer2 on 9490), unpacked under faults/target/wildfly
#
# Needs: Java 17+, Maven, PostgreSQL's server packages (Debian's postgresql-common tools), the library installed in
# ~/.m2 (mvn install -DskipTests). Everything else is created here, idempotently. Run as root (or as a user who may
# run pg_createcluster and pg_ctlcluster).
set -euo pipefail
cd "$(dirname "$0")/.."
CI_RUN=false
[ "${1:-}" = "--ci" ] && CI_RUN=true
SERVER=${FAULTS_SERVER:-liberty}
case "$SERVER" in
  liberty | wildfly) ;;
  *) echo "[faults] FAULTS_SERVER is liberty or wildfly, not $SERVER" >&2; exit 2 ;;
esac
MVN="mvn -B -ntp -q"
TARGET=faults/target
PG_PORT=5433
PG_STANDBY_PORT=5434
ARTEMIS_PORT=61636
BACKUP_PORT=61637
CLUSTER_A_PORT=61638
CLUSTER_B_PORT=61639
say() { echo "[faults $(date +%H:%M:%S)] $*"; }

if [ ! -f "$HOME/.m2/repository/dev/outbox/outbox-jms/0.1.0-SNAPSHOT/outbox-jms-0.1.0-SNAPSHOT.jar" ]; then
  echo "[faults] the library is not installed in ~/.m2: run 'mvn install -DskipTests' first" >&2
  exit 1
fi

WILDFLY_DIR=$TARGET/wildfly
if [ "$SERVER" = wildfly ]; then
  say "building the fault suite (application WAR, driver, Artemis, WildFly)"
  $MVN -f faults/pom.xml package -Pfaults,faults-wildfly -DskipTests
  WILDFLY_HOME=$(ls -d $WILDFLY_DIR/wildfly-* | head -1)
  say "configuring WildFly (standalone-faults-xa.xml, standalone-faults-local.xml)"
  faults/fault-app/src/main/wildfly/configure.sh "$WILDFLY_HOME" "$WILDFLY_DIR/postgresql.jar" "$PG_PORT" "$ARTEMIS_PORT" \
    "$BACKUP_PORT" "$PG_STANDBY_PORT"
else
  say "building the fault suite (application WAR, driver, Open Liberty, Artemis)"
  $MVN -f faults/pom.xml package -Pfaults -DskipTests
fi

# --- PostgreSQL: a cluster of our own, which scenario 3 restarts (never the machine's shared one) ---
PG_VERSION=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION faults"; then
  say "creating the PostgreSQL cluster $PG_VERSION/faults on port $PG_PORT"
  pg_createcluster "$PG_VERSION" faults -p "$PG_PORT" --start-conf=manual -- \
    --auth-local=trust --auth-host=trust >/dev/null
fi
PG_CONF=/etc/postgresql/$PG_VERSION/faults/conf.d/faults.conf
mkdir -p "$(dirname "$PG_CONF")"
# scenario 8 makes the primary's commits wait for its standby while the standby runs; a run cut short may have
# left that setting, which would hold every commit
if [ -f "$(dirname "$PG_CONF")/synchronous.conf" ]; then
  rm "$(dirname "$PG_CONF")/synchronous.conf"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults reload >/dev/null 2>&1 || true
fi
cat > "$PG_CONF.new" <<CONF
# the fault suite's cluster: loopback only, XA needs prepared transactions
listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 200
max_prepared_transactions = 100
CONF
if ! cmp -s "$PG_CONF.new" "$PG_CONF"; then
  mv "$PG_CONF.new" "$PG_CONF"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults stop -m fast >/dev/null 2>&1 || true
else
  rm "$PG_CONF.new"
fi
if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
  say "starting the PostgreSQL cluster $PG_VERSION/faults"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 1; done
fi

# --- its hot standby for scenario 8: a cluster whose data scenario 8 makes afresh with pg_basebackup ---
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION faults-standby"; then
  say "creating the PostgreSQL cluster $PG_VERSION/faults-standby on port $PG_STANDBY_PORT"
  pg_createcluster "$PG_VERSION" faults-standby -p "$PG_STANDBY_PORT" --start-conf=manual -- \
    --auth-local=trust --auth-host=trust >/dev/null
fi
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults-standby stop -m fast >/dev/null 2>&1 || true
STANDBY_CONF=/etc/postgresql/$PG_VERSION/faults-standby/conf.d/faults.conf
mkdir -p "$(dirname "$STANDBY_CONF")"
# a standby needs at least the primary's connections and prepared transactions
sed -e "s/^port = .*/port = $PG_STANDBY_PORT/" -e 's/^# the fault suite.s cluster:/# the fault suite'"'"'s standby:/' \
  "$PG_CONF" > "$STANDBY_CONF"
pg_data() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$1" '$1 == v && $2 == c {print $6}'; }

# --- Artemis: a primary/backup pair of our own (replication), emptied before each run; the backup runs in
# scenario 7 only, so that the other scenarios see one broker ---
ARTEMIS_HOME=$(ls -d $TARGET/artemis-dist/apache-artemis-* | head -1)
BROKER=$TARGET/broker
BACKUP=$TARGET/broker-backup
. scripts/broker.sh
PAIR=(--clustered --replicated --cluster-user faults --cluster-password faults)
# an instance of an earlier suite, made without the pair's HA policy, is made again
for b in "$BROKER" "$BACKUP"; do
  if [ -f "$b/etc/broker.xml" ] && ! grep -q '<check-for-active-server>true\|<allow-failback>true' "$b/etc/broker.xml"; then
    broker_stop "$b"
    rm -rf "$b"
  fi
done
if [ ! -f "$BROKER/etc/broker.xml" ]; then
  broker_create faults "$ARTEMIS_HOME" "$BROKER" $ARTEMIS_PORT "${PAIR[@]}" --name primary \
    --staticCluster "tcp://127.0.0.1:$BACKUP_PORT"
  # a primary that comes back while its backup is active takes over again (failback)
  grep -q '<check-for-active-server>' "$BROKER/etc/broker.xml" ||
    sed -i 's#<primary>#<primary>\n               <check-for-active-server>true</check-for-active-server>#' "$BROKER/etc/broker.xml"
  ADDED=$BROKER
fi
if [ ! -f "$BACKUP/etc/broker.xml" ]; then
  broker_create faults "$ARTEMIS_HOME" "$BACKUP" $BACKUP_PORT "${PAIR[@]}" --name backup --backup \
    --staticCluster "tcp://127.0.0.1:$ARTEMIS_PORT"
  # it gives way to the primary when the primary comes back
  sed -i 's#<backup/>#<backup>\n               <allow-failback>true</allow-failback>\n            </backup>#' "$BACKUP/etc/broker.xml"
  ADDED="${ADDED:-} $BACKUP"
fi
# the cluster of scenario 11: two nodes (no HA), message grouping decided by node A (LOCAL) for both
CLUSTER_A=$TARGET/broker-cluster-a
CLUSTER_B=$TARGET/broker-cluster-b
CLUSTER=(--clustered --cluster-user faults --cluster-password faults --message-load-balancing ON_DEMAND)
for node in "A $CLUSTER_A $CLUSTER_A_PORT $CLUSTER_B_PORT LOCAL" "B $CLUSTER_B $CLUSTER_B_PORT $CLUSTER_A_PORT REMOTE"; do
  read -r name dir port other type <<<"$node"
  if [ -f "$dir/etc/broker.xml" ] && ! grep -q '<grouping-handler' "$dir/etc/broker.xml"; then
    broker_stop "$dir"
    rm -rf "$dir"
  fi
  if [ ! -f "$dir/etc/broker.xml" ]; then
    broker_create faults "$ARTEMIS_HOME" "$dir" "$port" "${CLUSTER[@]}" --name "cluster-$name" \
      --staticCluster "tcp://127.0.0.1:$other"
    printf '%s\n' "      <grouping-handler name=\"fault-grouping\">" "         <type>$type</type>" \
      "         <timeout>5000</timeout>" "      </grouping-handler>" > "$dir/etc/grouping.xml"
    sed -i '/<\/core>/e cat '"$dir/etc/grouping.xml" "$dir/etc/broker.xml"
    ADDED="${ADDED:-} $dir"
  fi
done
for b in ${ADDED:-}; do
  sed -i '/<address-settings>/r faults/broker/address-settings.xml' "$b/etc/broker.xml"
  sed -i '/<\/core>/e cat faults/broker/broker-plugins.xml' "$b/etc/broker.xml"
done
# the broker plugin that refuses oversized messages, as built
for b in "$BROKER" "$BACKUP" "$CLUSTER_A" "$CLUSTER_B"; do
  cp faults/fault-broker/target/fault-broker.jar "$b/lib/"
done
# the backup first: a primary stopped while its backup runs would fail over to it
broker_stop "$BACKUP"
broker_stop "$BROKER"
broker_stop "$CLUSTER_B"
broker_stop "$CLUSTER_A"
rm -rf "$BROKER/data" "$BACKUP/data" "$CLUSTER_A/data" "$CLUSTER_B/data"

WLP=$TARGET/liberty/wlp
# each WildFly server's base directory (configuration, deployments, data, logs), made afresh by the driver
WILDFLY_SERVERS=$WILDFLY_DIR/servers
stop_wildfly() {
  local pid
  for s in faultServer faultServer2; do
    pid=$(cat "$WILDFLY_SERVERS/$s/server.pid" 2>/dev/null) || continue
    # the JVM of this server's base directory only (SIGTERM: an orderly shutdown)
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Djboss.server.base.dir=.*/servers/$s "; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
  done
}
cleanup() {
  say "stopping the servers, the broker and the PostgreSQL cluster"
  if [ "$SERVER" = wildfly ]; then
    stop_wildfly
  else
    for s in faultServer faultServer2; do
      [ -f "$WLP/usr/servers/$s/server.xml" ] && "$WLP/bin/server" stop "$s" >/dev/null 2>&1 || true
    done
  fi
  broker_stop "$BACKUP"
  broker_stop "$BROKER"
  broker_stop "$CLUSTER_B"
  broker_stop "$CLUSTER_A"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults-standby stop -m fast >/dev/null 2>&1 || true
  rm -f "$(dirname "$PG_CONF")/synchronous.conf"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" faults stop -m fast >/dev/null 2>&1 || true
}
trap cleanup EXIT
if [ "$SERVER" = wildfly ]; then
  # no server of an earlier run, and no transaction log of it: the database and the broker are new too
  stop_wildfly
  rm -rf "$WILDFLY_SERVERS"
fi
for sig in INT TERM HUP; do trap "say 'interrupted (SIG$sig)'; exit 130" $sig; done
broker_start faults "$BROKER" $ARTEMIS_PORT

CP="faults/fault-driver/target/classes:$(cat faults/fault-driver/target/classpath.txt)"
DOCS=""
$CI_RUN || DOCS=docs/reliability.md
if [ "$SERVER" = wildfly ]; then
  SERVER_PROPS=(-Dfaults.wildfly.home="$WILDFLY_HOME" -Dfaults.wildfly.servers="$WILDFLY_SERVERS"
    -Dfaults.wildfly.version="$(basename "$WILDFLY_HOME" | sed 's/wildfly-//')")
else
  SERVER_PROPS=(-Dfaults.liberty.version="$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties")")
fi
java -Xmx512m -cp "$CP" \
  -Dfaults.server="$SERVER" \
  -Dfaults.ci=$CI_RUN \
  -Dfaults.modes="${FAULTS_MODES:-xa,local}" \
  -Dfaults.only="${FAULTS_ONLY:-}" \
  -Dfaults.xa-consumer="${FAULTS_XA_CONSUMER:-false}" \
  -Dfaults.docs="$DOCS" \
  -Dfaults.pg.version="$PG_VERSION" \
  -Dfaults.pg.data="$(pg_data faults)" \
  -Dfaults.pg.standby-data="$(pg_data faults-standby)" \
  "${SERVER_PROPS[@]}" \
  -Dfaults.artemis.version="$(basename "$ARTEMIS_HOME" | sed 's/apache-artemis-//')" \
  dev.outbox.faults.Faults
