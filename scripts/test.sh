#!/usr/bin/env bash
# The test command (README and .ci/run): type-checks, then runs every jest suite (constructs, stacks, charts and
# the MEP on SQLite and on a throwaway PostgreSQL). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/terraform-env.sh

npx tsc --noEmit -p .
npx tsc --noEmit -p mep
npx tsc --noEmit -p mep/sample-app/tsconfig.test.json
bash scripts/with-postgres.sh npx jest --ci "$@"
