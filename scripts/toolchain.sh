#!/usr/bin/env bash
# Builds every Go-based tool the checks need from the Go module proxy (no Terraform registry here) and lays the
# Terraform providers out as a plugin directory. Idempotent: a tool already built is kept, so CI reuses the cache.
#   MECAAS_TOOLS  where tools go (default ~/.cache/mecaas/tools)
#   ONLY          space-separated subset of tool names to build (default: all)
set -euo pipefail

TOOLS="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}"
PLUGINS="$TOOLS/plugins"
BIN="$TOOLS/bin"
mkdir -p "$PLUGINS" "$BIN"
export GOFLAGS="${GOFLAGS:--trimpath}" CGO_ENABLED=0

wanted() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

# provider NAMESPACE TYPE VERSION MODULE@REF
provider() {
  local ns=$1 type=$2 version=$3 module=$4
  wanted "$type" || return 0
  local dir="$PLUGINS/registry.terraform.io/$ns/$type/$version/linux_amd64"
  local out="$dir/terraform-provider-${type}_v$version"
  [ -x "$out" ] && return 0
  echo "toolchain: building provider $ns/$type $version" >&2
  local gobin; gobin=$(mktemp -d)
  GOBIN="$gobin" go install "$module"
  mkdir -p "$dir"
  mv "$gobin"/terraform-provider-* "$out"
  rm -rf "$gobin"
}

# tool NAME MODULE/PATH@REF
tool() {
  local name=$1 module=$2
  wanted "$name" || return 0
  [ -x "$BIN/$name" ] && return 0
  echo "toolchain: building $name" >&2
  GOBIN="$BIN" go install "$module"
}

# Versions are those the @cdktf/provider-* packages pin in required_providers (see ../shared/TOOLCHAIN.md).
provider terraform-provider-openstack openstack 3.4.0 github.com/terraform-provider-openstack/terraform-provider-openstack/v3@v3.4.0
provider hashicorp tls 4.1.0 github.com/hashicorp/terraform-provider-tls@eefba144662d715aa78a1ec051d88037b141826c
provider hashicorp random 3.7.2 github.com/terraform-providers/terraform-provider-random@bc2ddb552b4676d16997987a9bf2875c7b98d342
provider hashicorp http 3.5.0 github.com/terraform-providers/terraform-provider-http@1bae4db6088765f4cc128aaf3fbcb77aa9bd3f83
provider hashicorp null 3.2.4 github.com/terraform-providers/terraform-provider-null@01034f80eb238732fd9e8673582e0e770cfab578
provider hashicorp time 0.13.1 github.com/hashicorp/terraform-provider-time@aeccb44b5627498df071790595c925cff35469d1
provider hashicorp helm 3.1.1 github.com/hashicorp/terraform-provider-helm@1cbf08f6a306ab3cdff6079b87a61c7641b64f3b
provider hashicorp kubernetes 2.38.0 github.com/hashicorp/terraform-provider-kubernetes@be88f44271050f69d52f410bca388834afedfe71
tool helm helm.sh/helm/v3/cmd/helm@v3.19.5

# Terraform itself cannot be built with go install; OpenTofu can, and cdktf drives it the same way.
if wanted tofu && ! command -v terraform >/dev/null && [ ! -x "$BIN/tofu" ]; then
  echo "toolchain: no terraform on PATH, building OpenTofu" >&2
  src=$(go mod download -json github.com/opentofu/opentofu@v1.11.14 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  (cd "$src" && go build -o "$BIN/tofu" ./cmd/tofu)
fi

echo "toolchain: ready in $TOOLS" >&2
