#!/usr/bin/env bash
# Builds (once, then cached) the Debian 12 root filesystem every test-bed node boots from: what a cloud image for k3s
# nodes has (systemd, cloud-init, curl) plus the container runtime k3s would bring itself (containerd, runc, the CNI
# plugins, iptables), since the k3s stand-in runs Debian's. Prints the rootfs path.
#   MECAAS_TOOLS  cache root (default ~/.cache/mecaas/tools); the rootfs is $MECAAS_TOOLS/node-rootfs/<stamp>
set -euo pipefail

packages=systemd,systemd-sysv,dbus,cloud-init,curl,ca-certificates,iproute2,iptables,conntrack,kmod,procps
packages+=,containerd,runc,containernetworking-plugins,python3-cffi-backend
# keepalived: the API's virtual IP on the servers of a cluster of several (lib/bootstrap/api-vip.sh installs it with
# apt when an image lacks it; nodes here have no package mirror).
packages+=,keepalived
root="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}/node-rootfs"
# This script names the build: changing it builds a new rootfs beside the old one, which is then removed.
stamp=bookworm-$(sha256sum "$0" | cut -c1-12)
rootfs="$root/$stamp"
if [ -f "$rootfs/.complete" ]; then echo "$rootfs"; exit 0; fi

command -v debootstrap >/dev/null || { echo "rootfs: debootstrap missing (scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$root"
work=$(mktemp -d "$root/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "rootfs: debootstrap bookworm into $work (a few minutes, once)" >&2
debootstrap --variant=minbase --include="$packages" bookworm "$work" http://deb.debian.org/debian >"$work.log" 2>&1 \
  || { tail -n 20 "$work.log" >&2; exit 1; }
rm -f "$work.log"
chroot "$work" apt-get clean
rm -rf "$work/var/lib/apt/lists/"*

# Nodes get their identity from cloud-init's NoCloud seed, nothing else: no other datasource is probed at boot.
# The node launcher configures the network from outside (a namespace per node), so cloud-init leaves it alone.
# minbase has no locales: cloud-init's default en_US.UTF-8 fails its config stage, C.UTF-8 is always there.
printf 'datasource_list: [ NoCloud, None ]\nnetwork: { config: disabled }\nlocale: C.UTF-8\n' >"$work/etc/cloud/cloud.cfg.d/90-mecaas-testbed.cfg"
# Boot units a container has no use for, and that wait for hardware it has not got.
for unit in systemd-networkd-wait-online.service systemd-timesyncd.service apt-daily.timer apt-daily-upgrade.timer \
  e2scrub_all.timer fstrim.timer; do
  ln -sf /dev/null "$work/etc/systemd/system/$unit"
done
# nspawn bind-mounts the cgroup v1 hierarchies read-only; the kubelet and runc create cgroups in them. A bind mount's
# read-only flag changes with remount,bind (a plain remount fails: 'mount point is busy').
cat >"$work/etc/systemd/system/mecaas-cgroups-rw.service" <<'UNIT'
[Unit]
Description=Remount the cgroup v1 hierarchies read-write for the container runtime (test-bed node)
DefaultDependencies=no
Before=cloud-init.service containerd.service

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'for d in /sys/fs/cgroup/*/; do mount -o remount,bind,rw "$d" || true; done'

[Install]
WantedBy=sysinit.target
UNIT
ln -sf /etc/systemd/system/mecaas-cgroups-rw.service "$work/etc/systemd/system/sysinit.target.wants/mecaas-cgroups-rw.service"
# Debian's containerd unit starts at boot; k3s runs its own, so the stand-in does too. keepalived starts only where a
# server's bootstrap enables it (api-vip.sh), as on a cloud image.
rm -f "$work/etc/systemd/system/multi-user.target.wants/containerd.service" "$work/etc/systemd/system/multi-user.target.wants/keepalived.service"
: >"$work/etc/machine-id"
touch "$work/.complete"

for old in "$root"/bookworm-*; do [ "$old" = "$rootfs" ] || rm -rf "$old"; done
mv "$work" "$rootfs"
trap - EXIT
echo "$rootfs"
