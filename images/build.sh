#!/usr/bin/env bash
# Builds the images as OCI archives without Docker: bash images/build.sh [--force] mep|mec-app-sample|pause|curl|postgres|all OUTDIR
# (images/README.md; curl and postgres are stand-ins for curlimages/curl and the official postgres:15). The images get the Node binary that runs images/build.js: NODE=/path/to/node picks another.
set -euo pipefail
exec "${NODE:-node}" "$(dirname "$0")/build.js" "$@"
