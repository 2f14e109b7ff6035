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
# Each test file has its own database (a PGlite copy or a new PostgreSQL database), so files run side
# by side: at least two at once (Node's default is one less than the cores: one on a 2-core machine).
cores=$(node -p 'require("node:os").availableParallelism()')
concurrency=${TEST_CONCURRENCY:-$(( cores > 2 ? cores - 1 : 2 ))}
exec node --import tsx --test --test-concurrency="$concurrency" --test-reporter=spec $files
