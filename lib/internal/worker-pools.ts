import { Construct } from "constructs";
import { TerraformLocal } from "../cdk";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { ComputeInstanceV2 } from "../../.gen/providers/openstack/compute-instance-v2";
import { ComputeServergroupV2 } from "../../.gen/providers/openstack/compute-servergroup-v2";
import { ComputeInterfaceAttachV2 } from "../../.gen/providers/openstack/compute-interface-attach-v2";
import type { K8sClusterVnfProps, WorkerPoolProps } from "../k8s-cluster-vnf";
import { ApplyTimeScalar } from "../bootstrap/k3s-cloud-config";
import { renderKubeconfig } from "../kubeconfig";
import { base64 } from "../encoding";
import { API_PORT, AttributeReader, ClusterNetwork, Site } from "./cluster-network";
import { NodeServers } from "./node-servers";
import { withExtraK3sConfig } from "./k3s-extra-config";

/** What every worker of a K8sClusterVnf shares, whenever its pool is added. */
export interface WorkerPoolsContext {
  readonly cluster: Construct;
  readonly clusterName: string;
  readonly props: K8sClusterVnfProps;
  readonly net: ClusterNetwork;
  readonly servers: NodeServers;
  /** Where agents on the main site reach the API: the virtual IP, or the one server's address. */
  readonly apiAddress: string;
  /** The API's floating IP address, where agents on other sites reach it. */
  readonly apiPublicAddress: string;
  readonly attr: AttributeReader;
}

/** One worker node as the cluster lists it: its Kubernetes name, its port on the node network and its server. */
export interface WorkerNode {
  readonly name: string;
  readonly port: NetworkingPortV2;
  readonly server: ComputeInstanceV2;
}

/**
 * The worker pools of a K8sClusterVnf (the CIS): each node's port (and multi-site floating IP, admitted on every
 * site), its agent configuration, its server in the pool's server group, and its ports on the pool's attached
 * networks. A pool added after construction gets what it would have had in `workerPools`. Not a construct: what it
 * makes are the cluster's own children.
 */
export class WorkerPools {
  /** One drainer kubeconfig per API address (local or public): base64-encoded once in a local, not per node. */
  private readonly drainerKubeconfigs = new Map<string, string>();

  constructor(private readonly ctx: WorkerPoolsContext) {}

  /** The nodes of `pool` (at least one) on `site`, node 0 first. */
  add(pool: string, spec: WorkerPoolProps, site: Site): WorkerNode[] {
    const { ctx } = this;
    const { net, attr } = ctx;
    const remote = site !== net.mainSite;
    const server = `https://${remote ? ctx.apiPublicAddress : ctx.apiAddress}:${API_PORT}`;
    const drainerKubeconfig = this.drainerKubeconfig(server, remote);
    const serverGroup = this.serverGroup(pool, site);
    const groups = [site.nodesGroup, site.workersGroup, ...(site.sshGroup ? [site.sshGroup] : [])];
    return Array.from({ length: spec.size }, (_, i) => {
      const key = `${pool}-${i}`;
      const name = `${ctx.clusterName}-${key}`;
      const port = net.port(`worker-${key}`, site, groups);
      // Every node of a multi-site cluster has a public address from the start: flannel's WireGuard tunnels run
      // between them, so a pool on another VIM can join later with no change to a running node.
      const fip = ctx.props.multiSite ? net.floatingIp(`worker-${key}`, site, port.id) : undefined;
      if (fip) net.admitPublicNode({ key, fip, site });
      const agentConfig: Record<string, unknown> = {
        server: remote ? ApplyTimeScalar.address(server) : server,
        token: ctx.servers.joinToken(),
        "node-name": name,
        "node-label": Object.entries({ "mecaas.io/pool": pool, ...(spec.labels ?? {}) }).map(([k, v]) => `${k}=${v}`),
        ...(spec.taints?.length ? { "node-taint": [...spec.taints] } : {}),
        ...ctx.servers.cloudProvider,
        ...(fip ? { "node-external-ip": ApplyTimeScalar.address(attr(fip, "address")) } : {}),
      };
      const instance = ctx.servers.server(`worker-${key}`, {
        name,
        site,
        port,
        flavor: spec.flavor,
        imageId: site.vim.imageId,
        volumeSize: spec.volumeSize ?? 40,
        availabilityZone: spec.availabilityZone ?? site.vim.availabilityZones[0],
        stopBeforeDestroy: true,
        serverGroup,
        userData: ctx.servers.cloudConfig("agent", name, withExtraK3sConfig(ctx.cluster, "k3sAgentConfig", agentConfig, ctx.props.k3sAgentConfig), [
          { path: "/etc/mecaas/node-drainer.kubeconfig", content: drainerKubeconfig, encoding: "base64" },
        ]),
      });
      // A port of its own on each network the pool is attached to, plugged into the running server.
      (spec.attachedNetworkIds ?? []).forEach((networkId, n) => {
        const extra = net.attachedPort(`worker-${key}-attached-${n}`, site, networkId);
        new ComputeInterfaceAttachV2(ctx.cluster, `worker-${key}-attached-${n}-attach`, {
          provider: site.vim.provider, instanceId: instance.id, portId: attr(extra, "id"),
        });
      });
      return { name, port, server: instance };
    });
  }

  private drainerKubeconfig(server: string, remote: boolean): string {
    let kubeconfig = this.drainerKubeconfigs.get(server);
    if (kubeconfig === undefined) {
      const credentials = this.ctx.props.credentials;
      kubeconfig = new TerraformLocal(this.ctx.cluster, `node-drainer-kubeconfig${remote ? "-public" : ""}`, base64(renderKubeconfig(this.ctx.clusterName, {
        apiEndpoint: server,
        clusterCaCertificatePem: credentials.serverCa.certificatePem,
        clientCertificatePem: credentials.nodeDrainer.certificatePem,
        clientKeyPem: credentials.nodeDrainer.privateKeyPem,
      }))).asString;
      this.drainerKubeconfigs.set(server, kubeconfig);
    }
    return kubeconfig;
  }

  /** The pool's nodes spread across hypervisors (`antiAffinity`), or none. */
  private serverGroup(pool: string, site: Site): ComputeServergroupV2 | undefined {
    const policy = this.ctx.props.antiAffinity ?? "soft";
    if (policy === "none") return undefined;
    return new ComputeServergroupV2(this.ctx.cluster, `pool-${pool}-servergroup`, {
      provider: site.vim.provider,
      name: `${this.ctx.clusterName}-${pool}`,
      policies: [policy === "soft" ? "soft-anti-affinity" : "anti-affinity"],
    });
  }
}
