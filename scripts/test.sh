#!/usr/bin/env bash
# The test command (README and .ci/run): type-checks, fuzzes the MEP's OpenAPI document with schemathesis, then runs
# every jest suite (constructs, stacks, charts, the sample app, and the MEP on SQLite and on a throwaway
# PostgreSQL), whose summary line closes the output. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/terraform-env.sh

npx tsc --noEmit -p .
npx tsc --noEmit -p mep
npx tsc --noEmit -p mep/sample-app/tsconfig.test.json
SCHEMATHESIS="${SCHEMATHESIS:-$MECAAS_TOOLS/venv/bin/schemathesis}" npm run --silent fuzz -w mep
# jest prints its own summary on stderr; the line CI reads ("jest: N passed, N failed, N skipped") closes the output.
results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0
bash scripts/with-postgres.sh npx jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
exit "$status"
