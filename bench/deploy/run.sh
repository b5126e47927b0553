#!/usr/bin/env bash
# Deploy timings on the test bed's OpenStack (run.ts says what they include): starts the test bed, runs, stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/terraform-env.sh
export BENCH_STARTED=$(date +%s)
bash testbed/openstack/with-openstack.sh bash -c \
  'echo "test bed up in $(( $(date +%s) - BENCH_STARTED )) s"; node -r ts-node/register/transpile-only bench/deploy/run.ts'
