#!/bin/sh
# Stops as the machine shuts down (OpenStack stops workers before deleting them): drains this node and deletes it
# from Kubernetes, so scale-in moves workloads away before the VM disappears. A reboot therefore leaves and rejoins.
set -u

# shellcheck source=/dev/null
. /etc/mecaas/k3s.env
node="${NODE_NAME:?NODE_NAME missing from /etc/mecaas/k3s.env}"
kubeconfig=/etc/mecaas/node-drainer.kubeconfig

# Each request is bounded: with the API unreachable (the controller gone first, a partitioned edge site) the machine
# still powers off in seconds instead of waiting out TCP's connect timeouts and TimeoutStopSec.
kubectl="kubectl --kubeconfig $kubeconfig --request-timeout=15s"
$kubectl cordon "$node" || true
$kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --force --timeout=120s || true
$kubectl delete node "$node" --wait=false
