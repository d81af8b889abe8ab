#!/usr/bin/env bash
# The API gate: builds the published modules at the baseline commit (api/baseline) and compares each one's public
# API (never *.internal) with this tree's, with japicmp. An incompatible change (binary or source) fails, unless
# it is declared: an <exclude> in the root pom's api-check profile, with a comment saying why (RELEASING.md).
# Needs the baseline commit in the clone's history.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=outbox-cdi,outbox-jpa,outbox-jms,outbox-ops,outbox-testkit
base=$(tr -d '[:space:]' <api/baseline)
if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  echo "[api-check] the baseline commit $base (api/baseline) is not in this clone's history; clone without --depth" >&2
  exit 1
fi
work=$(mktemp -d)
cleanup() { git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git worktree add --detach -q "$work/src" "$base"
echo "[api-check] building the baseline's API at $base"
(cd "$work/src" && mvn -B -ntp -q package -DskipTests -pl "$MODULES")
mkdir "$work/baseline"
for m in ${MODULES//,/ }; do
  jar=$(ls "$work/src/$m/target/$m"-*.jar | grep -v -- '-sources\|-javadoc' | head -1)
  cp "$jar" "$work/baseline/$m.jar"
done
echo "[api-check] comparing"
mvn -B -ntp -q -Papi-check verify -DskipTests -pl "$MODULES" -Doutbox.api.baseline="$work/baseline"
echo "[api-check] no undeclared incompatible change since $base"
