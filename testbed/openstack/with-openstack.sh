#!/usr/bin/env bash
# Runs a command with the test bed's OpenStack up: starts it (up.sh), exports MECAAS_OPENSTACK_CLOUDS (its
# clouds.yaml), runs the command, and stops it whatever happens. Leaves no process or file behind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/down.sh" 2>/dev/null || true # a previous run killed before its clean-up
trap 'bash "$here/down.sh"' EXIT
MECAAS_OPENSTACK_CLOUDS="$(bash "$here/up.sh")"
export MECAAS_OPENSTACK_CLOUDS
status=0
"$@" || status=$?
exit "$status"
