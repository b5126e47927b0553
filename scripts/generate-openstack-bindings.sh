#!/usr/bin/env bash
# Regenerates the OpenStack provider bindings (.gen/providers/openstack) from the real provider binary: prints its
# schema with `terraform providers schema -json`, keeps that file beside the bindings, and runs `cdktf get`.
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=openstack scripts/toolchain.sh
source scripts/terraform-env.sh

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/main.tf.json" <<'JSON'
{ "terraform": { "required_providers": { "openstack": { "source": "terraform-provider-openstack/openstack", "version": "3.4.0" } } } }
JSON
(cd "$work" && $TERRAFORM init -input=false -no-color >/dev/null && $TERRAFORM providers schema -json) > "$work/schema.json"

# cdktf get reads cdktf.json; the provider list lives here so only this script needs it.
cp cdktf.json "$work/cdktf.json.bak"
node -e '
  const fs = require("fs"); const c = JSON.parse(fs.readFileSync("cdktf.json"));
  c.terraformProviders = ["terraform-provider-openstack/openstack@= 3.4.0"];
  fs.writeFileSync("cdktf.json", JSON.stringify(c, null, 2) + "\n");'
trap 'cp "$work/cdktf.json.bak" cdktf.json; rm -rf "$work"' EXIT
rm -rf .gen/providers/openstack
npx cdktf get --force
node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1]));
  require("fs").writeFileSync(".gen/providers/openstack/provider-schema.json", JSON.stringify(s, null, 1) + "\n");' "$work/schema.json"
echo "generated .gen/providers/openstack from terraform-provider-openstack 3.4.0"
