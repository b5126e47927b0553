import { Construct } from "constructs";
import { InputError } from "../validation";

/**
 * k3s settings K8sClusterVnf decides, on some node or other: join, identity, addresses, networks, datastore, overlay,
 * taints and labels. A user's extra settings may not name them, whatever the node (so a setting accepted for one
 * cluster is not refused for the next one with another shape).
 */
const OWNED = [
  "token", "token-file", "agent-token", "agent-token-file", "server", "cluster-init", "node-name", "with-node-id", "node-ip", "node-external-ip",
  "tls-san", "cluster-cidr", "service-cidr", "cluster-dns", "flannel-backend", "flannel-external-ip", "secrets-encryption",
  "write-kubeconfig-mode", "node-taint", "node-label", "data-dir", "datastore-endpoint", "disable-cloud-controller",
];

/**
 * `ours` with the user's `extra` settings under it (`k3sServerConfig` or `k3sAgentConfig`): extra keys the construct
 * owns, or sets on this node, are refused with the prop that sets them instead.
 */
export function withExtraK3sConfig(scope: Construct, field: string, ours: Record<string, unknown>, extra?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!extra) return ours;
  for (const key of Object.keys(extra)) {
    if (OWNED.includes(key) || key in ours || key.startsWith("etcd-")) {
      throw new InputError(scope, `${field}.${key}`, extra[key],
        "K8sClusterVnf sets this k3s setting itself (from its props: podCidr, serviceCidr, multiSite, workerPools' labels and taints, " +
        "controllers, etcdSnapshots, openstackIntegration, ...); set it through those props, and keep k3sServerConfig/k3sAgentConfig " +
        'for settings of your own (e.g. disable: ["traefik", "servicelb"], kube-apiserver-arg)');
    }
  }
  return { ...extra, ...ours };
}
