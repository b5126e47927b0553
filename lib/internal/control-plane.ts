import { Construct } from "constructs";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { NetworkingFloatingipV2 } from "../../.gen/providers/openstack/networking-floatingip-v2";
import { ComputeInstanceV2 } from "../../.gen/providers/openstack/compute-instance-v2";
import { LbLoadbalancerV2 } from "../../.gen/providers/openstack/lb-loadbalancer-v2";
import { LbListenerV2 } from "../../.gen/providers/openstack/lb-listener-v2";
import { LbPoolV2 } from "../../.gen/providers/openstack/lb-pool-v2";
import { LbMonitorV2 } from "../../.gen/providers/openstack/lb-monitor-v2";
import { LbMembersV2 } from "../../.gen/providers/openstack/lb-members-v2";
import type { K8sClusterVnfProps } from "../k8s-cluster-vnf";
import { Ipv4Block, hostAddress } from "../cidr";
import { jsonString } from "../encoding";
import { InputError, requireCidr } from "../validation";
import { ApiVirtualIp, ApplyTimeScalar, BootstrapFile, NODE_DRAINER_RBAC_MANIFEST, seededCaFiles } from "../bootstrap/k3s-cloud-config";
import { API_PORT, ApiLoadBalancer, AttributeReader, CONTROLLER_HOST, ClusterNetwork } from "./cluster-network";
import { BootSetting, bootSettingsGuard } from "./boot-settings-guard";
import { DEFAULT_K3S_VERSION, DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR } from "./cluster-validation";
import { etcdSnapshotConfig } from "./etcd-snapshots";
import { withExtraK3sConfig } from "./k3s-extra-config";
import { NodeServers } from "./node-servers";

/** Counts etcd keeps a majority with: an even count survives no more failures than the odd count below it. */
const CONTROLLER_COUNTS = [1, 3, 5];
const MAX_CONTROLLERS = Math.max(...CONTROLLER_COUNTS);
/**
 * The API's virtual IP: below every server's address (hosts 10, 9, ... 6), so out of Neutron's allocation pool too and
 * the same whatever the count.
 */
const VIRTUAL_IP_HOST = CONTROLLER_HOST - MAX_CONTROLLERS;
/** keepalived's router id: each cluster has a node network of its own, so one value serves every cluster. */
const VRRP_ROUTER_ID = 51;

export function requireControllerCount(cluster: Construct, count: number): void {
  if (!CONTROLLER_COUNTS.includes(count)) {
    throw new InputError(cluster, "controllers", count, `use ${CONTROLLER_COUNTS.join(", ")}: etcd needs a majority of its ` +
      "members, so an even count survives no more server failures than the odd count below it (3 survive one, 5 two)");
  }
}

/** One k3s server of the cluster. */
export interface ControllerPlan {
  readonly index: number;
  /** Construct-id prefix: `controller` for the first (the ids a cluster of one always had), `controller-<i>` after. */
  readonly key: string;
  readonly name: string;
  /** Fixed: server i is host 10 - i, so the first keeps the address a cluster of one gives its controller. */
  readonly address: string;
  readonly port: NetworkingPortV2;
}

/**
 * The servers of a K8sClusterVnf and where its API is reached. One server: at its own address (and its floating IP).
 * Several (3 or 5, k3s's embedded etcd): at a virtual IP. With keepalived, a Neutron port that only reserves the
 * address, listed in every server's allowed address pairs so keepalived can move it to whichever server's API is
 * ready; with Octavia, a load balancer's VIP in front of every server. The API's floating IP is on that address.
 * Not a construct: what it makes are the cluster's own children.
 */
export class ControlPlane {
  /** The servers, the first first, each with its port on the main site. */
  readonly servers: ControllerPlan[];
  /** Where nodes on the cluster's own network reach the API: the virtual IP, or the one server's address. */
  readonly apiAddress: string;
  /** The API's floating IP: the one server's own, or the virtual IP's. */
  readonly apiFip: NetworkingFloatingipV2;
  /** Several servers, with etcd's quorum between them. */
  private readonly ha: boolean;
  /** The API's virtual IP when there are several servers. */
  private readonly virtualIp?: string;
  /** The address keepalived may move onto every server's port (none with Octavia, which owns its VIP). */
  private readonly movingAddress?: string;
  private readonly apiLoadBalancer: ApiLoadBalancer;
  /** The servers' own floating IPs: a cluster of one's (the API's), or every server's multi-site. */
  private readonly fips: Map<string, NetworkingFloatingipV2>;

  /** `props.controllers` is one of 1, 3, 5 (requireControllerCount). */
  constructor(
    private readonly cluster: Construct,
    private readonly clusterName: string,
    private readonly net: ClusterNetwork,
    block: Ipv4Block,
    private readonly props: K8sClusterVnfProps,
    private readonly attr: AttributeReader,
  ) {
    const count = props.controllers ?? 1;
    const multiSite = props.multiSite ?? false;
    const site = net.mainSite;
    this.apiLoadBalancer = props.apiLoadBalancer ?? "keepalived";
    this.ha = count > 1;
    this.virtualIp = this.ha ? hostAddress(block, VIRTUAL_IP_HOST) : undefined;
    this.movingAddress = this.apiLoadBalancer === "keepalived" ? this.virtualIp : undefined;
    const groups = [net.apiGroup, site.nodesGroup, ...(site.sshGroup ? [site.sshGroup] : [])];
    this.servers = Array.from({ length: count }, (_, index) => {
      const key = index === 0 ? "controller" : `controller-${index}`;
      const address = hostAddress(block, CONTROLLER_HOST - index);
      return { index, key, name: `${clusterName}-${key}`, address, port: net.port(key, site, groups, address, this.movingAddress) };
    });
    this.apiAddress = this.virtualIp ?? this.servers[0].address;
    // One server: its own floating IP is the API's. Several: the virtual IP's port has it, and the servers have one
    // of their own only multi-site (flannel's WireGuard runs between public addresses).
    this.fips = new Map(!this.ha || multiSite ? this.servers.map((s) => [s.key, net.floatingIp(s.key, site, s.port.id)]) : []);
    this.apiFip = this.ha ? this.virtualIpFip() : this.fips.get("controller")!;
    if (multiSite) for (const s of this.servers) net.admitPublicNode({ key: s.key, fip: this.fips.get(s.key)!, site });
    if (this.ha) net.admitBetweenServers(this.apiLoadBalancer);
  }

  /** The k3s servers, the first first: it starts the cluster (etcd's, with several), the others join it. */
  makeServers(nodeServers: NodeServers): ComputeInstanceV2[] {
    const { cluster, props } = this;
    const credentials = props.credentials;
    const multiSite = props.multiSite ?? false;
    const integration = props.openstackIntegration ?? false;
    const serviceBlock = requireCidr(cluster, "serviceCidr", props.serviceCidr ?? DEFAULT_SERVICE_CIDR);
    // Apply-time values reach the nodes' YAML as JSON strings or addresses (ApplyTimeScalar): the credentials are a
    // public interface, and a secret holding a quote or ": " must not break a node's boot.
    const publicAddress = ApplyTimeScalar.address(this.attr(this.apiFip, "address"));
    // k3s's snapshots of its embedded etcd, on each server and in an object store (several servers only).
    const snapshots = etcdSnapshotConfig(cluster, props, this.ha, this.clusterName);
    const serverConfig = (server: ControllerPlan): Record<string, unknown> => {
      const ownFip = this.fips.get(server.key);
      return {
        token: server.index === 0 ? ApplyTimeScalar.json(jsonString(credentials.joinSecret)) : nodeServers.joinToken(),
        // Several servers: the first starts etcd's cluster, the others join it through the API's virtual IP.
        ...(this.ha ? (server.index === 0 ? { "cluster-init": true } : { server: `https://${this.virtualIp}:${API_PORT}` }) : {}),
        "node-name": server.name,
        "tls-san": this.ha ? [publicAddress, this.virtualIp, server.address] : [publicAddress, server.address],
        "cluster-cidr": props.podCidr ?? DEFAULT_POD_CIDR,
        "service-cidr": serviceBlock.cidr,
        "cluster-dns": hostAddress(serviceBlock, 10),
        "flannel-backend": multiSite ? "wireguard-native" : "vxlan",
        "secrets-encryption": true,
        "write-kubeconfig-mode": "0600",
        ...snapshots,
        ...(integration ? { "disable-cloud-controller": true, ...nodeServers.cloudProvider } : {}),
        ...(props.controllerSchedulable ? {} : { "node-taint": ["node-role.kubernetes.io/control-plane:NoSchedule"] }),
        ...(multiSite && ownFip ? { "node-external-ip": ApplyTimeScalar.address(this.attr(ownFip, "address")), "flannel-external-ip": true } : {}),
      };
    };
    const seededCas: BootstrapFile[] = seededCaFiles(credentials);
    // Nodes keep the user-data they booted with: a plan that would change these for new nodes only fails instead.
    const bootGuard = bootSettingsGuard(cluster, this.clusterName, {
      k3s_version: {
        value: props.k3sVersion ?? DEFAULT_K3S_VERSION,
        instead: "Terraform does not upgrade running nodes, and new nodes would join with a newer k3s than the server's, " +
          "which Kubernetes' version-skew policy forbids. Upgrade the nodes in place first (README, \"Upgrades\"), then set k3sVersion to match.",
      },
      overlay: {
        value: multiSite ? "wireguard-native" : "vxlan",
        instead: "running nodes cannot switch the pod network's overlay. Create a new cluster with multiSite set as wanted and move the workloads.",
      },
      ...this.bootSettings(),
      cloud_provider: {
        value: integration ? "openstack" : "k3s",
        whenUnrecorded: "k3s",
        instead: "running nodes keep the kubelet's cloud provider they booted with (a new node of the other kind would stay " +
          "uninitialized, or be deleted by the CCM). Create a new cluster with openstackIntegration set as wanted and move the workloads.",
      },
    });
    return this.servers.map((server) => nodeServers.server(server.key, {
      name: server.name,
      site: this.net.mainSite,
      port: server.port,
      flavor: props.controllerFlavor ?? "m1.medium",
      imageId: props.controllerImageId ?? props.vim.imageId,
      volumeSize: props.controllerVolumeSize ?? 40,
      // Unpinned, Nova may pick any zone, an edge host's too: the first zone the VIM declares is its default.
      availabilityZone: props.controllerAvailabilityZone ?? props.vim.availabilityZones[0],
      stopBeforeDestroy: false,
      // The guard reads a record every server's plan shares; the first server always exists.
      preconditions: server.index === 0 ? bootGuard : undefined,
      userData: nodeServers.cloudConfig("server", server.name, withExtraK3sConfig(cluster, "k3sServerConfig", serverConfig(server), props.k3sServerConfig), [
        ...seededCas,
        { path: "/var/lib/rancher/k3s/server/manifests/mecaas-node-drainer.yaml", content: NODE_DRAINER_RBAC_MANIFEST },
      ], this.keepalived(server)),
    }));
  }

  /** The virtual IP (several servers only), and the API's floating IP on it. */
  private virtualIpFip(): NetworkingFloatingipV2 {
    const site = this.net.mainSite;
    if (this.apiLoadBalancer === "octavia") return this.net.floatingIp("api-lb", site, this.loadBalancer().vipPortId);
    const port: NetworkingPortV2 = this.net.port("api-vip", site, [this.net.apiGroup], this.virtualIp);
    return this.net.floatingIp("api-vip", site, port.id);
  }

  /**
   * An Octavia load balancer at the virtual IP: a TCP listener on the API's port (only the API's clients and the
   * node network admitted), every server a member, each checked by a TLS handshake (k3s answers /readyz to
   * authenticated clients only).
   */
  private loadBalancer(): LbLoadbalancerV2 {
    const { cluster, clusterName: name } = this;
    const site = this.net.mainSite;
    const provider = site.vim.provider;
    const lb = new LbLoadbalancerV2(cluster, "api-lb", {
      provider, name: `${name}-api`, vipSubnetId: site.subnet.id, vipAddress: this.virtualIp,
      description: `Kubernetes API of ${name}`,
    });
    const listener = new LbListenerV2(cluster, "api-lb-listener", {
      provider, name: `${name}-api`, loadbalancerId: lb.id, protocol: "TCP", protocolPort: API_PORT,
      allowedCidrs: [...this.props.apiAllowedCidrs, site.cidr],
    });
    const pool = new LbPoolV2(cluster, "api-lb-pool", { provider, name: `${name}-api`, listenerId: listener.id, protocol: "TCP", lbMethod: "ROUND_ROBIN" });
    new LbMonitorV2(cluster, "api-lb-monitor", { provider, poolId: pool.id, type: "TLS-HELLO", delay: 5, timeout: 3, maxRetries: 2 });
    new LbMembersV2(cluster, "api-lb-members", {
      provider, poolId: pool.id,
      member: this.servers.map((s) => ({ name: s.name, address: s.address, protocolPort: API_PORT, subnetId: site.subnet.id })),
    });
    return lb;
  }

  /**
   * The server count, for the cluster's record of what its nodes booted with: each server's keepalived knows its peers
   * and etcd its members from their first boot, so a running cluster of several servers keeps its count. A change to
   * one server is not caught (that configuration has no record of a count to compare): README, "Several servers".
   */
  private bootSettings(): Record<string, BootSetting> {
    if (!this.ha) return {};
    return {
      controllers: {
        value: String(this.servers.length),
        whenUnrecorded: "1",
        instead: "servers know their peers from their first boot, and removing servers must never take etcd's quorum with it. " +
          "Create a new cluster with the count wanted and move the workloads.",
      },
    };
  }

  /** What keepalived on `server` needs (several servers, no Octavia). */
  private keepalived(server: ControllerPlan): ApiVirtualIp | undefined {
    if (!this.movingAddress) return undefined;
    return {
      address: this.movingAddress,
      routerId: VRRP_ROUTER_ID,
      nodeName: server.name,
      ownAddress: server.address,
      peerAddresses: this.servers.filter((s) => s.index !== server.index).map((s) => s.address),
      // The first server's API is ready first: it takes the address first. No preemption after that (no flapping back).
      priority: 150 - server.index,
    };
  }
}
