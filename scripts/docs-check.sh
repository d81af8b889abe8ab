#!/usr/bin/env bash
# The documentation check: builds the site (mkdocs.yml, the pages under docs/) with --strict, so that a link to
# a missing page fails, and keeps README.md a front door of at most 12 KB. Installs Debian's mkdocs and
# mkdocs-material when mkdocs is missing (as root). See CONTRIBUTING.md, "Documentation".
set -euo pipefail
cd "$(dirname "$0")/.."

README_MAX_BYTES=12288

if ! command -v mkdocs >/dev/null; then
  echo "[docs] installing mkdocs and mkdocs-material"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mkdocs mkdocs-material
fi

site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
echo "[docs] mkdocs build --strict"
mkdocs build --strict -d "$site"

size=$(wc -c <README.md)
if [ "$size" -gt "$README_MAX_BYTES" ]; then
  echo "[docs] README.md is $size bytes, over the limit of $README_MAX_BYTES: move detail to a page under docs/" >&2
  exit 1
fi
echo "[docs] README.md is $size bytes (limit $README_MAX_BYTES); the site builds cleanly"
