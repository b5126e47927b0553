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
# schemathesis closes with a pytest-like banner that CI would read as a test run of its own: its output is kept in a
# file, shown whole only when it finds something, and summed up in one line otherwise.
fuzz_log=$(mktemp)
results=$(mktemp)
trap 'rm -f "$fuzz_log" "$results"' EXIT
if ! SCHEMATHESIS="${SCHEMATHESIS:-$MECAAS_TOOLS/venv/bin/schemathesis}" npm run --silent fuzz -w mep >"$fuzz_log" 2>&1; then
  cat "$fuzz_log"
  echo "fuzz: schemathesis found issues in the MEP (output above)" >&2
  exit 1
fi
echo "fuzz: schemathesis found no issues in the MEP's OpenAPI document ($(grep -ho '[0-9]* generated' "$fuzz_log" | awk '{n += $1} END {print n}') generated requests)"
# jest prints its own summary on stderr; the line CI reads ("jest: N passed, N failed, N skipped") closes the output.
status=0
bash scripts/with-postgres.sh npx jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
exit "$status"
