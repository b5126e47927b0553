#!/bin/sh
# Installs the pinned k3s binary, verifies its checksum and starts it as a server or an agent.
# Runs once from cloud-init; its inputs come from /etc/mecaas/k3s.env (written by cloud-init):
#   K3S_VERSION       e.g. v1.33.4+k3s1
#   K3S_DOWNLOAD_URL  base URL of the release assets (a mirror in air-gapped sites)
#   K3S_SHA256        expected SHA-256 of the binary; when empty the release's own checksum file is used
set -eu

role="${1:?usage: install-k3s.sh server|agent}"
case "$role" in server | agent) ;; *) echo "install-k3s: unknown role '$role'" >&2; exit 64 ;; esac

# Each stage is logged with the seconds since the node booted (in /var/log/cloud-init-output.log and the journal).
stage() {
  msg="mecaas-bootstrap: $1 at $(cut -d ' ' -f 1 /proc/uptime) s since boot"
  echo "$msg"
  logger -t mecaas-bootstrap "$msg" 2>/dev/null || true
}
stage "install-k3s $role started"

# shellcheck source=/dev/null
. /etc/mecaas/k3s.env

# The cloud images nodes boot from ship curl; apt (and a reachable package mirror) is needed only for one that does not.
if ! command -v curl >/dev/null; then
  stage "curl missing from the image, installing it with apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl
fi

# The '+' in k3s versions must be escaped in release URLs.
release_url="${K3S_DOWNLOAD_URL%/}/$(printf '%s' "$K3S_VERSION" | sed 's/+/%2B/g')"
download() {
  curl --fail --silent --show-error --location --retry 20 --retry-delay 3 --retry-all-errors -o "$2" "$1"
}

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
download "$release_url/k3s" "$workdir/k3s"
stage "k3s $K3S_VERSION downloaded"

expected="${K3S_SHA256:-}"
if [ -z "$expected" ]; then
  download "$release_url/sha256sum-amd64.txt" "$workdir/sha256sum.txt"
  expected=$(awk '$2 == "k3s" { print $1 }' "$workdir/sha256sum.txt")
fi
actual=$(sha256sum "$workdir/k3s" | cut -d ' ' -f 1)
if [ "$actual" != "$expected" ]; then
  echo "install-k3s: checksum mismatch for k3s $K3S_VERSION: expected '$expected', got '$actual'" >&2
  exit 1
fi
stage "checksum verified"
install -m 0755 "$workdir/k3s" /usr/local/bin/k3s
for tool in kubectl crictl ctr; do ln -sf /usr/local/bin/k3s "/usr/local/bin/$tool"; done

systemctl daemon-reload
# The unit is Type=notify: this returns once k3s reports itself ready.
systemctl enable --now "k3s-$role.service"
stage "k3s $role ready"
if [ "$role" = agent ]; then
  systemctl enable --now mecaas-leave-cluster.service
fi
