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

# A real kube-apiserver and etcd for applying the charts (test/charts/apply.spec.ts), the node components behind the
# k3s stand-in (kubelet, kube-proxy, the controller manager, the scheduler, kubectl: testbed/nodes), and the OpenStack
# integration of K8sClusterVnf (charts/openstack-integration): the cloud-controller-manager and the Cinder CSI plugin
# (k8s.io/cloud-provider-openstack, the release for Kubernetes v1.33) and the CSI external-provisioner sidecar. None
# can be built with `go install`: their go.mod files have replace directives (Kubernetes points its staging modules at
# local folders, the others repeat them, etcd points at its siblings). So each builds inside a throwaway wrapper
# module that requires it.
K8S_VERSION=$K8S_OPENAPI_VERSION
ETCD_VERSION=v3.5.21 # the etcd client version k8s.io/kubernetes v1.33.4 requires
CPO_VERSION=v1.33.1
CSI_PROVISIONER_VERSION=v5.3.0
# The checksum database behind the proxy answers 404 for k8s.io/cloud-provider-openstack (any version), so that
# module's sums are pinned here instead (read from the proxy's download on 2026-12-01) and only it skips the database.
CPO_SUMS="k8s.io/cloud-provider-openstack $CPO_VERSION h1:RtFnb1Ila4YZEFsohM0ovyFVQV1Ct9fdnPgCVlQfZdY=
k8s.io/cloud-provider-openstack $CPO_VERSION/go.mod h1:NHB2iQnfiNQ+Wb/czVxlUt97P0SNFeSmr9lzbkCWVUk="
export GONOSUMDB=k8s.io/cloud-provider-openstack
# wrapper_module GO_MOD_BODY [GO_SUM]: a throwaway module directory (the caller removes it).
wrapper_module() {
  local dir; dir=$(mktemp -d)
  printf 'module wrapper\n\n%s\n' "$1" >"$dir/go.mod"
  [ -z "${2:-}" ] || printf '%s\n' "$2" >"$dir/go.sum"
  echo "$dir"
}
# missing NAME...: those of the names wanted and not built yet.
missing() { local name; for name in "$@"; do wanted "$name" && [ ! -x "$BIN/$name" ] && echo "$name"; done; return 0; }

# Kubernetes, the cloud provider and the provisioner in ONE wrapper module: one module graph, so every package they
# share (client-go, apimachinery, grpc, protobuf: nearly all of the cloud provider's and the provisioner's code) is
# compiled once and the Go build cache serves the rest; built apart, the two integration builds compiled their own
# copies of all of it (26 minutes cold beside the Kubernetes build). Kubernetes's staging modules are replaced by
# their published v0.X.Y versions (the list read from its own go.mod), which the other two then use too; every other
# shared module is at the newest version any of the three requires (grpc 1.72.1, where Kubernetes pins 1.68.1). The
# version variables are those hack/lib/version.sh sets, so the API server reports v1.33.4 to helm (charts check
# kubeVersion) instead of v0.0.0.
kubernetes_commands=(kube-apiserver kubelet kube-proxy kube-controller-manager kube-scheduler kubectl)
cpo_commands=(openstack-cloud-controller-manager cinder-csi-plugin)
mapfile -t kubernetes_todo < <(missing "${kubernetes_commands[@]}")
mapfile -t cpo_todo < <(missing "${cpo_commands[@]}")
mapfile -t csi_todo < <(missing csi-provisioner)
todo=("${kubernetes_todo[@]}" "${cpo_todo[@]}" "${csi_todo[@]}")
if [ ${#todo[@]} -gt 0 ]; then
  echo "toolchain: building ${todo[*]} (Kubernetes $K8S_VERSION, cloud-provider-openstack $CPO_VERSION, external-provisioner $CSI_PROVISIONER_VERSION)" >&2
  k8s_mod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  staging=v0.${K8S_VERSION#v1.}
  replaces=$(sed -n "s#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/.*#\t\1 => \1 $staging#p" "$k8s_mod")
  [ -n "$replaces" ] || { echo "toolchain: no staging replace directives found in $k8s_mod" >&2; exit 1; }
  minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  v=k8s.io/component-base/version
  dir=$(wrapper_module "$(printf 'go 1.24.0\n\nrequire (\n\tk8s.io/kubernetes %s\n\tk8s.io/cloud-provider-openstack %s\n\tgithub.com/kubernetes-csi/external-provisioner/v5 %s\n)\n\nreplace (\n%s\n)' \
    "$K8S_VERSION" "$CPO_VERSION" "$CSI_PROVISIONER_VERSION" "$replaces")" "$CPO_SUMS")
  status=0
  # group LDFLAGS PACKAGE_PREFIX NAME...: one `go build` of the named commands (linked side by side).
  group() {
    local ldflags=$1 prefix=$2; shift 2
    [ $# -gt 0 ] || return 0
    (cd "$dir" && nice -n 10 go build -mod=mod -ldflags "-s -w $ldflags" -o "$BIN/" "${@/#/$prefix/}") || status=$?
  }
  group "-X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=archive" k8s.io/kubernetes/cmd "${kubernetes_todo[@]}"
  group "-X $v.gitVersion=$CPO_VERSION -X k8s.io/cloud-provider-openstack/pkg/version.Version=$CPO_VERSION" k8s.io/cloud-provider-openstack/cmd "${cpo_todo[@]}"
  group "-X main.version=$CSI_PROVISIONER_VERSION" github.com/kubernetes-csi/external-provisioner/v5/cmd "${csi_todo[@]}"
  rm -rf "$dir"
  [ "$status" -eq 0 ] || exit "$status"
fi

# The cluster DNS the k3s stand-in runs on a test-bed node's server (k3s deploys CoreDNS itself). Its own module graph:
# CoreDNS 1.12 needs client-go 0.32 (1.12.4 and later, 0.34), so it cannot share Kubernetes v1.33's.
tool coredns github.com/coredns/coredns@v1.12.1
# etcd in a module graph of its own too, its siblings at the versions its go.mod requires: exactly the 3.5.21 release;
# with etcdutl, which the k3s stand-in's cluster reset restores snapshots with.
mapfile -t etcd_todo < <(missing etcd etcdutl)
if [ ${#etcd_todo[@]} -gt 0 ]; then
  echo "toolchain: building ${etcd_todo[*]} $ETCD_VERSION" >&2
  dir=$(wrapper_module "$(printf 'go 1.23\n\nrequire (\n\tgo.etcd.io/etcd/server/v3 %s\n\tgo.etcd.io/etcd/etcdutl/v3 %s\n)' "$ETCD_VERSION" "$ETCD_VERSION")")
  status=0
  for name in "${etcd_todo[@]}"; do
    package=go.etcd.io/etcd/server/v3; [ "$name" = etcd ] || package=go.etcd.io/etcd/etcdutl/v3
    (cd "$dir" && nice -n 10 go build -mod=mod -ldflags "-s -w" -o "$BIN/$name" "$package") || status=$?
  done
  rm -rf "$dir"
  [ "$status" -eq 0 ] || exit "$status"
fi

# Terraform itself cannot be built with go install; OpenTofu can, and cdktf drives it the same way.
if wanted tofu && ! command -v terraform >/dev/null && [ ! -x "$BIN/tofu" ]; then
  echo "toolchain: no terraform on PATH, building OpenTofu" >&2
  src=$(go mod download -json github.com/opentofu/opentofu@v1.11.14 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  (cd "$src" && go build -o "$BIN/tofu" ./cmd/tofu)
fi

echo "toolchain: ready in $TOOLS" >&2
