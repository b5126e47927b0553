import { Construct } from "constructs";
import { TerraformResource } from "../cdk";
import { NetworkingNetworkV2 } from "../../.gen/providers/openstack/networking-network-v2";
import { NetworkingSubnetV2 } from "../../.gen/providers/openstack/networking-subnet-v2";
import { NetworkingRouterV2 } from "../../.gen/providers/openstack/networking-router-v2";
import { NetworkingRouterInterfaceV2 } from "../../.gen/providers/openstack/networking-router-interface-v2";
import { NetworkingSecgroupV2 } from "../../.gen/providers/openstack/networking-secgroup-v2";
import { NetworkingSecgroupRuleV2 } from "../../.gen/providers/openstack/networking-secgroup-rule-v2";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { NetworkingFloatingipV2 } from "../../.gen/providers/openstack/networking-floatingip-v2";
import { Vim } from "../vim";
import { hostAddress, lastHostAddress, parseCidr } from "../cidr";

export const API_PORT = 6443;
/** What moves the API's address between the servers of a cluster of several. */
export type ApiLoadBalancer = "keepalived" | "octavia";
const KUBELET_PORT = 10250;
const VXLAN_PORT = 8472;
const WIREGUARD_PORT = 51820;
/** etcd's client and peer ports, between the servers of a cluster of several. */
const ETCD_PORTS = { min: 2379, max: 2380 };
const NODE_PORTS = { min: 30000, max: 32767 };
/** The controller's address inside the node network: fixed, so workers' user-data needs no apply-time value. */
export const CONTROLLER_HOST = 10;
/**
 * Neutron hands out addresses from here to the last host only, so no port made in parallel can take the controller's:
 * hosts 1-10 are the gateway's, the controller's and reserved.
 */
export const FIRST_DYNAMIC_HOST = CONTROLLER_HOST + 1;

/** One VIM's share of the cluster: its node network, router and security groups. */
export interface Site {
  readonly vim: Vim;
  /** The node network's CIDR. */
  readonly cidr: string;
  readonly subnet: NetworkingSubnetV2;
  readonly network: NetworkingNetworkV2;
  /** Routes the node network to the VIM's external network. */
  readonly router: NetworkingRouterV2;
  /** The subnet's route to the external network: Neutron has no floating IP for a port before it exists. */
  readonly routerInterface: NetworkingRouterInterfaceV2;
  /** Every node of the site: traffic between the nodes (kubelet, overlay). */
  readonly nodesGroup: NetworkingSecgroupV2;
  /** The site's workers: NodePorts, and what `allowFrom` opens by default. */
  readonly workersGroup: NetworkingSecgroupV2;
  /** SSH, when the cluster has a key and CIDRs for it. */
  readonly sshGroup?: NetworkingSecgroupV2;
}

/** A node with a public address, for the security rules of a multi-site cluster. */
export interface PublicNode {
  readonly key: string;
  readonly fip: NetworkingFloatingipV2;
  readonly site: Site;
}

export interface ClusterNetworkProps {
  readonly apiAllowedCidrs: readonly string[];
  readonly nodePortAllowedCidrs?: readonly string[];
  /** CIDRs allowed SSH; given only when SSH is on (a key and CIDRs). */
  readonly sshAllowedCidrs?: readonly string[];
  readonly dnsNameservers?: readonly string[];
  /** WireGuard between public node addresses instead of VXLAN between private ones. */
  readonly multiSite: boolean;
}

/**
 * The network side of a K8sClusterVnf: per VIM a node network routed to its external network with role-split security
 * groups (a Site), the nodes' ports and floating IPs, and the security rules between them. Not a construct: what it
 * makes are the cluster's own children, under the construct ids they always had (state addresses).
 */
export class ClusterNetwork {
  constructor(
    private readonly cluster: Construct,
    private readonly props: ClusterNetworkProps,
    /** The cluster's attribute reader (one token per attribute). */
    private readonly attr: (resource: TerraformResource, name: string) => string,
  ) {}

  private get id(): string {
    return this.cluster.node.id;
  }

  site(vim: Vim, cidr: string): Site {
    const { id, cluster } = this;
    const provider = vim.provider;
    const prefix = `site-${vim.name}`;
    const block = parseCidr(cidr)!; // checked by the cluster
    const network = new NetworkingNetworkV2(cluster, `${prefix}-network`, { provider, name: `${id}-${vim.name}-nodes`, adminStateUp: true });
    const subnet = new NetworkingSubnetV2(cluster, `${prefix}-subnet`, {
      provider,
      name: `${id}-${vim.name}-nodes`,
      networkId: this.attr(network, "id"),
      cidr,
      ipVersion: 4,
      allocationPool: [{ start: hostAddress(block, FIRST_DYNAMIC_HOST), end: lastHostAddress(block) }],
      dnsNameservers: this.props.dnsNameservers ? [...this.props.dnsNameservers] : undefined,
    });
    const router = new NetworkingRouterV2(cluster, `${prefix}-router`, { provider, name: `${id}-${vim.name}`, externalNetworkId: vim.externalNetworkId });
    const routerInterface = new NetworkingRouterInterfaceV2(cluster, `${prefix}-router-interface`, {
      provider, routerId: router.id, subnetId: this.attr(subnet, "id"),
    });
    const group = (role: string, description: string) => new NetworkingSecgroupV2(cluster, `${prefix}-${role}-secgroup`, {
      provider, name: `${id}-${vim.name}-${role}`, description, deleteDefaultRules: false,
    });
    return {
      vim, cidr, network, subnet, router, routerInterface,
      nodesGroup: group("nodes", `Traffic between the nodes of ${id}`),
      workersGroup: group("workers", `NodePorts of ${id}`),
      sshGroup: this.props.sshAllowedCidrs?.length ? group("ssh", `SSH to the nodes of ${id}`) : undefined,
    };
  }

  /** The controller's own group, for the API, so its rules stay apart from the workers'. */
  apiGroup(vim: Vim): NetworkingSecgroupV2 {
    return new NetworkingSecgroupV2(this.cluster, "controller-secgroup", {
      provider: vim.provider,
      name: `${this.id}-controller`,
      description: `Kubernetes API of ${this.id}`,
      deleteDefaultRules: false,
    });
  }

  /** `movingAddress`: an address keepalived may move onto this port (the API's virtual IP), else none. */
  port(key: string, site: Site, groups: NetworkingSecgroupV2[], fixedAddress?: string, movingAddress?: string): NetworkingPortV2 {
    return new NetworkingPortV2(this.cluster, `${key}-port`, {
      provider: site.vim.provider,
      name: `${this.id}-${key}`,
      networkId: this.attr(site.network, "id"),
      adminStateUp: true,
      securityGroupIds: groups.map((g) => this.attr(g, "id")),
      fixedIp: [{ subnetId: this.attr(site.subnet, "id"), ipAddress: fixedAddress }],
      allowedAddressPairs: movingAddress ? [{ ipAddress: movingAddress }] : undefined,
    });
  }

  /** A node's port on another network of its VIM (`attachedNetworkIds`), with the site's workers' security group. */
  attachedPort(key: string, site: Site, networkId: string): NetworkingPortV2 {
    return new NetworkingPortV2(this.cluster, `${key}-port`, {
      provider: site.vim.provider,
      name: `${this.id}-${key}`,
      networkId,
      adminStateUp: true,
      securityGroupIds: [this.attr(site.workersGroup, "id")],
    });
  }

  /** A floating IP on the port `portId` (a node's, or a virtual IP's: keepalived's or a load balancer's). */
  floatingIp(key: string, site: Site, portId: string): NetworkingFloatingipV2 {
    return new NetworkingFloatingipV2(this.cluster, `${key}-fip`, {
      provider: site.vim.provider,
      pool: site.vim.externalNetworkName,
      portId,
      description: `${this.id} ${key}`,
      // Neutron answers 404 ExternalGatewayForFloatingIPNotFound until the port's subnet is on the router.
      dependsOn: [site.routerInterface],
    });
  }

  /**
   * Security rules: the API from allowed CIDRs and from nodes; kubelet and overlay only between nodes; NodePorts and
   * SSH from the CIDRs given. Multi-site, also from every node's floating IP (`publicNodes`, the controller first).
   */
  admit(sites: Iterable<Site>, mainSite: Site, apiGroup: NetworkingSecgroupV2, publicNodes: readonly PublicNode[]): void {
    const props = this.props;
    const overlay = props.multiSite ? WIREGUARD_PORT : VXLAN_PORT;
    const all = [...sites];
    for (const cidr of props.apiAllowedCidrs) this.allow(apiGroup, `api-from-${cidr}`, "tcp", API_PORT, API_PORT, { cidr });
    for (const site of all) {
      if (site === mainSite) this.allow(apiGroup, `api-from-${site.vim.name}-nodes`, "tcp", API_PORT, API_PORT, { group: site.nodesGroup });
      this.allow(site.nodesGroup, "kubelet-from-nodes", "tcp", KUBELET_PORT, KUBELET_PORT, { group: site.nodesGroup });
      this.allow(site.nodesGroup, "overlay-from-nodes", "udp", overlay, overlay, { group: site.nodesGroup });
      for (const cidr of props.nodePortAllowedCidrs ?? []) {
        for (const protocol of ["tcp", "udp"] as const) {
          this.allow(site.workersGroup, `nodeports-${protocol}-from-${cidr}`, protocol, NODE_PORTS.min, NODE_PORTS.max, { cidr });
        }
      }
      if (site.sshGroup) {
        for (const cidr of props.sshAllowedCidrs ?? []) this.allow(site.sshGroup, `ssh-from-${cidr}`, "tcp", 22, 22, { cidr });
      }
    }
    if (!props.multiSite) return;
    // Nodes meet through their floating IPs (flannel-external-ip), so each site admits every node's public address.
    for (const site of all) {
      for (const peer of publicNodes) {
        const from = { cidr: `${this.attr(peer.fip, "address")}/32` };
        this.allow(site.nodesGroup, `overlay-from-${peer.key}`, "udp", overlay, overlay, from);
        this.allow(site.nodesGroup, `kubelet-from-${peer.key}`, "tcp", KUBELET_PORT, KUBELET_PORT, from);
        if (site === mainSite && peer.site !== mainSite) {
          this.allow(apiGroup, `api-from-${peer.key}`, "tcp", API_PORT, API_PORT, from);
        }
      }
    }
  }

  /**
   * Between the servers of a cluster of several: etcd (clients and peers), and keepalived's VRRP or (an Octavia load
   * balancer in front) the API from the load balancer's own addresses in the node network.
   */
  admitBetweenServers(apiGroup: NetworkingSecgroupV2, site: Site, apiLoadBalancer: ApiLoadBalancer): void {
    this.allow(apiGroup, "etcd-from-servers", "tcp", ETCD_PORTS.min, ETCD_PORTS.max, { group: apiGroup });
    if (apiLoadBalancer === "keepalived") this.allow(apiGroup, "vrrp-from-servers", "vrrp", undefined, undefined, { group: apiGroup });
    else this.allow(apiGroup, `api-from-${site.vim.name}-load-balancer`, "tcp", API_PORT, API_PORT, { cidr: site.cidr });
  }

  /** An ingress rule on `group`; `key` is unique within the group (K8sClusterVnf.allowFrom's start with `allow-`). */
  allow(group: NetworkingSecgroupV2, key: string, protocol: "tcp" | "udp" | "vrrp", min: number | undefined, max: number | undefined,
    from: { cidr?: string; group?: NetworkingSecgroupV2 }): void {
    new NetworkingSecgroupRuleV2(this.cluster, `${group.node.id}-${key.replace(/[./]/g, "_")}`, {
      provider: group.provider,
      securityGroupId: this.attr(group, "id"),
      direction: "ingress",
      ethertype: "IPv4",
      protocol,
      portRangeMin: min,
      portRangeMax: max,
      remoteIpPrefix: from.cidr,
      remoteGroupId: from.group && this.attr(from.group, "id"),
    });
  }
}
