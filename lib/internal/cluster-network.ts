import { Construct } from "constructs";
import { TerraformResource, Token } from "../cdk";
import { NetworkingNetworkV2 } from "../../.gen/providers/openstack/networking-network-v2";
import { NetworkingSubnetV2 } from "../../.gen/providers/openstack/networking-subnet-v2";
import { NetworkingRouterV2 } from "../../.gen/providers/openstack/networking-router-v2";
import { NetworkingRouterInterfaceV2 } from "../../.gen/providers/openstack/networking-router-interface-v2";
import { NetworkingSecgroupV2 } from "../../.gen/providers/openstack/networking-secgroup-v2";
import { NetworkingSecgroupRuleV2 } from "../../.gen/providers/openstack/networking-secgroup-rule-v2";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { NetworkingFloatingipV2 } from "../../.gen/providers/openstack/networking-floatingip-v2";
import type { AllowFromOptions, K8sClusterVnfProps } from "../k8s-cluster-vnf";
import { Vim } from "../vim";
import { hostAddress, lastHostAddress, parseCidr } from "../cidr";
import { InputError, requireCidr, requireDnsLabel } from "../validation";

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

/** Reads an attribute of a resource, once per attribute. */
export type AttributeReader = (resource: TerraformResource, name: string) => string;

/**
 * A cluster's attribute reader: every read of a binding's attribute makes a new token, and cdktf records a stack
 * trace for each, which dominated synth time for large catalogs.
 */
export function attributeReader(): AttributeReader {
  const values = new Map<string, string>();
  return (resource, name) => {
    const key = `${resource.node.path}#${name}`;
    let value = values.get(key);
    if (value === undefined) {
      value = resource.getStringAttribute(name);
      values.set(key, value);
    }
    return value;
  };
}

/** A rule of `K8sClusterVnf.allowFrom` on every site's workers or nodes. */
interface SiteRule {
  readonly to: "workers" | "nodes";
  readonly key: string;
  readonly protocol: "tcp" | "udp";
  readonly min: number;
  readonly max: number;
  readonly from: { cidr?: string; group?: NetworkingSecgroupV2 };
}

/**
 * The network side of a K8sClusterVnf: per VIM a node network routed to its external network with role-split security
 * groups (a Site), the nodes' ports and floating IPs, and the security rules between them: the API from allowed CIDRs
 * and from nodes; kubelet and overlay only between nodes; NodePorts and SSH from the CIDRs given; multi-site, from every
 * node's floating IP too. Sites and public nodes may come after construction (`K8sClusterVnf.addWorkerPool`): each
 * gets the rules it would have had from the start. Not a construct: what it makes are the cluster's own children,
 * under the construct ids they always had (state addresses).
 */
export class ClusterNetwork {
  /** Each site by VIM name, the main site first. */
  readonly sites: Record<string, Site> = {};
  readonly mainSite: Site;
  /** The servers' own group, for the API, so its rules stay apart from the workers'. */
  readonly apiGroup: NetworkingSecgroupV2;
  /** Multi-site: every node's floating IP so far, which a site made later admits too. */
  private readonly publicNodes: PublicNode[] = [];
  /** `allowFrom`'s rules on every site so far, which a site made later gets too. */
  private readonly siteRules: SiteRule[] = [];

  /** Makes the main site, on `props.vim` with the node network `nodeCidr`, and the servers' group. */
  constructor(
    private readonly cluster: Construct,
    private readonly clusterName: string,
    private readonly props: K8sClusterVnfProps,
    nodeCidr: string,
    private readonly attr: AttributeReader,
  ) {
    this.apiGroup = new NetworkingSecgroupV2(cluster, "controller-secgroup", {
      provider: props.vim.provider, name: `${clusterName}-controller`, description: `Kubernetes API of ${clusterName}`, deleteDefaultRules: false,
    });
    for (const cidr of props.apiAllowedCidrs) this.allow(this.apiGroup, `api-from-${cidr}`, "tcp", API_PORT, API_PORT, { cidr });
    this.mainSite = this.addSite(props.vim, nodeCidr);
  }

  /** SSH is opened only with a key to log in with. */
  private get sshAllowedCidrs(): readonly string[] {
    return this.props.sshPublicKey ? this.props.sshAllowedCidrs ?? [] : [];
  }

  private get overlayPort(): number {
    return this.props.multiSite ? WIREGUARD_PORT : VXLAN_PORT;
  }

  /** The site on `vim`, with its rules (multi-site, from every public node so far). */
  addSite(vim: Vim, cidr: string): Site {
    const { cluster, props } = this;
    const name = this.clusterName;
    const provider = vim.provider;
    const prefix = `site-${vim.name}`;
    const block = parseCidr(cidr)!; // checked by the cluster
    const network = new NetworkingNetworkV2(cluster, `${prefix}-network`, { provider, name: `${name}-${vim.name}-nodes`, adminStateUp: true });
    const subnet = new NetworkingSubnetV2(cluster, `${prefix}-subnet`, {
      provider,
      name: `${name}-${vim.name}-nodes`,
      networkId: this.attr(network, "id"),
      cidr,
      ipVersion: 4,
      allocationPool: [{ start: hostAddress(block, FIRST_DYNAMIC_HOST), end: lastHostAddress(block) }],
      dnsNameservers: props.dnsNameservers ? [...props.dnsNameservers] : undefined,
    });
    const router = new NetworkingRouterV2(cluster, `${prefix}-router`, { provider, name: `${name}-${vim.name}`, externalNetworkId: vim.externalNetworkId });
    const routerInterface = new NetworkingRouterInterfaceV2(cluster, `${prefix}-router-interface`, {
      provider, routerId: router.id, subnetId: this.attr(subnet, "id"),
    });
    const group = (role: string, description: string) => new NetworkingSecgroupV2(cluster, `${prefix}-${role}-secgroup`, {
      provider, name: `${name}-${vim.name}-${role}`, description, deleteDefaultRules: false,
    });
    const site: Site = {
      vim, cidr, network, subnet, router, routerInterface,
      nodesGroup: group("nodes", `Traffic between the nodes of ${name}`),
      workersGroup: group("workers", `NodePorts of ${name}`),
      sshGroup: this.sshAllowedCidrs.length ? group("ssh", `SSH to the nodes of ${name}`) : undefined,
    };
    this.sites[vim.name] = site;
    this.admitOnSite(site);
    return site;
  }

  /** `movingAddress`: an address keepalived may move onto this port (the API's virtual IP), else none. */
  port(key: string, site: Site, groups: NetworkingSecgroupV2[], fixedAddress?: string, movingAddress?: string): NetworkingPortV2 {
    return new NetworkingPortV2(this.cluster, `${key}-port`, {
      provider: site.vim.provider,
      name: `${this.clusterName}-${key}`,
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
      name: `${this.clusterName}-${key}`,
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
      description: `${this.clusterName} ${key}`,
      // Neutron answers 404 ExternalGatewayForFloatingIPNotFound until the port's subnet is on the router.
      dependsOn: [site.routerInterface],
    });
  }

  /**
   * Multi-site: a node's floating IP admitted on every site, now and later. Nodes meet through their floating IPs
   * (flannel-external-ip), so each site admits every node's public address.
   */
  admitPublicNode(node: PublicNode): void {
    this.publicNodes.push(node);
    for (const site of Object.values(this.sites)) this.admitPeer(site, node);
  }

  /**
   * `K8sClusterVnf.allowFrom`: `port` (or a range) opened to a peer CIDR or security group, on the servers' group or
   * on every site's workers' (or nodes') group, sites made later included.
   */
  allowFrom(id: string, peer: string | NetworkingSecgroupV2, port: number | readonly [number, number], options: AllowFromOptions): void {
    const cluster = this.cluster;
    requireDnsLabel(cluster, "allowFrom id", id);
    const [min, max] = typeof port === "number" ? [port, port] : port;
    if (![min, max].every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) || min > max) {
      throw new InputError(cluster, `allowFrom(${id}) port`, port, "give a port from 1 to 65535, or a range [from, to] with from <= to");
    }
    const from = typeof peer === "string" ? { cidr: Token.isUnresolved(peer) ? peer : requireCidr(cluster, `allowFrom(${id}) peer`, peer).cidr } : { group: peer };
    const key = `allow-${id}`;
    const protocol = options.protocol ?? "tcp";
    const to = options.to ?? "workers";
    if (to === "controllers") {
      this.allow(this.apiGroup, key, protocol, min, max, from);
    } else {
      const rule: SiteRule = { to, key, protocol, min, max, from };
      this.siteRules.push(rule);
      for (const site of Object.values(this.sites)) this.allowOnSite(site, rule);
    }
  }

  private admitOnSite(site: Site): void {
    const props = this.props;
    const overlay = this.overlayPort;
    if (site.vim === props.vim) this.allow(this.apiGroup, `api-from-${site.vim.name}-nodes`, "tcp", API_PORT, API_PORT, { group: site.nodesGroup });
    this.allow(site.nodesGroup, "kubelet-from-nodes", "tcp", KUBELET_PORT, KUBELET_PORT, { group: site.nodesGroup });
    this.allow(site.nodesGroup, "overlay-from-nodes", "udp", overlay, overlay, { group: site.nodesGroup });
    for (const cidr of props.nodePortAllowedCidrs ?? []) {
      for (const protocol of ["tcp", "udp"] as const) {
        this.allow(site.workersGroup, `nodeports-${protocol}-from-${cidr}`, protocol, NODE_PORTS.min, NODE_PORTS.max, { cidr });
      }
    }
    if (site.sshGroup) {
      for (const cidr of this.sshAllowedCidrs) this.allow(site.sshGroup, `ssh-from-${cidr}`, "tcp", 22, 22, { cidr });
    }
    for (const peer of this.publicNodes) this.admitPeer(site, peer);
    for (const rule of this.siteRules) this.allowOnSite(site, rule);
  }

  private admitPeer(site: Site, peer: PublicNode): void {
    const overlay = this.overlayPort;
    const from = { cidr: `${this.attr(peer.fip, "address")}/32` };
    this.allow(site.nodesGroup, `overlay-from-${peer.key}`, "udp", overlay, overlay, from);
    this.allow(site.nodesGroup, `kubelet-from-${peer.key}`, "tcp", KUBELET_PORT, KUBELET_PORT, from);
    if (site === this.mainSite && peer.site !== this.mainSite) {
      this.allow(this.apiGroup, `api-from-${peer.key}`, "tcp", API_PORT, API_PORT, from);
    }
  }

  private allowOnSite(site: Site, rule: SiteRule): void {
    this.allow(rule.to === "workers" ? site.workersGroup : site.nodesGroup, rule.key, rule.protocol, rule.min, rule.max, rule.from);
  }

  /**
   * Between the servers of a cluster of several: etcd (clients and peers), and keepalived's VRRP or (an Octavia load
   * balancer in front) the API from the load balancer's own addresses in the node network.
   */
  admitBetweenServers(apiLoadBalancer: ApiLoadBalancer): void {
    const { apiGroup, mainSite } = this;
    this.allow(apiGroup, "etcd-from-servers", "tcp", ETCD_PORTS.min, ETCD_PORTS.max, { group: apiGroup });
    if (apiLoadBalancer === "keepalived") this.allow(apiGroup, "vrrp-from-servers", "vrrp", undefined, undefined, { group: apiGroup });
    else this.allow(apiGroup, `api-from-${mainSite.vim.name}-load-balancer`, "tcp", API_PORT, API_PORT, { cidr: mainSite.cidr });
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
