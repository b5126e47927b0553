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

# The OpenStack provider is the only Terraform provider the Go module proxy serves at a current version: every
# hashicorp/* provider module (tls, random, http, null, time, cloudinit, helm, kubernetes) answers 403 "not available"
# for the commits of the versions the @cdktf/provider-* packages pin. README "What is verified here" says what
# replaces `terraform validate` for the stacks that use them.
provider terraform-provider-openstack openstack 3.4.0 github.com/terraform-provider-openstack/terraform-provider-openstack/v3@v3.4.0
tool helm helm.sh/helm/v3/cmd/helm@v3.19.5

# The Kubernetes API schemas rendered manifests are validated against (test/support/kubernetes-schema.ts): the
# OpenAPI document of the release K8sClusterVnf installs, from the k8s.io/kubernetes module.
K8S_OPENAPI_VERSION=v1.33.4
if wanted kubernetes-openapi && [ ! -f "$TOOLS/kubernetes-openapi/$K8S_OPENAPI_VERSION/swagger.json" ]; then
  echo "toolchain: fetching the Kubernetes $K8S_OPENAPI_VERSION OpenAPI schema" >&2
  src=$(go mod download -json "k8s.io/kubernetes@$K8S_OPENAPI_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  mkdir -p "$TOOLS/kubernetes-openapi/$K8S_OPENAPI_VERSION"
  cp "$src/api/openapi-spec/swagger.json" "$TOOLS/kubernetes-openapi/$K8S_OPENAPI_VERSION/swagger.json"
fi

# Terraform itself cannot be built with go install; OpenTofu can, and cdktf drives it the same way.
if wanted tofu && ! command -v terraform >/dev/null && [ ! -x "$BIN/tofu" ]; then
  echo "toolchain: no terraform on PATH, building OpenTofu" >&2
  src=$(go mod download -json github.com/opentofu/opentofu@v1.11.14 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  (cd "$src" && go build -o "$BIN/tofu" ./cmd/tofu)
fi

echo "toolchain: ready in $TOOLS" >&2
