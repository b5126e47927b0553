#!/usr/bin/env bash
# Boots test-bed nodes: each a systemd-nspawn container with systemd as PID 1 on the cached Debian rootfs
# (rootfs.sh), in a network namespace of its own on a host bridge, running real cloud-init on the user-data it is
# given (a NoCloud seed), so a node boots exactly as a VM of the stacks would, from the same user-data.
#
#   node.sh network-up BRIDGE GATEWAY/PREFIX      a host bridge holding the node network's gateway address
#   node.sh network-down BRIDGE
#   node.sh start NAME BRIDGE ADDRESS/PREFIX GATEWAY USER_DATA_FILE [EXTRA_ADDRESS...]
#                                                 EXTRA_ADDRESS: a floating IP, added to the node (Neutron would DNAT)
#                                                 and routed from the host through the node's fixed address
#   node.sh dnat-up FLOATING_IP ADDRESS           a floating IP whose fixed address no node owns for good (a virtual
#                                                 IP keepalived moves between nodes): the host DNATs it to ADDRESS,
#                                                 as Neutron's router does, whoever holds ADDRESS on the bridge
#   node.sh dnat-down FLOATING_IP                 removes that DNAT
#   node.sh stop NAME [TIMEOUT_S]                 a clean poweroff (what Nova's stop does), then the node's cleanup;
#                                                 its disk stays: start boots it again as a rebooted VM
#   node.sh exec NAME COMMAND...                  runs COMMAND inside a running node, as root in its namespaces (what
#                                                 an operator's ssh session to the VM would run)
#   node.sh ip-of NAME                            the node's fixed address
#   node.sh addresses NAME                        every IPv4 address on the node's eth0 now (a virtual IP it holds too;
#                                                 none when it is not running)
#   node.sh host-prepare | host-restore           sysctls the kubelet wants but cannot set in a container
#
#   MECAAS_NODES_DIR  state (default /var/tmp/mecaas-testbed/nodes): per node its overlay, logs, PID
#   MECAAS_TOOLS      where rootfs.sh caches the rootfs and toolchain.sh put the Kubernetes binaries
#   MECAAS_NODE_IMAGES  a folder of OCI image archives every node imports at boot (k3s's air-gap images folder)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODES_DIR="${MECAAS_NODES_DIR:-/var/tmp/mecaas-testbed/nodes}"
TOOLS="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}"
# The sysctls the kubelet checks; /proc/sys is read-only in a node, so the host holds them while nodes run.
KUBELET_SYSCTLS=(vm.overcommit_memory=1 kernel.panic=10 kernel.panic_on_oops=1)

die() { echo "node.sh: $*" >&2; exit 1; }
node_dir() { echo "$NODES_DIR/$1"; }
# Interface names are at most 15 characters: derived from a hash of the node's name.
short() { printf '%s' "$1" | sha256sum | cut -c1-8; }
netns_of() { echo "mecaas-$(short "$1")"; }
pid_of() { cat "$(node_dir "$1")/nspawn.pid" 2>/dev/null; }
running() { local pid; pid=$(pid_of "$1") && kill -0 "$pid" 2>/dev/null; }

# The node's own cgroup in every v1 hierarchy, under this process's own: the kubelet's kubepods tree goes there, and
# is removed with it after poweroff.
cgroup_dirs() {
  local name=$1 hierarchy path
  while IFS=: read -r _ hierarchy path; do
    # The v2 entry (no controllers) is the unified hierarchy, where the node's systemd tracks its units' processes:
    # without a cgroup of its own there, a unit's end is sometimes never seen and the boot waits forever.
    hierarchy=${hierarchy:-unified}
    hierarchy=${hierarchy#name=}
    [ -d "/sys/fs/cgroup/$hierarchy" ] && echo "/sys/fs/cgroup/$hierarchy${path%/}/mecaas-node-$name"
  done </proc/self/cgroup
}

remove_cgroups() {
  local dir
  for dir in $(cgroup_dirs "$1"); do
    if [ -d "$dir" ]; then find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
  done
}

cmd_host_prepare() {
  mkdir -p "$NODES_DIR"
  local saved="$NODES_DIR/host-sysctls" setting key
  [ -f "$saved" ] || for setting in "${KUBELET_SYSCTLS[@]}"; do
    key=${setting%%=*}; echo "$key=$(sysctl -n "$key")"
  done >"$saved"
  for setting in "${KUBELET_SYSCTLS[@]}"; do sysctl -qw "$setting"; done
}

cmd_host_restore() {
  local saved="$NODES_DIR/host-sysctls" setting
  [ -f "$saved" ] || return 0
  while read -r setting; do sysctl -qw "$setting"; done <"$saved"
  rm -f "$saved"
}

cmd_network_up() {
  local bridge=${1:?bridge} gateway=${2:?gateway/prefix}
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  ip address replace "$gateway" dev "$bridge"
  ip link set "$bridge" up
}

cmd_network_down() {
  local bridge=${1:?bridge}
  ip link del "$bridge" 2>/dev/null || true
}

# The rules of one floating IP's DNAT, in the nat chains of the host's own traffic (OUTPUT) and of routed traffic
# (PREROUTING); each names the floating IP in its comment, so dnat-down finds them again.
dnat_rules() {
  local fip=$1 address=$2 chain
  for chain in OUTPUT PREROUTING; do
    echo "$chain -d $fip/32 -m comment --comment mecaas-testbed-fip-$fip -j DNAT --to-destination $address"
  done
}

cmd_dnat_up() {
  local fip=${1:?floating IP} address=${2:?address} rule
  mkdir -p "$NODES_DIR/dnat"
  cmd_dnat_down "$fip"
  echo "$address" >"$NODES_DIR/dnat/$fip"
  while read -r rule; do
    # shellcheck disable=SC2086 # the rule's words
    iptables -w -t nat -A $rule
  done < <(dnat_rules "$fip" "$address")
  # The host's own connections to it leave from the node network's gateway, as to a node's floating IP.
  ip route replace "$fip/32" via "$address"
}

cmd_dnat_down() {
  local fip=${1:?floating IP} state="$NODES_DIR/dnat/${1:-}" rule
  [ -f "$state" ] || return 0
  while read -r rule; do
    # shellcheck disable=SC2086
    iptables -w -t nat -D $rule 2>/dev/null || true
  done < <(dnat_rules "$fip" "$(cat "$state")")
  ip route del "$fip/32" 2>/dev/null || true
  rm -f "$state"
  rmdir "$NODES_DIR/dnat" 2>/dev/null || true
}

cmd_start() {
  local name=${1:?name} bridge=${2:?bridge} address=${3:?address/prefix} gateway=${4:?gateway} user_data=${5:?user-data file}
  shift 5
  local extra=("$@")
  running "$name" && die "node $name is running already"
  [ -f "$user_data" ] || die "no user-data file $user_data"
  local rootfs dir ns veth
  rootfs=$("$HERE/rootfs.sh")
  dir=$(node_dir "$name"); ns=$(netns_of "$name"); veth="mv$(short "$name")"
  cleanup_node "$name"
  mkdir -p "$dir/upper" "$dir/containerd"

  # The NoCloud seed: cloud-init runs the user-data on first boot, as on a VM whose metadata service serves it. A node
  # started again after a stop boots from its disk with its instance id, so cloud-init does not run the user-data
  # again: a VM's reboot.
  local seed="$dir/upper/var/lib/cloud/seed/nocloud"
  mkdir -p "$seed"
  cp "$user_data" "$seed/user-data"
  [ -f "$seed/meta-data" ] || printf 'instance-id: %s\nlocal-hostname: %s\n' "$name-$(date +%s%N)" "$name" >"$seed/meta-data"

  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$bridge" up
  ip -n "$ns" link set lo up
  ip -n "$ns" address add "$address" dev eth0
  local a
  for a in "${extra[@]}"; do ip -n "$ns" address add "$a/32" dev eth0; done
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "$gateway"
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
  for a in "${extra[@]}"; do ip route replace "$a/32" via "${address%/*}" dev "$bridge"; done

  local binds=(--bind-ro="$TOOLS/bin:/opt/mecaas/k3s-stand-in/bin" --bind="$dir/containerd:/var/lib/rancher/k3s/agent/containerd")
  [ -n "${MECAAS_NODE_IMAGES:-}" ] && binds+=(--bind-ro="$MECAAS_NODE_IMAGES:/var/lib/rancher/k3s/agent/images")
  printf '%s\n' "${address%/*}" >"$dir/address"
  printf '%s\n' "${extra[@]}" >"$dir/extra-addresses"
  echo "$bridge" >"$dir/bridge"
  # The node's cgroups are entered by the subshell that becomes nspawn, so everything of the node is in them.
  (
    for cg in $(cgroup_dirs "$name"); do
      mkdir -p "$cg"
      # A new cpuset cgroup has no CPUs or memory nodes: it takes its parent's, or no process may enter it.
      for f in cpuset.cpus cpuset.mems; do [ -f "$cg/$f" ] && cat "$(dirname "$cg")/$f" >"$cg/$f"; done
      echo "$BASHPID" >"$cg/cgroup.procs"
    done
    exec systemd-nspawn --quiet --boot --machine="$name" --hostname="$name" --register=no --keep-unit \
      --resolv-conf=off --timezone=off --link-journal=no --console=pipe \
      --capability=all --system-call-filter=@keyring \
      --network-namespace-path="/run/netns/$ns" \
      --directory="$rootfs" --overlay="$rootfs:$dir/upper:/" "${binds[@]}" </dev/null >"$dir/console.log" 2>&1
  ) &
  echo $! >"$dir/nspawn.pid"
}

# After the node's nspawn has gone: its namespace (and so its veth), routes, cgroups.
cleanup_node() {
  local name=$1 dir ns a
  dir=$(node_dir "$name"); ns=$(netns_of "$name")
  if [ -f "$dir/extra-addresses" ]; then
    while read -r a; do if [ -n "$a" ]; then ip route del "$a/32" 2>/dev/null || true; fi; done <"$dir/extra-addresses"
  fi
  ip netns del "$ns" 2>/dev/null || true
  # The namespace can outlive its name while something still holds it (seen while other nodes ran: its veth stayed
  # until they stopped), and its veth with it: deleting our end removes the pair now, so the node can start again.
  ip link del "mv$(short "$name")" 2>/dev/null || true
  remove_cgroups "$name"
  rm -f "$dir/nspawn.pid"
}

cmd_stop() {
  local name=${1:?name} timeout=${2:-240} pid
  if pid=$(pid_of "$name") && kill -0 "$pid" 2>/dev/null; then
    # SIGTERM to nspawn powers the node off cleanly (units stop in order: the drain before the kubelet).
    kill -TERM "$pid"
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then
        echo "node.sh: $name did not power off within ${timeout}s; killed" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.5
    done
    wait "$pid" 2>/dev/null || true
  fi
  # What the node's processes left: containers' shims are in the node's cgroups too.
  local cg
  for cg in $(cgroup_dirs "$name"); do
    if [ -d "$cg" ]; then
      while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done < <(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null)
    fi
  done
  sleep 0.2
  cleanup_node "$name"
}

cmd_destroy() {
  local name=${1:?name}
  cmd_stop "$name" "${2:-240}"
  rm -rf "$(node_dir "$name")"
}

cmd_ip_of() { cat "$(node_dir "${1:?name}")/address"; }

# The node's PID 1 (its systemd), as the host sees it: the child of its nspawn that is PID 1 of its own namespace.
init_pid_of() {
  local nspawn pid
  nspawn=$(pid_of "$1") || return 1
  for pid in $(pgrep -P "$nspawn"); do
    if grep -qE '^NSpid:[[:space:]]+[0-9]+[[:space:]]+1$' "/proc/$pid/status" 2>/dev/null; then echo "$pid"; return 0; fi
  done
  return 1
}

cmd_exec() {
  local name=${1:?name} init
  shift
  init=$(init_pid_of "$name") || die "node $name is not running"
  nsenter --target "$init" --mount --uts --ipc --net --pid --cgroup --root --wd -- "$@"
}

# None for a node that is not running (its namespace goes with it).
cmd_addresses() {
  local ns
  ns=$(netns_of "${1:?name}")
  [ -e "/run/netns/$ns" ] || return 0
  ip -n "$ns" -4 -o address show dev eth0 | awk '{ print $4 }'
}

case "${1:-}" in
  network-up) shift; cmd_network_up "$@" ;;
  network-down) shift; cmd_network_down "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  dnat-up) shift; cmd_dnat_up "$@" ;;
  dnat-down) shift; cmd_dnat_down "$@" ;;
  destroy) shift; cmd_destroy "$@" ;;
  exec) shift; cmd_exec "$@" ;;
  ip-of) shift; cmd_ip_of "$@" ;;
  addresses) shift; cmd_addresses "$@" ;;
  host-prepare) cmd_host_prepare ;;
  host-restore) cmd_host_restore ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 64 ;;
esac
