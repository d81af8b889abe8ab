#!/usr/bin/env bash
# The test command: unit tests, then the Liberty integration suite once per database pass.
# Needs: Java 17+, Maven 3.8+, PostgreSQL on 127.0.0.1:5432 (started and prepared here if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN="mvn -B -ntp ${MVN_ARGS:-}"

pass() {
  local name=$1; shift
  local start=$SECONDS
  echo "=== pass: $name"
  "$@"
  echo "=== pass: $name took $((SECONDS - start)) s"
}

scripts/prepare-databases.sh --fresh
pass "build, unit tests, integration tests on H2 (XA)" $MVN install
pass "integration tests on PostgreSQL (XA)" $MVN verify -pl it-tests -Ddb=postgres
scripts/prepare-databases.sh --fresh
pass "integration tests on PostgreSQL without XA" $MVN verify -pl it-tests -Ddb=postgres-nonxa -Dit.xa=false
