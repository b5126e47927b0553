#!/usr/bin/env bash
# Stops every daemon up.sh started (by PID) and removes the test bed's folder; KEEP_LOGS=1 keeps its logs.
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ -d "$TESTBED_DIR" ] || exit 0
stop_all
if [ -n "${KEEP_LOGS:-}" ]; then
  find "$TESTBED_DIR" -mindepth 1 -maxdepth 1 ! -name log -exec rm -rf {} +
else
  rm -rf "$TESTBED_DIR"
fi
echo "testbed: OpenStack stopped" >&2
