#!/usr/bin/env bash
# Builds every Go-based tool the checks need from the Go module proxy (no Terraform registry here) and lays the
# Terraform providers out as a plugin directory. Idempotent: a tool already built is kept, so CI reuses the cache.
#   MECAAS_TOOLS  where tools go (default ~/.cache/mecaas/tools)
#   ONLY          space-separated subset of tool names to build (default: all)
#   SKIP          space-separated tool names not to build (another run builds them: scripts/setup.sh)
set -euo pipefail

TOOLS="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}"
PLUGINS="$TOOLS/plugins"
BIN="$TOOLS/bin"
mkdir -p "$PLUGINS" "$BIN"
export GOFLAGS="${GOFLAGS:--trimpath}" CGO_ENABLED=0

wanted() { [[ " ${SKIP:-} " != *" $1 "* ]] && { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }; }

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

# A real kube-apiserver and etcd for applying the charts (test/charts/apply.spec.ts). Neither can be built with
# `go install`: both modules' go.mod files have replace directives (Kubernetes points its staging modules at local
# folders, etcd its sibling modules). So each builds inside a throwaway wrapper module that requires it: Kubernetes's
# staging modules are replaced by their published v0.X.Y versions (the list read from its own go.mod), and etcd's
# siblings resolve to the versions its go.mod already requires. Version variables are those hack/lib/version.sh sets,
# so the server reports v1.33.4 to helm (charts check kubeVersion) instead of v0.0.0.
K8S_VERSION=$K8S_OPENAPI_VERSION
ETCD_VERSION=v3.5.21 # the etcd client version k8s.io/kubernetes v1.33.4 requires
# wrapper_build OUT PACKAGE GO_MOD_BODY [LDFLAGS]
wrapper_build() {
  local out=$1 pkg=$2 body=$3 ldflags=${4:-}
  local dir; dir=$(mktemp -d)
  printf 'module wrapper\n\n%s\n' "$body" >"$dir/go.mod"
  local status=0
  (cd "$dir" && nice -n 10 go build -mod=mod -ldflags "-s -w $ldflags" -o "$out" "$pkg") || status=$?
  rm -rf "$dir"
  return "$status"
}
# kubernetes_build COMMAND: one k8s.io/kubernetes command. The node components (kubelet, kube-proxy, the controller
# manager, the scheduler, kubectl) run the test bed's nodes (testbed/nodes), behind the k3s stand-in.
kubernetes_build() {
  local cmd=$1
  wanted "$cmd" || return 0
  [ -x "$BIN/$cmd" ] && return 0
  echo "toolchain: building $cmd $K8S_VERSION" >&2
  local src staging replaces minor v
  src=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  staging=v0.${K8S_VERSION#v1.}
  replaces=$(sed -n "s#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/.*#\t\1 => \1 $staging#p" "$src")
  [ -n "$replaces" ] || { echo "toolchain: no staging replace directives found in $src" >&2; exit 1; }
  minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  v=k8s.io/component-base/version
  wrapper_build "$BIN/$cmd" "k8s.io/kubernetes/cmd/$cmd" \
    "$(printf 'go 1.24.0\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n%s\n)' "$K8S_VERSION" "$replaces")" \
    "-X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=archive"
}
for cmd in kube-apiserver kubelet kube-proxy kube-controller-manager kube-scheduler kubectl; do kubernetes_build "$cmd"; done
# The cluster DNS the k3s stand-in runs on a test-bed node's server (k3s deploys CoreDNS itself).
tool coredns github.com/coredns/coredns@v1.12.1
if wanted etcd && [ ! -x "$BIN/etcd" ]; then
  echo "toolchain: building etcd $ETCD_VERSION" >&2
  wrapper_build "$BIN/etcd" go.etcd.io/etcd/server/v3 "$(printf 'go 1.23\n\nrequire go.etcd.io/etcd/server/v3 %s' "$ETCD_VERSION")"
fi

# The OpenStack integration of K8sClusterVnf (charts/openstack-integration): the cloud-controller-manager and the
# Cinder CSI plugin (k8s.io/cloud-provider-openstack, the release for Kubernetes v1.33) and the CSI external-provisioner
# sidecar. Both modules have replace directives, so they build in a wrapper module that repeats them. The checksum
# database behind the proxy answers 404 for k8s.io/cloud-provider-openstack (any version), so that module's sums are
# pinned here instead (read from the proxy's download on 2026-12-01) and only it skips the database.
CPO_VERSION=v1.33.1
CPO_SUMS="k8s.io/cloud-provider-openstack $CPO_VERSION h1:RtFnb1Ila4YZEFsohM0ovyFVQV1Ct9fdnPgCVlQfZdY=
k8s.io/cloud-provider-openstack $CPO_VERSION/go.mod h1:NHB2iQnfiNQ+Wb/czVxlUt97P0SNFeSmr9lzbkCWVUk="
CSI_PROVISIONER_VERSION=v5.3.0
# module_build MODULE VERSION LDFLAGS GO_SUM PACKAGE=NAME...: the packages of one module, in one wrapper module whose
# go.mod requires it and repeats its replace directives (the ones naming versions; none of these name local folders).
module_build() {
  local module=$1 version=$2 ldflags=$3 sums=$4; shift 4
  local todo=() spec
  for spec in "$@"; do wanted "${spec#*=}" && [ ! -x "$BIN/${spec#*=}" ] && todo+=("$spec"); done
  [ ${#todo[@]} -gt 0 ] || return 0
  echo "toolchain: building ${todo[*]#*=} ($module $version)" >&2
  local gomod replaces dir status=0
  gomod=$(GONOSUMDB=$module go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  replaces=$(awk '/^replace \(/{b=1;next} b&&/^\)/{b=0} b&&/=>/{print} /^replace [^(]/{sub(/^replace /,"");print}' "$gomod")
  dir=$(mktemp -d)
  printf 'module wrapper\n\ngo 1.24.0\n\nrequire %s %s\n\nreplace (\n%s\n)\n' "$module" "$version" "$replaces" >"$dir/go.mod"
  [ -z "$sums" ] || printf '%s\n' "$sums" >"$dir/go.sum"
  for spec in "${todo[@]}"; do
    (cd "$dir" && GONOSUMDB=$module nice -n 10 go build -mod=mod -ldflags "-s -w $ldflags" -o "$BIN/${spec#*=}" "${spec%=*}") || status=$?
  done
  rm -rf "$dir"
  return "$status"
}
module_build k8s.io/cloud-provider-openstack "$CPO_VERSION" \
  "-X k8s.io/component-base/version.gitVersion=$CPO_VERSION -X k8s.io/cloud-provider-openstack/pkg/version.Version=$CPO_VERSION" "$CPO_SUMS" \
  k8s.io/cloud-provider-openstack/cmd/openstack-cloud-controller-manager=openstack-cloud-controller-manager \
  k8s.io/cloud-provider-openstack/cmd/cinder-csi-plugin=cinder-csi-plugin
module_build github.com/kubernetes-csi/external-provisioner/v5 "$CSI_PROVISIONER_VERSION" \
  "-X main.version=$CSI_PROVISIONER_VERSION" "" github.com/kubernetes-csi/external-provisioner/v5/cmd/csi-provisioner=csi-provisioner

# Terraform itself cannot be built with go install; OpenTofu can, and cdktf drives it the same way.
if wanted tofu && ! command -v terraform >/dev/null && [ ! -x "$BIN/tofu" ]; then
  echo "toolchain: no terraform on PATH, building OpenTofu" >&2
  src=$(go mod download -json github.com/opentofu/opentofu@v1.11.14 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  (cd "$src" && go build -o "$BIN/tofu" ./cmd/tofu)
fi

echo "toolchain: ready in $TOOLS" >&2
