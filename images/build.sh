#!/usr/bin/env bash
# Builds the images as OCI archives without Docker: bash images/build.sh [--force] mep|mec-app-sample|pause|curl|all OUTDIR
# (images/README.md; curl is a stand-in for curlimages/curl). The images get the Node binary that runs images/build.js: NODE=/path/to/node picks another.
set -euo pipefail
exec "${NODE:-node}" "$(dirname "$0")/build.js" "$@"
