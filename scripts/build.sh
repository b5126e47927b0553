#!/usr/bin/env bash
# Builds the library package into dist/ (`npm run build`): lib/index.ts and the OpenStack bindings compiled to
# JavaScript and .d.ts, then the files the compiled constructs read at run time, each at the same place relative to
# the compiled code as in the sources (charts/ beside lib/, the bootstrap files and lib/assets beside their modules).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.build.json
# tsc never deletes what it emitted: output whose source is gone (a module renamed or removed) would be packed.
find dist/lib dist/.gen -type f \( -name '*.js' -o -name '*.d.ts' \) | while read -r output; do
  source=${output#dist/}
  source=${source%.js}
  source=${source%.d.ts}
  [ -e "$source.ts" ] || rm "$output"
done

# Files of lib/ that tsc does not emit: the bootstrap scripts and units, the OSM registration script, and
# lib/openstack.js with its types. Test data stays out. Removed first, so a file deleted from lib/ leaves dist/ too.
find dist/lib -type f ! -name '*.js' ! -name '*.d.ts' -delete
find lib -type f ! -name '*.ts' -o -type f -name '*.d.ts' | grep -v '^lib/testdata/' | while read -r file; do
  mkdir -p "dist/$(dirname "$file")"
  cp "$file" "dist/$file"
done

# The charts the constructs install by default (MecPlatformCnf: mep; MecAppCnf's registration: mec-app-instance;
# OpenStackIntegrationCnf: openstack-integration; EdgeMano's default engine: mecaas).
rm -rf dist/charts
mkdir -p dist/charts
cp -R charts/mep charts/mec-app-instance charts/openstack-integration charts/mecaas dist/charts/
