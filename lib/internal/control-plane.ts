import { Construct } from "constructs";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { NetworkingFloatingipV2 } from "../../.gen/providers/openstack/networking-floatingip-v2";
import { NetworkingSecgroupV2 } from "../../.gen/providers/openstack/networking-secgroup-v2";
import { LbLoadbalancerV2 } from "../../.gen/providers/openstack/lb-loadbalancer-v2";
import { LbListenerV2 } from "../../.gen/providers/openstack/lb-listener-v2";
import { LbPoolV2 } from "../../.gen/providers/openstack/lb-pool-v2";
import { LbMonitorV2 } from "../../.gen/providers/openstack/lb-monitor-v2";
import { LbMembersV2 } from "../../.gen/providers/openstack/lb-members-v2";
import { Ipv4Block, hostAddress } from "../cidr";
import { InputError } from "../validation";
import { ApiVirtualIp } from "../bootstrap/k3s-cloud-config";
import { API_PORT, ApiLoadBalancer, CONTROLLER_HOST, ClusterNetwork, Site } from "./cluster-network";
import { BootSetting } from "./boot-settings-guard";

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
}

/**
 * The servers of a K8sClusterVnf and where its API is reached. One server: at its own address (and its floating IP).
 * Several (3 or 5, k3s's embedded etcd): at a virtual IP. With keepalived, a Neutron port that only reserves the
 * address, listed in every server's allowed address pairs so keepalived can move it to whichever server's API is
 * ready; with Octavia, a load balancer's VIP in front of every server. The API's floating IP is on that address.
 * Not a construct: what it makes are the cluster's own children.
 */
export class ControlPlane {
  readonly servers: ControllerPlan[];
  /** Several servers, with etcd's quorum between them. */
  readonly ha: boolean;
  /** The API's virtual IP when there are several servers. */
  readonly virtualIp?: string;
  /** Where nodes on the cluster's own network reach the API: the virtual IP, or the one server's address. */
  readonly apiAddress: string;
  /** The address keepalived may move onto every server's port (none with Octavia, which owns its VIP). */
  readonly movingAddress?: string;

  /** `count` is one of 1, 3, 5 (requireControllerCount). */
  constructor(
    private readonly cluster: Construct,
    private readonly net: ClusterNetwork,
    private readonly site: Site,
    block: Ipv4Block,
    private readonly apiGroup: NetworkingSecgroupV2,
    count: number,
    readonly apiLoadBalancer: ApiLoadBalancer,
    /** Who may reach the API through an Octavia listener (its allowed CIDRs). */
    private readonly apiClientCidrs: readonly string[],
  ) {
    const id = cluster.node.id;
    this.servers = Array.from({ length: count }, (_, index) => {
      const key = index === 0 ? "controller" : `controller-${index}`;
      return { index, key, name: `${id}-${key}`, address: hostAddress(block, CONTROLLER_HOST - index) };
    });
    this.ha = count > 1;
    this.virtualIp = this.ha ? hostAddress(block, VIRTUAL_IP_HOST) : undefined;
    this.apiAddress = this.virtualIp ?? this.servers[0].address;
    this.movingAddress = apiLoadBalancer === "keepalived" ? this.virtualIp : undefined;
  }

  /** The virtual IP (several servers only), and the API's floating IP on it. */
  virtualIpFip(): NetworkingFloatingipV2 {
    if (this.apiLoadBalancer === "octavia") return this.net.floatingIp("api-lb", this.site, this.loadBalancer().vipPortId);
    const port: NetworkingPortV2 = this.net.port("api-vip", this.site, [this.apiGroup], this.virtualIp);
    return this.net.floatingIp("api-vip", this.site, port.id);
  }

  /**
   * An Octavia load balancer at the virtual IP: a TCP listener on the API's port (only the API's clients and the
   * node network admitted), every server a member, each checked by a TLS handshake (k3s answers /readyz to
   * authenticated clients only).
   */
  private loadBalancer(): LbLoadbalancerV2 {
    const { cluster, site } = this;
    const provider = site.vim.provider;
    const id = cluster.node.id;
    const lb = new LbLoadbalancerV2(cluster, "api-lb", {
      provider, name: `${id}-api`, vipSubnetId: site.subnet.id, vipAddress: this.virtualIp,
      description: `Kubernetes API of ${id}`,
    });
    const listener = new LbListenerV2(cluster, "api-lb-listener", {
      provider, name: `${id}-api`, loadbalancerId: lb.id, protocol: "TCP", protocolPort: API_PORT,
      allowedCidrs: [...this.apiClientCidrs, site.cidr],
    });
    const pool = new LbPoolV2(cluster, "api-lb-pool", { provider, name: `${id}-api`, listenerId: listener.id, protocol: "TCP", lbMethod: "ROUND_ROBIN" });
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
  bootSettings(): Record<string, BootSetting> {
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
  keepalived(server: ControllerPlan): ApiVirtualIp | undefined {
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
