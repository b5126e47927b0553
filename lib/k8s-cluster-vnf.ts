import { Construct } from "constructs";
import { Fn } from "./cdk";
import { stableOutput } from "./stable-output";
import { NetworkingPortV2 } from "../.gen/providers/openstack/networking-port-v2";
import { ComputeInstanceV2 } from "../.gen/providers/openstack/compute-instance-v2";
import { NetworkingSecgroupV2 } from "../.gen/providers/openstack/networking-secgroup-v2";
import { Vim } from "./vim";
import { ClusterAccess } from "./cluster-access";
import { ClusterCredentials } from "./cluster-pki";
import { renderKubeconfig } from "./kubeconfig";
import { InputError, requireDnsLabel } from "./validation";
import { API_PORT, ClusterNetwork, Site, attributeReader } from "./internal/cluster-network";
import { ControlPlane } from "./internal/control-plane";
import { DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR, SiteCidrs, validateCluster, validateWorkerPool } from "./internal/cluster-validation";
import { EtcdSnapshotProps } from "./internal/etcd-snapshots";
import { NodeServers } from "./internal/node-servers";
import { WorkerPools } from "./internal/worker-pools";
import { ClusterCloudCredential } from "./cluster-cloud-credential";

/** A named group of identical worker nodes (CIS), optionally on another VIM or zone: a MEC host. */
export interface WorkerPoolProps {
  /** Number of nodes. Scaling in removes the highest-numbered nodes; each drains itself first. */
  readonly size: number;
  /** Nova flavor name. */
  readonly flavor: string;
  /**
   * Name of the VIM the pool runs on (the cluster's `vim` or one of `edgeVims`).
   * @default - the cluster's VIM
   */
  readonly vim?: string;
  /**
   * Nova availability zone of the pool's nodes.
   * @default - the first of its VIM's `availabilityZones`; Nova's choice when the VIM declares none
   */
  readonly availabilityZone?: string;
  /** Kubernetes node labels. @default - only `mecaas.io/pool` */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes node taints, `key=value:Effect`. @default - none */
  readonly taints?: readonly string[];
  /** Boot volume size in GB. @default 40 */
  readonly volumeSize?: number;
  /**
   * Neutron networks on the pool's VIM each node gets a port on besides the node network (a shared RAN or edge
   * network), attached to running nodes too, without replacing them. The ports have the workers' security group.
   * @default - none
   */
  readonly attachedNetworkIds?: readonly string[];
}

/** The cluster's share of one VIM: node network, subnet, router and security groups, for resources of one's own. */
export type ClusterSite = Site;

/** How `K8sClusterVnf.allowFrom` opens a port. */
export interface AllowFromOptions {
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
  /** Whose port: the workers of every site, every node of every site, or the servers. @default "workers" */
  readonly to?: "workers" | "nodes" | "controllers";
}

export interface K8sClusterVnfProps extends EtcdSnapshotProps {
  /**
   * The cluster's name in what it makes: OpenStack resource names (`<clusterName>-core-nodes`), Kubernetes node names
   * (`<clusterName>-main-0`), the kubeconfig's cluster, the servers' `mecaas-cluster` metadata, the cloud credential,
   * the etcd snapshots' folder. A DNS label of at most 20 characters; given, the construct id may be any id. Decide
   * when the cluster is created: running nodes keep the names they booted with.
   * @default - the construct id
   */
  readonly clusterName?: string;
  /** The VIM of the control plane (CISM) and of pools that name no other. */
  readonly vim: Vim;
  /** Other VIMs pools may be placed on (new edge hosts); pools there need `multiSite`. @default - none */
  readonly edgeVims?: readonly Vim[];
  /**
   * Build the cluster for nodes on several VIMs from the start: a floating IP on every node and flannel's WireGuard
   * overlay (`wireguard-native`, encrypted) between the nodes' public addresses, so pools on `edgeVims` can be added
   * at any time without touching the nodes that run. Pools on `edgeVims` need it. Decide when the cluster is created:
   * nodes keep the overlay they booted with (user-data is never re-applied to a running node), so a running
   * single-site cluster cannot switch.
   * @default false - VXLAN between the nodes' private addresses, every pool on `vim`
   */
  readonly multiSite?: boolean;
  /** CAs, client certificates and join secret, made by a ClusterPki (often in another stack). */
  readonly credentials: ClusterCredentials;
  /**
   * Number of k3s servers (the control plane): 1, or 3 or 5 with k3s's embedded etcd, which survive the loss of one or
   * two servers. Several servers share the API at a virtual IP on the node network (a Neutron port reserving it, in
   * every server's allowed address pairs; keepalived moves it to a server whose API is ready), with the API's floating
   * IP on it; the first server starts etcd's cluster, the others join it there. Several need `credentials` with etcd's
   * CAs (a ClusterPki with `embeddedEtcd`). Decide when the cluster is created: a running cluster of several keeps
   * its count (a plan changing it fails), and servers are never a scalable pool. A change from several to one cannot
   * be caught at synth or plan and would remove servers holding etcd's quorum: never make it (README).
   * @default 1
   */
  readonly controllers?: number;
  /**
   * What puts the API's virtual IP in front of several servers: `keepalived` on the servers (any OpenStack), or an
   * Octavia load balancer (health checked by the cloud, API load spread over every server). Not for a multi-site
   * cluster (its listener would have to admit every node's floating IP). Octavia is not applied on this project's
   * test bed (README).
   * @default "keepalived"
   */
  readonly apiLoadBalancer?: "keepalived" | "octavia";
  /** Flavor of every server. @default "m1.medium" */
  readonly controllerFlavor?: string;
  /** Glance image id of the controller. @default - the VIM's image */
  readonly controllerImageId?: string;
  /** @default 40 */
  readonly controllerVolumeSize?: number;
  /**
   * Nova availability zone of the controller.
   * @default - the first of `vim`'s `availabilityZones`; Nova's choice when the VIM declares none
   */
  readonly controllerAvailabilityZone?: string;
  /** Let ordinary workloads run on the controller (small clusters). @default false */
  readonly controllerSchedulable?: boolean;
  /**
   * Worker pools keyed by a stable name; `addWorkerPool` adds more. @default - none (then, by synth, a pool from
   * `addWorkerPool` or `controllerSchedulable: true`)
   */
  readonly workerPools?: Readonly<Record<string, WorkerPoolProps>>;
  /** Network of the nodes on the cluster's VIM. @default "10.20.0.0/24" */
  readonly nodeCidr?: string;
  /**
   * Node network per edge VIM name. @default - the blocks following `nodeCidr`, one per edge VIM in use
   */
  readonly edgeNodeCidrs?: Readonly<Record<string, string>>;
  /** @default "10.42.0.0/16" */
  readonly podCidr?: string;
  /** @default "10.43.0.0/16" */
  readonly serviceCidr?: string;
  /** DNS servers of the node subnets. @default - the VIM's DHCP defaults */
  readonly dnsNameservers?: readonly string[];
  /** @default "v1.33.4+k3s1" */
  readonly k3sVersion?: string;
  /** Base URL of k3s release assets (a mirror for air-gapped edge sites). @default "https://github.com/k3s-io/k3s/releases/download" */
  readonly k3sDownloadUrl?: string;
  /** SHA-256 of the k3s binary. @default - the checksum file published beside the binary */
  readonly k3sSha256?: string;
  /** CIDRs that may reach the Kubernetes API (the deploying pipeline must be among them). */
  readonly apiAllowedCidrs: readonly string[];
  /** CIDRs that may reach NodePort services. @default - none */
  readonly nodePortAllowedCidrs?: readonly string[];
  /** SSH public key for the `ubuntu`/default user. @default - none */
  readonly sshPublicKey?: string;
  /** CIDRs allowed SSH; a rule exists only when `sshPublicKey` is set too. @default - none */
  readonly sshAllowedCidrs?: readonly string[];
  /** Spread each pool's nodes across hypervisors. @default "soft" */
  readonly antiAffinity?: "soft" | "hard" | "none";
  /**
   * k3s server settings of one's own (config.yaml keys), merged under the construct's, e.g.
   * `{ disable: ["traefik", "servicelb"] }`. A key the construct sets itself (token, node-name, cluster-cidr, ...) is refused.
   * @default - none
   */
  readonly k3sServerConfig?: Readonly<Record<string, unknown>>;
  /** k3s agent settings of one's own for every worker, merged the same way. @default - none */
  readonly k3sAgentConfig?: Readonly<Record<string, unknown>>;
  /**
   * The cluster uses the OpenStack it runs on: k3s without its own cloud controller and every kubelet with
   * `--cloud-provider=external`, so the OpenStack cloud-controller-manager sets node addresses, zones and provider
   * ids from Nova, and an application credential of the cluster's own (`cloudProviderConfig`) for it and the Cinder CSI driver
   * (OpenStackIntegrationCnf installs both). Nodes register tainted `node.cloudprovider.kubernetes.io/uninitialized`
   * until the CCM runs. Every pool must be on `vim` (the CCM knows one cloud). Decide when the cluster is created.
   * @default false
   */
  readonly openstackIntegration?: boolean;
  /**
   * With `openstackIntegration`: LoadBalancer Services through Octavia (the credential gets `load-balancer_member`).
   * @default false - the CCM implements no LoadBalancer Services
   */
  readonly octaviaLoadBalancers?: boolean;
}

export { DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR };

/**
 * The paper's K8s Cluster VNF: a k3s cluster on OpenStack VMs. The controller is the CISM, worker pools are the CIS.
 * Nodes bootstrap themselves with cloud-init from Terraform-made credentials: nothing is copied back from a VM and
 * workers join on their own, so scale-out is a bigger `size` and scale-in drains the removed nodes first.
 */
export class K8sClusterVnf extends Construct {
  /** The name the cluster's resources and nodes carry: `clusterName`, or the construct id. */
  public readonly clusterName: string;
  /** `https://<floating IP>:6443`: the one server's, or the virtual IP's of several. */
  public readonly apiEndpoint: string;
  /** Admin access to the API server, for providers in another stack. */
  public readonly access: ClusterAccess;
  /** Admin kubeconfig. Sensitive. */
  public readonly kubeconfig: string;
  /** Kubernetes node names, the servers first, then each pool's in the order the pools were given or added. */
  public readonly nodeNames: string[];
  /** The cloud.conf of the cluster's OpenStack integration, with its application credential (`openstackIntegration`). Sensitive. */
  public readonly cloudProviderConfig?: string;

  /** The node network, subnet, router and security groups on each VIM the cluster uses, by VIM name. */
  public readonly sites: Readonly<Record<string, ClusterSite>>;
  /** The site on the cluster's own VIM (`vim`): the servers' network. */
  public readonly mainSite: ClusterSite;
  /** The servers' own security group (the API; etcd and VRRP between several). */
  public readonly controllersSecurityGroup: NetworkingSecgroupV2;
  /** The k3s servers, the first first. */
  public readonly controllerServers: readonly ComputeInstanceV2[];
  /** Each worker pool's servers by pool name, node 0 first. */
  public readonly poolServers: Readonly<Record<string, readonly ComputeInstanceV2[]>>;

  private readonly props: K8sClusterVnfProps;
  private readonly vims: ReadonlyMap<string, Vim>;
  private readonly siteCidrs: SiteCidrs;
  private readonly net: ClusterNetwork;
  private readonly workers: WorkerPools;
  private readonly pools: Record<string, readonly ComputeInstanceV2[]> = {};
  private readonly nodePorts: { name: string; port: NetworkingPortV2; address?: string }[] = [];
  private readonly addresses: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: K8sClusterVnfProps) {
    super(scope, id);
    this.props = props;
    const name = this.clusterName = props.clusterName ?? id;
    requireDnsLabel(this, props.clusterName === undefined ? "id" : "clusterName", name, 20);
    const vims = this.vims = new Map([props.vim, ...(props.edgeVims ?? [])].map((v) => [v.name, v]));
    validateCluster(this, props, vims);
    const siteCidrs = this.siteCidrs = new SiteCidrs(this, props);
    const attr = attributeReader();
    const net = this.net = new ClusterNetwork(this, name, props, siteCidrs.nodeCidr, attr);
    this.sites = net.sites;
    this.mainSite = net.mainSite;
    this.controllersSecurityGroup = net.apiGroup;
    this.poolServers = this.pools;
    const plane = new ControlPlane(this, name, net, siteCidrs.nodeBlock, props, attr);
    this.cloudProviderConfig = props.openstackIntegration ? new ClusterCloudCredential(this, "cloud-credential", {
      vim: props.vim, name: `${name}-cloud-provider`, loadBalancers: props.octaviaLoadBalancers, subnetId: attr(net.mainSite.subnet, "id"),
    }).cloudConfig : undefined;

    const credentials = props.credentials;
    const apiPublicAddress = attr(plane.apiFip, "address");
    this.apiEndpoint = `https://${apiPublicAddress}:${API_PORT}`;
    this.access = {
      apiEndpoint: this.apiEndpoint,
      clusterCaCertificatePem: credentials.serverCa.certificatePem,
      clientCertificatePem: credentials.admin.certificatePem,
      clientKeyPem: credentials.admin.privateKeyPem,
    };
    this.kubeconfig = renderKubeconfig(name, this.access);

    const servers = new NodeServers(this, name, props, attr);
    this.controllerServers = plane.makeServers(servers);
    for (const server of plane.servers) this.nodePorts.push({ name: server.name, port: server.port, address: server.address });
    this.nodeNames = plane.servers.map((s) => s.name);
    this.workers = new WorkerPools({ cluster: this, clusterName: name, props, net, servers, apiAddress: plane.apiAddress, apiPublicAddress, attr });
    for (const [pool, spec] of Object.entries(props.workerPools ?? {})) this.addWorkerPool(pool, spec);
    // Checked at synth, not here: a cluster made with no pool may get its first from addWorkerPool (as the AWS CDK's
    // addNodegroupCapacity), and asking controllerSchedulable of it would put ordinary workloads on the servers.
    this.node.addValidation({
      validate: () => {
        const workers = this.nodeNames.length - plane.servers.length;
        return workers > 0 || props.controllerSchedulable ? [] : [new InputError(this, "workerPools", Object.keys(this.pools),
          "no worker would run workloads; add a pool with size >= 1 (workerPools or addWorkerPool) or set controllerSchedulable: true").message];
      },
    });

    stableOutput(this, "api-endpoint", { value: this.apiEndpoint, description: `Kubernetes API of ${name}` });
    stableOutput(this, "kubeconfig", { value: this.kubeconfig, sensitive: true, description: `Admin kubeconfig of ${name}` });
    // The array addWorkerPool extends: the output reads it at synth.
    stableOutput(this, "node-names", { value: this.nodeNames, description: `Kubernetes node names of ${name}, controller first` });
  }

  /**
   * Adds a worker pool after construction, in the AWS CDK's `addNodegroupCapacity` style: exactly what the pool `name`
   * in `workerPools` makes (resources, construct ids, node names, security rules), checked by the same rules, whose
   * errors name it `workerPools.<name>`. The first pool on an edge VIM adds that VIM's site, its node network
   * `edgeNodeCidrs.<vim>` or the block after the last site's. Returns the pool's servers, node 0 first.
   */
  public addWorkerPool(name: string, pool: WorkerPoolProps): readonly ComputeInstanceV2[] {
    const vim = validateWorkerPool(this, this.props, this.vims, name, pool, Object.hasOwn(this.pools, name));
    const site = pool.size === 0 ? undefined : this.sites[vim.name] ?? this.net.addSite(vim, this.siteCidrs.next(vim.name));
    const nodes = site ? this.workers.add(name, pool, site) : [];
    for (const node of nodes) {
      this.nodeNames.push(node.name);
      this.nodePorts.push({ name: node.name, port: node.port });
    }
    const servers = nodes.map((n) => n.server);
    this.pools[name] = servers;
    return servers;
  }

  /**
   * Each node's address on its node network, by node name (the servers' are fixed; the workers' Neutron's, known at
   * apply). Read on first use only: a cluster nobody asks pays no tokens for it, and each node's is made once.
   */
  public get nodeAddresses(): Readonly<Record<string, string>> {
    for (const { name, port, address } of this.nodePorts) this.addresses[name] ??= address ?? Fn.element(port.allFixedIps, 0);
    return this.addresses;
  }

  /**
   * Opens `port` (or a range `[from, to]`) to a peer CIDR or security group, in the AWS CDK's `connections` style:
   * on the workers of every site by default (`options.to`), sites that `addWorkerPool` adds later included. `id`
   * names the rules (construct ids `<group>-allow-<id>`).
   */
  public allowFrom(id: string, peer: string | NetworkingSecgroupV2, port: number | readonly [number, number], options: AllowFromOptions = {}): void {
    this.net.allowFrom(id, peer, port, options);
  }
}
