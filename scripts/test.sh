#!/usr/bin/env bash
# npm test: domain unit tests and integration tests (PGlite by default; PostgreSQL when DATABASE_URL is set).
# Node 20 does not expand quoted globs: the shell lists the files.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(find test/unit test/integration -name '*.test.ts' 2>/dev/null | sort)
if [ -z "$files" ]; then echo "aucun test trouvé" >&2; exit 1; fi
if [ -n "${DATABASE_URL:-}" ]; then engine="PostgreSQL (DATABASE_URL)"; else engine="PGlite (base embarquée)"; fi
echo "Tests unitaires et d'intégration sur $engine"
# shellcheck disable=SC2086
exec node --import tsx --test --test-reporter=spec $files
