#!/usr/bin/env bash
# Builds the images as OCI archives without Docker: bash images/build.sh [--force] mep|mano|mec-app-sample|pause|curl|postgres|openstack-cloud-controller-manager|cinder-csi-plugin|csi-provisioner|all OUTDIR
# (images/README.md; curl, postgres and the last three are stand-ins for curlimages/curl, the official postgres:15 and
# the upstream images of the OpenStack integration). The images get the Node binary that runs images/build.js: NODE=/path/to/node picks another.
set -euo pipefail
exec "${NODE:-node}" "$(dirname "$0")/build.js" "$@"
