#!/usr/bin/env bash
# Configures the WildFly of an integration-test pass, offline (jboss-cli's embedded server), from a fresh copy
# of standalone-full.xml: the PostgreSQL driver as a module, the pass's datasource, its broker (WildFly's own
# embedded Artemis, or the test broker in the failsafe JVM through a remote pooled connection factory), the
# MicroProfile Health and Telemetry subsystems for outbox-ops, the admin API's users, and the queues the
# message-driven beans of the suites consume from. Called by the it-tests build (profile it.server=wildfly).
#
#   configure.sh WILDFLY_HOME DB BROKER PG_JAR
#     DB      postgres (XA datasource) or postgres-nonxa
#     BROKER  embedded or remote
#   environment: PG_HOST, PG_PORT, ARTEMIS_PORT (the test broker), HTTP_PORT, MANAGEMENT_PORT, IT_TZ
set -euo pipefail
home=$1 db=$2 broker=$3 pg_jar=$4
here="$(cd "$(dirname "$0")" && pwd)"
config=standalone-it.xml

cd "$home"
# a pass starts from the distribution's profile, with no state of the last pass
cp standalone/configuration/standalone-full.xml "standalone/configuration/$config"
rm -rf standalone/data standalone/tmp standalone/log standalone/deployments/*.war*
cp "$here/application-users.properties" "$here/application-roles.properties" standalone/configuration/

# the PostgreSQL driver as a module (the way WildFly's documentation installs drivers)
mkdir -p modules/org/postgresql/main
cp "$pg_jar" modules/org/postgresql/main/postgresql.jar
cat > modules/org/postgresql/main/module.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources><resource-root path="postgresql.jar"/></resources>
  <dependencies><module name="java.se"/><module name="jakarta.transaction.api"/></dependencies>
</module>
XML

cat > "standalone/configuration/it-pass.properties" <<PROPS
pg.host=${PG_HOST:-127.0.0.1}
pg.port=${PG_PORT:-5432}
artemis.port=${ARTEMIS_PORT:-61617}
http.port=${HTTP_PORT:-10180}
https.port=${HTTPS_PORT:-10543}
management.port=${MANAGEMENT_PORT:-12090}
PROPS
cli=$(mktemp)
{
  echo "embed-server --server-config=$config --std-out=discard"
  cat "$here/common.cli" "$here/ds-$db.cli" "$here/broker-$broker.cli"
  echo "stop-embedded-server"
} > "$cli"
if ! out=$(bin/jboss-cli.sh --resolve-parameter-values --properties=standalone/configuration/it-pass.properties \
  --file="$cli" 2>&1); then
  echo "$out" >&2
  echo "[wildfly] the configuration of the pass failed (commands: $cli)" >&2
  exit 1
fi
rm -f "$cli"
echo "[wildfly] $home configured: $config, datasource $db, broker $broker"
