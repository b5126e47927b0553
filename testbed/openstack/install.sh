#!/usr/bin/env bash
# Installs the test bed's OpenStack from Debian 12's packages (about 420 packages, 5-9 minutes the first time;
# seconds when they are there). Package scripts must not start daemons (up.sh starts each with its own
# configuration), so a policy-rc.d refuses that while apt runs.
set -euo pipefail
packages=(mariadb-server rabbitmq-server keystone python3-openstackclient glance-api placement-api nova-api
  nova-conductor nova-scheduler python3-nova neutron-server cinder-api cinder-scheduler cinder-volume qemu-utils
  uwsgi uwsgi-plugin-python3 curl openssl
  # The object store (swift.sh): Swift's proxy, with s3api and s3token built in, and its storage servers (15 packages,
  # about 17 s on top).
  swift-proxy swift-account swift-container swift-object)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" -eq 0 ] || { echo "testbed: installing packages needs root" >&2; exit 1; }
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; own_policy=1; fi
trap '[ -z "$own_policy" ] || rm -f "$policy"' EXIT
echo "testbed: installing ${#missing[@]} Debian packages for OpenStack" >&2
apt-get update -qq -o DPkg::Lock::Timeout=900
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends \
  "${missing[@]}" >/dev/null
