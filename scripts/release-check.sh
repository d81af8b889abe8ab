#!/usr/bin/env bash
# The release build, twice: `mvn -Prelease verify` of the published modules (jar, sources, Javadoc, CycloneDX
# SBOM, the release enforcer rules), then the same again from clean, and every artifact compared byte for byte.
# Fails when a build fails or when two builds of the same commit differ (RELEASING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=outbox-bom,outbox-cdi,outbox-jpa,outbox-jms,outbox-ops,outbox-testkit,outbox-artemis-rar
build() {
  mvn -B -ntp -q -Prelease clean verify -DskipTests -pl "$MODULES"
  # the artifacts a release publishes: *.jar, *.rar and the SBOMs at the top of each target directory
  find outbox-* -maxdepth 3 -path '*/target/*' \
       \( -name '*.jar' -o -name '*.rar' -o -name '*-cyclonedx.json' -o -name '*-cyclonedx.xml' \) \
       -not -path '*/target/*/*' | sort | xargs sha256sum
}
first=$(mktemp); second=$(mktemp)
trap 'rm -f "$first" "$second"' EXIT
build >"$first"
build >"$second"
count=$(wc -l <"$first")
if [ "$count" -lt 20 ]; then
  echo "[release-check] expected the artifacts of 7 modules, found $count:" >&2; cat "$first" >&2; exit 1
fi
if ! diff "$first" "$second"; then
  echo "[release-check] two builds of the same sources differ (above)" >&2; exit 1
fi
echo "[release-check] $count artifacts, identical in two builds"
