#!/usr/bin/env bash
# Sums up the JaCoCo reports of a `mvn -Pcoverage` build: line and branch coverage of the unit tests, per core
# module and in all. Run after `mvn -Pcoverage install` (scripts/test.sh does, in its H2 pass), or alone: it builds
# the core modules with their unit tests when no report is there.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=(outbox-cdi outbox-jpa outbox-jms outbox-ops outbox-testkit)
if [ ! -f outbox-cdi/target/site/jacoco/jacoco.csv ]; then
  mvn -B -ntp -q -Pcoverage -pl "$(IFS=,; echo "${MODULES[*]}")" -am test
fi
for m in "${MODULES[@]}"; do
  f=$m/target/site/jacoco/jacoco.csv
  if [ -f "$f" ]; then echo "$m $f"; else echo "[coverage] $m: no report (no unit tests)" >&2; fi
done | awk '
  # jacoco.csv ends with BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED and six more columns; read from
  # the end, since the first (the module name, quoted) may hold commas
  function pct(c, m) { return (c + m) > 0 ? 100 * c / (c + m) : 0 }
  BEGIN { printf "%-16s %9s %9s\n", "module", "lines", "branches" }
  {
    lm = lc = bm = bc = 0
    while ((getline line < $2) > 0) {
      n = split(line, c, ",")
      if (c[1] == "GROUP") continue
      bm += c[n - 7]; bc += c[n - 6]; lm += c[n - 5]; lc += c[n - 4]
    }
    printf "%-16s %8.1f%% %8.1f%%\n", $1, pct(lc, lm), pct(bc, bm)
    LM += lm; LC += lc; BM += bm; BC += bc
  }
  END { printf "%-16s %8.1f%% %8.1f%%\n", "core modules", pct(LC, LM), pct(BC, BM) }'
