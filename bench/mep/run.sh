#!/usr/bin/env bash
# Runs the MEP benches on SQLite, then on a throwaway PostgreSQL (scripts/with-postgres.sh) with each discovery
# freshness (notify, the default, and snapshot). Extra arguments (e.g. --seconds 5) go to every run. Figures are printed and kept in bench/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
run() { node -r ts-node/register/transpile-only bench/mep/run.ts "$@"; }
run --backend sqlite "$@"
scripts/with-postgres.sh node -r ts-node/register/transpile-only bench/mep/run.ts --backend postgres --freshness notify "$@"
scripts/with-postgres.sh node -r ts-node/register/transpile-only bench/mep/run.ts --backend postgres --freshness snapshot "$@"
