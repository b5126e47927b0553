#!/usr/bin/env bash
# Prepares a fresh machine for synthesizing and testing mecaas: Debian packages the tests use, the Go-built tools
# (OpenStack provider, helm, kube-apiserver and etcd: scripts/toolchain.sh) and npm packages. Safe to run again:
# what is there already is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cloud-init shellcheck postgresql openssl curl busybox-static python3-venv umoci skopeo runc containerd gcc libc6-dev
  systemd-container debootstrap containernetworking-plugins conntrack iptables)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Go builds (scripts/toolchain.sh: the CPU's work, most of a cold setup) run beside the test bed's package
# installs, the node rootfs, the venv and npm's install, which wait mostly on the network and the disk.
bash scripts/toolchain.sh & toolchain=$!
bash testbed/openstack/install.sh
bash testbed/nodes/rootfs.sh >/dev/null

# schemathesis fuzzes the MEP's OpenAPI document (npm run fuzz -w mep) and requests drives it as Python Mp1 clients do
# (mep/test/interoperability.spec.ts); kept in a venv beside the other tools.
venv="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}/venv"
if [ ! -x "$venv/bin/schemathesis" ] || [ "$("$venv/bin/python" -c 'import requests; print(requests.__version__)' 2>/dev/null)" != 2.34.2 ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5 requests==2.34.2
fi

if [ -n "${CI:-}" ] || [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
wait "$toolchain"
echo "setup: done"
