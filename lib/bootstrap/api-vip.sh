#!/bin/sh
# Starts keepalived on a server of a cluster of several: it holds the Kubernetes API's virtual IP on a server whose
# API server is ready (api-ready.sh) and moves it when that server goes. Runs once from cloud-init, before
# install-k3s.sh: the first server must hold the address before the others can join through it.
set -eu

log() {
  echo "mecaas-bootstrap: $1"
  logger -t mecaas-bootstrap "$1" 2>/dev/null || true
}

# Cloud images seldom ship keepalived: apt (and a reachable package mirror) is needed for one that does not.
if ! command -v keepalived >/dev/null; then
  log "keepalived missing from the image, installing it with apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq keepalived
fi
# keepalived names the interface, which the image decides (eth0, ens3, ...): the default route's.
interface=$(ip -4 route show default | awk '{ print $5; exit }')
[ -n "$interface" ] || { echo "api-vip: no default route, so no interface for the virtual IP" >&2; exit 1; }
mkdir -p /etc/keepalived
sed "s/@INTERFACE@/$interface/g" /etc/mecaas/keepalived.conf.template >/etc/keepalived/keepalived.conf
chmod 0600 /etc/keepalived/keepalived.conf
systemctl enable keepalived
systemctl restart keepalived
log "keepalived started for the API's virtual IP on $interface"
