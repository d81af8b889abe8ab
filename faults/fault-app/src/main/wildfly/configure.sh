#!/usr/bin/env bash
# Configures the fault suite's WildFly offline (jboss-cli's embedded server), as scripts/faults.sh asks with
# FAULTS_SERVER=wildfly: the PostgreSQL driver as a module, and two server configurations made from the
# distribution's standalone-full.xml, one per relay mode, that differ only in the datasource java:/jdbc/faultDS:
#
#   standalone-faults-xa.xml      PostgreSQL through an XA datasource (ds-xa.cli)
#   standalone-faults-local.xml   PostgreSQL through a datasource without XA (ds-local.cli)
#
# Both relay to the suite's standalone broker and consume from it through a remote pooled connection factory
# (faults.cli), or in scenario 7 through a second one that connects to the primary/backup pair with HA on. Each server of the suite runs from a base directory of its own, a copy of standalone/ made by the
# driver (dev.outbox.faults.WildFly), which gives it its port offset, role and relay mode as system properties.
#
#   configure.sh WILDFLY_HOME PG_JAR PG_PORT ARTEMIS_PORT BACKUP_PORT PG_STANDBY_PORT
set -euo pipefail
home=$1 pg_jar=$(realpath "$2") pg_port=$3 artemis_port=$4 backup_port=$5 pg_standby_port=$6
here="$(cd "$(dirname "$0")" && pwd)"
cd "$home"

# the PostgreSQL driver as a module, as WildFly's documentation installs drivers
mkdir -p modules/org/postgresql/main
cp "$pg_jar" modules/org/postgresql/main/postgresql.jar
cat > modules/org/postgresql/main/module.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources><resource-root path="postgresql.jar"/></resources>
  <dependencies><module name="java.se"/><module name="jakarta.transaction.api"/></dependencies>
</module>
XML

conf=standalone/configuration
cat > "$conf/faults.properties" <<PROPS
pg.port=$pg_port
pg.standby.port=$pg_standby_port
artemis.port=$artemis_port
artemis.backup.port=$backup_port
PROPS
cli=$(mktemp)
trap 'rm -f "$cli"' EXIT
for mode in xa local; do
  cp "$conf/standalone-full.xml" "$conf/standalone-faults-$mode.xml"
  {
    echo "embed-server --server-config=standalone-faults-$mode.xml --std-out=discard"
    cat "$here/faults.cli" "$here/ds-$mode.cli"
    echo "stop-embedded-server"
  } >> "$cli"
done
if ! out=$(bin/jboss-cli.sh --resolve-parameter-values --properties="$conf/faults.properties" --file="$cli" 2>&1); then
  echo "$out" >&2
  echo "[faults] the configuration of WildFly failed (commands: $cli)" >&2
  trap - EXIT
  exit 1
fi
