#!/usr/bin/env bash
# The README's quick start, tested as written: takes the snippets of README.md's section
# "## Quick start (Open Liberty)" out of the Markdown at run time (nothing here repeats them), and with
# them builds the jars, prepares the database "orders" (user app/secret), creates and runs the broker,
# installs a fresh Open Liberty, builds a small WAR (the README's pom, persistence.xml, route and Java,
# plus an Order entity and a servlet of the check's own), deploys it, places an order and reads the
# OrderPlaced event from the queue orders.events. When the README changes, the check follows.
#
# Needs: Java 17+, Maven 3.8+, python3, unzip, curl, PostgreSQL on 127.0.0.1:5432 (admin user postgres,
# as in scripts/prepare-databases.sh); free ports 19080, 19443 and those of the README's broker (61616 and
# whatever else its instance would bind: checked before it starts).
# Recreates the role "app" and the database "orders" on that PostgreSQL. Everything else lives in a
# temporary directory, removed at the end (QUICKSTART_KEEP=1 keeps it).
#   QUICKSTART_README   the Markdown to take the quick start from (default README.md; for experiments)
#   QUICKSTART_TIMEOUT  seconds to wait for the application to start (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
README=$(realpath "${QUICKSTART_README:-README.md}")
TIMEOUT=${QUICKSTART_TIMEOUT:-180}
HTTP_PORT=19080
HTTPS_PORT=19443
BROKER_PORT=61616             # the README's broker and resource adapter: localhost:61616
QUEUE=orders.events           # the README's promise: "each event is on `orders.events`"
PG_HOST=127.0.0.1
PG_PORT=5432
start=$SECONDS

work=$(mktemp -d -t outbox-quickstart.XXXXXX)
WLP=$work/liberty/wlp
SERVER_DIR=$WLP/usr/servers/quickstart
broker_pid=
server_created=

log() { echo "[quickstart] $*"; }

# fails with a message and, if given, the tail of a log
fail() {
  echo "[quickstart] FAILED: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "[quickstart] --- last lines of $2:" >&2
    tail -n "${3:-40}" "$2" >&2
  fi
  exit 1
}

# stops what the check started (by its own ids) and removes the work directory
cleanup() {
  local rc=$?
  set +e
  if [ -n "$server_created" ]; then
    "$WLP/bin/server" stop quickstart >/dev/null 2>&1
  fi
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid"
    for _ in $(seq 1 30); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$broker_pid" 2>/dev/null
  fi
  if [ "$rc" -ne 0 ]; then
    echo "[quickstart] failed at $((SECONDS - start)) s" >&2
  fi
  if [ -n "${QUICKSTART_KEEP:-}" ]; then
    echo "[quickstart] work directory kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for port in "$BROKER_PORT" "$HTTP_PORT" "$HTTPS_PORT"; do
  if port_open "$port"; then
    fail "something already listens on 127.0.0.1:$port; the check needs it (stop it first)"
  fi
done

# --- The snippets, from the Markdown --------------------------------------------------------------
# Fenced blocks of the section, recognised by their content (each must appear exactly once), the
# route of step 3 (outbox.route.*=...) and the build command of step 1, from the section's prose.
log "reading the quick start from $README"
mkdir -p "$work/readme"
python3 - "$README" "$work/readme" <<'PY'
import re, sys, pathlib
text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
out = pathlib.Path(sys.argv[2])
m = re.search(r"^## Quick start \(Open Liberty\)\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
if not m:
    sys.exit("no section '## Quick start (Open Liberty)' in the README")
section = m.group(1)
blocks, prose, lines, fence = [], [], [], None
for line in section.splitlines():
    if fence is None:
        f = re.match(r"^(```+)\s*(\w*)\s*$", line)
        if f:
            fence, lang, lines = f.group(1), f.group(2), []
        else:
            prose.append(line)
    elif line.strip() == fence:
        blocks.append((lang, "\n".join(lines) + "\n"))
        fence = None
    else:
        lines.append(line)
if fence is not None:
    sys.exit("an unclosed code fence in the quick start")

def one(name, test):
    found = [b for lang, b in blocks if test(lang, b)]
    if len(found) != 1:
        sys.exit(f"expected exactly one {name} block in the quick start, found {len(found)}")
    return found[0]

files = {
    "pom-deps.xml": one("pom dependencies", lambda l, b: l == "xml" and "<dependencies>" in b),
    "persistence-unit.xml": one("persistence-unit", lambda l, b: l == "xml" and "<persistence-unit" in b),
    "code.java": one("Java", lambda l, b: l == "java"),
    "ddl.sh": one("DDL (psql)", lambda l, b: b.lstrip().startswith("psql ")),
    "broker.sh": one("broker", lambda l, b: "artemis create" in b),
    "liberty.sh": one("Open Liberty", lambda l, b: b.lstrip().startswith("WLP=")),
    "server.xml": one("server.xml", lambda l, b: l == "xml" and b.lstrip().startswith("<server>")),
}
prose = "\n".join(prose)
routes = re.findall(r"`(outbox\.route\.[^`=\s]+=[^`\s]+)`", prose)
files["microprofile-config.properties"] = "".join(r + "\n" for r in routes)
builds = re.findall(r"`(mvn install [^`]+)`", prose)
if len(builds) != 1:
    sys.exit(f"expected exactly one build command (`mvn install ...`) in the quick start, found {len(builds)}")
files["build.sh"] = builds[0] + "\n"
for name, content in files.items():
    (out / name).write_text(content, encoding="utf-8")
PY
R=$work/readme
[ -s "$R/microprofile-config.properties" ] || log "warning: no outbox.route.* line in the quick start's text"

# --- 1. The jars: step 1's build command, from the repository root -----------------------------------
log "1. building the jars: $(cat "$R/build.sh")"
(cd "$ROOT" && bash -e "$R/build.sh") >"$work/build.log" 2>&1 || fail "step 1's build failed" "$work/build.log"

# --- 2. The database: role app/secret and database orders, fresh; then step 4's DDL as written ----------
log "2. database: role app, database orders (fresh), the README's DDL"
psql_admin() { psql -X -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }
for gid in $(psql_admin -tAc "SELECT gid FROM pg_prepared_xacts WHERE database = 'orders'"); do
  psql_admin -d orders -c "ROLLBACK PREPARED '$gid'"
done
psql_admin -c "DROP DATABASE IF EXISTS orders WITH (FORCE)"
psql_admin -c "DROP ROLE IF EXISTS app"
psql_admin -c "CREATE ROLE app LOGIN PASSWORD 'secret'"
psql_admin -c "CREATE DATABASE orders OWNER app"
# psql goes on after an SQL error unless told: a psqlrc of the check's own stops it (the command stays as written)
echo '\set ON_ERROR_STOP on' >"$work/psqlrc"
(cd "$ROOT" && PGPASSWORD=secret PSQLRC="$work/psqlrc" bash -e "$R/ddl.sh") >"$work/ddl.log" 2>&1 \
  || fail "step 4's DDL failed" "$work/ddl.log"
# the application's own table, for the check's Order entity
PGPASSWORD=secret psql -X -v ON_ERROR_STOP=1 -q -h localhost -U app -d orders \
  -c "CREATE TABLE quickstart_order (id VARCHAR(64) PRIMARY KEY, total NUMERIC(19, 2) NOT NULL)"

# --- 3. The broker: step 5's commands with HOME in the work directory; the last one in the background ----
log "3. broker: the README's commands (HOME=$work/home)"
mkdir -p "$work/home"
# the same Maven repository and settings as the caller's, so that nothing is downloaded twice
ln -s "${HOME:?}/.m2" "$work/home/.m2" 2>/dev/null || true
head -n -1 "$R/broker.sh" >"$work/broker-setup.sh"
echo 'pwd >"$BROKER_CWD_FILE"' >>"$work/broker-setup.sh"   # where the last command runs
broker_run=$(tail -n 1 "$R/broker.sh")
(cd "$work" && HOME="$work/home" BROKER_CWD_FILE="$work/broker.cwd" bash -e "$work/broker-setup.sh") \
  >"$work/broker-setup.log" 2>&1 || fail "step 5's broker commands failed" "$work/broker-setup.log"
broker_cwd=$(cat "$work/broker.cwd")
artemis_cli=$broker_cwd/${broker_run%% *}   # the instance's own artemis script, e.g. orders-broker/bin/artemis
instance=$(dirname "$(dirname "$artemis_cli")")
# every port the instance will bind (its acceptors, its web console) must be free: a broker that cannot bind
# one of them stops right after starting, so say which before
taken=
for port in $(grep -hoE '(tcp|http)://[^:/"]+:[0-9]+' "$instance/etc/broker.xml" "$instance/etc/bootstrap.xml" \
                | sed 's/.*://' | sort -un); do
  if port_open "$port"; then taken="$taken $port"; fi
done
[ -z "$taken" ] || fail "the README's broker would listen on port(s)$taken, already taken on this machine ($instance/etc)"
log "   $broker_run   (in the background; log: broker.log)"
(cd "$broker_cwd" && HOME="$work/home" exec bash -c "exec $broker_run") >"$work/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 60); do
  port_open "$BROKER_PORT" && break
  kill -0 "$broker_pid" 2>/dev/null || fail "the broker exited" "$work/broker.log"
  sleep 1
done
port_open "$BROKER_PORT" || fail "the broker does not accept connections on $BROKER_PORT after 60 s" "$work/broker.log"

# --- 4. Open Liberty: a fresh install, step 6's commands, a server with the README's server.xml ----------
liberty_version=$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' "$ROOT/pom.xml")
log "4. Open Liberty $liberty_version, fresh, in $WLP"
unset WLP_USER_DIR WLP_OUTPUT_DIR   # a fresh install: its own usr/ and output
(cd "$work" && mvn -B -ntp -q dependency:unpack \
  "-Dartifact=io.openliberty:openliberty-runtime:$liberty_version:zip" -DoutputDirectory="$work/liberty") \
  >"$work/liberty-unpack.log" 2>&1 || fail "unpacking Open Liberty failed" "$work/liberty-unpack.log"
[ -x "$WLP/bin/server" ] || fail "no $WLP/bin/server after unpacking openliberty-runtime"
# step 6's commands, with only their first line (WLP=/opt/wlp) pointed at the fresh install
{ printf 'WLP=%q\n' "$WLP"; tail -n +2 "$R/liberty.sh"; } >"$work/liberty.sh"
mkdir -p "$work/tmp"
(cd "$work" && TMPDIR="$work/tmp" bash -e "$work/liberty.sh") >"$work/liberty.log" 2>&1 \
  || fail "step 6's Open Liberty commands failed" "$work/liberty.log"
"$WLP/bin/server" create quickstart >"$work/server-create.log" 2>&1 \
  || fail "server create failed" "$work/server-create.log"
server_created=1
cp "$R/server.xml" "$SERVER_DIR/server.xml"
# the check's own ports, beside server.xml: their values in bootstrap.properties; Liberty's default HTTP
# endpoint does not read those variables (it listens on 9080), so an override in configDropins points it at them
printf 'default.http.port=%s\ndefault.https.port=%s\n' "$HTTP_PORT" "$HTTPS_PORT" >>"$SERVER_DIR/bootstrap.properties"
mkdir -p "$SERVER_DIR/configDropins/overrides"
cat >"$SERVER_DIR/configDropins/overrides/quickstart-check-ports.xml" <<'EOF'
<server>
  <httpEndpoint id="defaultHttpEndpoint" httpPort="${default.http.port}" httpsPort="${default.https.port}"/>
</server>
EOF

# --- 5. The application: the README's pom, persistence.xml, route and Java, plus the check's own --------
log "5. the application (WAR)"
APP=$work/app
# one package for all classes: the Order entity's, when the persistence unit lists it (<class>com.acme.Order</class>)
PKG=$(sed -n 's:.*<class>\(.*\)\.Order</class>.*:\1:p' "$R/persistence-unit.xml" | head -n 1)
PKG=${PKG:-quickstart}
SRC=$APP/src/main/java/${PKG//.//}
mkdir -p "$SRC" "$APP/src/main/resources/META-INF"
python3 - "$R" "$APP" "$PKG" <<'PY'
import re, sys, pathlib
r, app, pkg = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]

# pom.xml: step 1's <dependencyManagement> and <dependencies> as written; the Jakarta EE API joins the latter
deps = (r / "pom-deps.xml").read_text()
api = ("<dependency><groupId>jakarta.platform</groupId><artifactId>jakarta.jakartaee-api</artifactId>"
       "<version>10.0.0</version><scope>provided</scope></dependency>\n")
end = deps.rfind("</dependencies>")
if end < deps.rfind("</dependencyManagement>"):
    sys.exit("step 1's pom snippet has no <dependencies> outside <dependencyManagement>")
deps = deps[:end] + api + deps[end:]
(app / "pom.xml").write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
<modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>quickstart</artifactId><version>1</version><packaging>war</packaging>
<properties>
  <maven.compiler.release>17</maven.compiler.release>
  <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  <failOnMissingWebXml>false</failOnMissingWebXml>
</properties>
{deps}
<build><finalName>quickstart</finalName><plugins>
  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-war-plugin</artifactId><version>3.4.0</version></plugin>
</plugins></build>
</project>
""")

# persistence.xml: step 2's persistence unit in a persistence root
unit = (r / "persistence-unit.xml").read_text()
(app / "src/main/resources/META-INF/persistence.xml").write_text(
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<persistence version="3.0" xmlns="https://jakarta.ee/xml/ns/persistence"\n'
    '             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    '             xsi:schemaLocation="https://jakarta.ee/xml/ns/persistence '
    'https://jakarta.ee/xml/ns/persistence/persistence_3_0.xsd">\n' + unit + '</persistence>\n')

# the route of step 3
(app / "src/main/resources/META-INF/microprofile-config.properties").write_text(
    (r / "microprofile-config.properties").read_text())

# step 3's Java: one file per top-level type, with the imports the README leaves out
imports = {
    "OutboxEvent": "dev.outbox.OutboxEvent", "EventType": "dev.outbox.EventType",
    "BigDecimal": "java.math.BigDecimal",
    "ApplicationScoped": "jakarta.enterprise.context.ApplicationScoped",
    "RequestScoped": "jakarta.enterprise.context.RequestScoped",
    "Event": "jakarta.enterprise.event.Event", "Inject": "jakarta.inject.Inject",
    "EntityManager": "jakarta.persistence.EntityManager",
    "PersistenceContext": "jakarta.persistence.PersistenceContext",
    "Transactional": "jakarta.transaction.Transactional",
}
chunks, current, depth = [], [], 0
for line in (r / "code.java").read_text().splitlines():
    if not current and not line.strip():
        continue
    current.append(line)
    depth += line.count("{") - line.count("}")
    if depth == 0 and line.strip().endswith("}"):
        chunks.append("\n".join(current) + "\n")
        current = []
if current:
    sys.exit("step 3's Java: unbalanced braces")
for chunk in chunks:
    name = re.search(r"\b(?:class|record|interface|enum)\s+(\w+)", chunk)
    if not name:
        sys.exit("step 3's Java: a part without a type declaration:\n" + chunk)
    used = sorted(fq for simple, fq in imports.items() if re.search(r"\b%s\b" % simple, chunk))
    (app / "src/main/java" / pkg.replace(".", "/") / f"{name.group(1)}.java").write_text(
        f"package {pkg};\n\n" + "".join(f"import {fq};\n" for fq in used) + "\n" + chunk)
PY
# the check's own classes: the Order that OrderService.place takes, and a servlet that places one
cat >"$SRC/Order.java" <<EOF
package $PKG;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity
@Table(name = "quickstart_order")
public class Order {
    @Id private String id;
    private BigDecimal total;

    protected Order() {
    }

    public Order(String id, BigDecimal total) {
        this.id = id;
        this.total = total;
    }

    public String id() { return id; }

    public BigDecimal total() { return total; }
}
EOF
cat >"$SRC/PlaceOrderServlet.java" <<EOF
package $PKG;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/** POST /quickstart/place: places an order through the README's OrderService and answers its id. */
@WebServlet("/place")
public class PlaceOrderServlet extends HttpServlet {
    @Inject OrderService orderService;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = "quickstart-" + UUID.randomUUID();
        orderService.place(new Order(id, new BigDecimal("42.50")));
        resp.setContentType("text/plain");
        resp.getWriter().print(id);
    }
}
EOF
(cd "$APP" && mvn -B -ntp -q package) >"$work/app-build.log" 2>&1 \
  || fail "building the application failed" "$work/app-build.log" 60
cp "$APP/target/quickstart.war" "$SERVER_DIR/dropins/"

# --- 6. Start, place an order, read the event from the queue --------------------------------------------
log "6. starting the server (bounded: $TIMEOUT s)"
MESSAGES=$SERVER_DIR/logs/messages.log
"$WLP/bin/server" start quickstart >"$work/server-start.log" 2>&1 \
  || fail "server start failed" "$work/server-start.log"
# the server's error lines (severity E), which stack traces would push out of a log's tail
errors() { grep -E '^\[[^]]+\] [0-9a-f]+ [^ ]+ +E ' "$MESSAGES" 2>/dev/null | cut -c1-400 | head -n 10; }
fail_on_errors() {
  if [ -n "$(errors)" ]; then
    echo "[quickstart] --- errors in $MESSAGES:" >&2
    errors >&2
    fail "$1" "$MESSAGES" 10
  fi
}
deadline=$((SECONDS + TIMEOUT))
until grep -q 'CWWKZ0001I' "$MESSAGES" 2>/dev/null; do
  fail_on_errors "the server logged errors while starting"
  [ "$SECONDS" -lt "$deadline" ] || fail "the application did not start within $TIMEOUT s" "$MESSAGES"
  sleep 2
done
fail_on_errors "the server logged errors while starting"
log "   application started; placing an order"
# retried while the HTTP port does not answer yet; any answer but 200 fails at once
status=000
for _ in $(seq 1 30); do
  status=$(curl -sS -o "$work/order-id" -w '%{http_code}' -X POST "http://localhost:$HTTP_PORT/quickstart/place" \
             2>"$work/curl.log") || true
  [ "$status" = 000 ] || break
  sleep 1
done
order_id=$(cat "$work/order-id" 2>/dev/null || true)
if [ "$status" != 200 ] || [[ "$order_id" != quickstart-* ]]; then
  cat "$work/curl.log" >&2
  fail_on_errors "placing an order failed: HTTP $status"
  fail "placing an order failed: HTTP $status, answer '$order_id'" "$MESSAGES"
fi
log "   order $order_id placed; reading $QUEUE"
# the instance's artemis CLI; without --break-on-null it waits for its one message forever (timeout: a backstop)
(cd "$broker_cwd" && HOME="$work/home" timeout 90 "$artemis_cli" consumer --destination "queue://$QUEUE" \
  --message-count 1 --receive-timeout 30000 --break-on-null --user app --password secret \
  --url "tcp://localhost:$BROKER_PORT" --verbose) >"$work/consumer.log" 2>&1 || true
if ! grep -qF "$order_id" "$work/consumer.log"; then
  cat "$work/consumer.log" >&2
  fail_on_errors "no message with order $order_id on $QUEUE within 30 s"
  fail "no message with order $order_id on $QUEUE within 30 s" "$MESSAGES"
fi
fail_on_errors "the server logged errors"
grep -F "$order_id" "$work/consumer.log" | head -n 1 | cut -c1-300
echo "[quickstart] OK: the README's quick start, as written, delivered order $order_id to $QUEUE on a fresh Open Liberty $liberty_version ($((SECONDS - start)) s)"
