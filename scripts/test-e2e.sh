#!/usr/bin/env bash
# Browser journeys in headless Chromium (Debian's /usr/bin/chromium) with an axe check on every page.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(find test/e2e -name '*.test.ts' 2>/dev/null | sort)
if [ -z "$files" ]; then echo "aucun test navigateur trouvé" >&2; exit 1; fi
# shellcheck disable=SC2086
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec $files
