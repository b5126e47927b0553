import { Construct } from "constructs";
import { Fn, Precondition, TerraformLocal, TerraformResource, Token } from "./cdk";
import { stableOutput } from "./stable-output";
import { NetworkingPortV2 } from "../.gen/providers/openstack/networking-port-v2";
import { NetworkingFloatingipV2 } from "../.gen/providers/openstack/networking-floatingip-v2";
import { ComputeInstanceV2 } from "../.gen/providers/openstack/compute-instance-v2";
import { ComputeServergroupV2 } from "../.gen/providers/openstack/compute-servergroup-v2";
import { ComputeInterfaceAttachV2 } from "../.gen/providers/openstack/compute-interface-attach-v2";
import { NetworkingSecgroupV2 } from "../.gen/providers/openstack/networking-secgroup-v2";
import { Vim } from "./vim";
import { ClusterAccess } from "./cluster-access";
import { ClusterCredentials } from "./cluster-pki";
import { hostAddress } from "./cidr";
import { renderKubeconfig } from "./kubeconfig";
import { base64, jsonString } from "./encoding";
import {
  ApiVirtualIp, ApplyTimeScalar, BootstrapFile, NODE_DRAINER_RBAC_MANIFEST, renderK3sCloudConfig, seededCaFiles,
} from "./bootstrap/k3s-cloud-config";
import { requireCidr, requireDnsLabel } from "./validation";
import { API_PORT, ClusterNetwork, Site } from "./internal/cluster-network";
import { withExtraK3sConfig } from "./internal/k3s-extra-config";
import { ControlPlane, ControllerPlan } from "./internal/control-plane";
import { DEFAULT_K3S_VERSION, DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR, validateCluster } from "./internal/cluster-validation";
import { bootSettingsGuard } from "./internal/boot-settings-guard";
import { EtcdSnapshotProps, etcdSnapshotConfig } from "./internal/etcd-snapshots";
import { ClusterCloudCredential } from "./cluster-cloud-credential";
import { InputError } from "./validation";

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
  /** Worker pools keyed by a stable name. @default - none (then `controllerSchedulable` must be true) */
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

interface NodePlan {
  readonly key: string;
  readonly name: string;
  readonly site: Site;
  readonly pool: string;
  readonly spec: WorkerPoolProps;
}

/**
 * The paper's K8s Cluster VNF: a k3s cluster on OpenStack VMs. The controller is the CISM, worker pools are the CIS.
 * Nodes bootstrap themselves with cloud-init from Terraform-made credentials: nothing is copied back from a VM and
 * workers join on their own, so scale-out is a bigger `size` and scale-in drains the removed nodes first.
 */
export class K8sClusterVnf extends Construct {
  /** `https://<floating IP>:6443`: the one server's, or the virtual IP's of several. */
  public readonly apiEndpoint: string;
  /** Admin access to the API server, for providers in another stack. */
  public readonly access: ClusterAccess;
  /** Admin kubeconfig. Sensitive. */
  public readonly kubeconfig: string;
  /** Kubernetes node names, the servers first. */
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
  private readonly net: ClusterNetwork;
  private readonly nodePorts: { name: string; port: NetworkingPortV2; address?: string }[] = [];
  private addresses?: Record<string, string>;
  private readonly attributes = new Map<string, string>();

  constructor(scope: Construct, id: string, props: K8sClusterVnfProps) {
    super(scope, id);
    this.props = props;
    requireDnsLabel(this, "id", id, 20);
    const pools = props.workerPools ?? {};
    const vims = new Map([props.vim, ...(props.edgeVims ?? [])].map((v) => [v.name, v]));
    const siteCidrs = validateCluster(this, props, pools, vims);
    const multiSite = props.multiSite ?? false;
    const net = this.net = new ClusterNetwork(this, {
      apiAllowedCidrs: props.apiAllowedCidrs,
      nodePortAllowedCidrs: props.nodePortAllowedCidrs,
      sshAllowedCidrs: props.sshPublicKey ? props.sshAllowedCidrs : undefined,
      dnsNameservers: props.dnsNameservers,
      multiSite,
    }, (resource, name) => this.attr(resource, name));

    const sites = new Map<string, Site>();
    for (const [vimName, cidr] of siteCidrs) sites.set(vimName, net.site(vims.get(vimName)!, cidr));
    this.sites = Object.fromEntries(sites);
    const mainSite = this.mainSite = sites.get(props.vim.name)!;

    const nodes: NodePlan[] = Object.entries(pools).flatMap(([pool, spec]) =>
      Array.from({ length: spec.size }, (_, i) => ({
        key: `${pool}-${i}`,
        name: `${id}-${pool}-${i}`,
        site: sites.get(spec.vim ?? props.vim.name)!,
        pool,
        spec,
      })));

    const mainBlock = requireCidr(this, "nodeCidr", mainSite.cidr);
    const controllerApiGroup = this.controllersSecurityGroup = net.apiGroup(props.vim);
    const plane = new ControlPlane(this, net, mainSite, mainBlock, controllerApiGroup, props.controllers ?? 1,
      props.apiLoadBalancer ?? "keepalived", props.apiAllowedCidrs);
    const controllerGroups = [controllerApiGroup, mainSite.nodesGroup, ...(mainSite.sshGroup ? [mainSite.sshGroup] : [])];
    const controllers = plane.servers.map((server) => ({ ...server, port: net.port(server.key, mainSite, controllerGroups, server.address, plane.movingAddress) }));
    // One server: its own floating IP is the API's. Several: the virtual IP's port has it, and the servers have one
    // of their own only multi-site (flannel's WireGuard runs between public addresses).
    const controllerFips = new Map(!plane.ha || multiSite ? controllers.map((c) => [c.key, net.floatingIp(c.key, mainSite, c.port.id)]) : []);
    const apiFip = plane.ha ? plane.virtualIpFip() : controllerFips.get("controller")!;

    // Every node of a multi-site cluster has a public address from the start: flannel's WireGuard tunnels run between
    // them, so a pool on another VIM can join later with no change to a running node.
    const workerFips = new Map<string, NetworkingFloatingipV2>();
    const workerPorts = new Map<string, NetworkingPortV2>();
    for (const node of nodes) {
      const groups = [node.site.nodesGroup, node.site.workersGroup, ...(node.site.sshGroup ? [node.site.sshGroup] : [])];
      const port = net.port(`worker-${node.key}`, node.site, groups);
      workerPorts.set(node.key, port);
      if (multiSite) workerFips.set(node.key, net.floatingIp(`worker-${node.key}`, node.site, port.id));
    }
    // Security rules between the nodes and from the CIDRs given; multi-site, from every node's floating IP too.
    const publicNodes = multiSite ? [...controllers.map((c) => ({ key: c.key, fip: controllerFips.get(c.key)!, site: mainSite })),
      ...nodes.map((n) => ({ key: n.key, fip: workerFips.get(n.key)!, site: n.site }))] : [];
    net.admit(sites.values(), mainSite, controllerApiGroup, publicNodes);
    if (plane.ha) net.admitBetweenServers(controllerApiGroup, mainSite, plane.apiLoadBalancer);

    const integration = props.openstackIntegration ?? false;
    if (!integration && props.octaviaLoadBalancers) {
      throw new InputError(this, "octaviaLoadBalancers", true, "LoadBalancer Services come from the OpenStack cloud-controller-manager: set openstackIntegration true too");
    }
    const foreign = nodes.find((n) => n.site !== mainSite);
    if (integration && foreign) {
      throw new InputError(this, `workerPools.${foreign.pool}.vim`, foreign.site.vim.name, `the OpenStack cloud-controller-manager knows ${props.vim.name} only ` +
        "and would delete Nodes it cannot find there; keep every pool on vim, or set openstackIntegration false");
    }
    this.cloudProviderConfig = integration ? new ClusterCloudCredential(this, "cloud-credential", {
      vim: props.vim, name: `${id}-cloud-provider`, loadBalancers: props.octaviaLoadBalancers, subnetId: this.attr(mainSite.subnet, "id"),
    }).cloudConfig : undefined;
    // k3s's own cloud controller would set provider ids and addresses the OpenStack CCM then refuses to overwrite.
    const cloudProvider = integration ? { "kubelet-arg": ["cloud-provider=external"] } : {};

    const credentials = props.credentials;
    const apiPublicAddress = this.attr(apiFip, "address");
    this.apiEndpoint = `https://${apiPublicAddress}:${API_PORT}`;
    this.access = {
      apiEndpoint: this.apiEndpoint,
      clusterCaCertificatePem: credentials.serverCa.certificatePem,
      clientCertificatePem: credentials.admin.certificatePem,
      clientKeyPem: credentials.admin.privateKeyPem,
    };
    this.kubeconfig = renderKubeconfig(id, this.access);
    this.nodeNames = [...controllers.map((c) => c.name), ...nodes.map((n) => n.name)];

    // What every joining node shares is a Terraform local, computed once instead of once per node (plans stay small).
    // Agents and joining servers pin the server CA through the secure token format K10<sha256 of the CA bundle>::server:<secret>,
    // here as a JSON string. The hash is hex: a secret known at synth (which cdktf cannot pass to jsonencode()) is encoded around it.
    const secret = credentials.joinSecret;
    const caHash = Fn.sha256(credentials.serverCa.certificatePem);
    const joinToken = nodes.length === 0 && !plane.ha ? undefined : ApplyTimeScalar.json(new TerraformLocal(this, "agent-join-token",
      Token.isUnresolved(secret) ? jsonString(`K10${caHash}::server:${secret}`) : `"K10${caHash}::server:${jsonString(secret).slice(1, -1)}"`).asString);

    const serviceBlock = requireCidr(this, "serviceCidr", props.serviceCidr ?? DEFAULT_SERVICE_CIDR);
    // Apply-time values reach the nodes' YAML as JSON strings or addresses (ApplyTimeScalar): the credentials are a
    // public interface, and a secret holding a quote or ": " must not break a node's boot.
    const publicAddress = ApplyTimeScalar.address(apiPublicAddress);
    // k3s's snapshots of its embedded etcd, on each server and in an object store (several servers only).
    const snapshots = etcdSnapshotConfig(this, props, plane.ha, id);
    const serverConfig = (server: ControllerPlan): Record<string, unknown> => {
      const ownFip = controllerFips.get(server.key);
      return {
        token: server.index === 0 ? ApplyTimeScalar.json(jsonString(credentials.joinSecret)) : joinToken,
        // Several servers: the first starts etcd's cluster, the others join it through the API's virtual IP.
        ...(plane.ha ? (server.index === 0 ? { "cluster-init": true } : { server: `https://${plane.virtualIp}:${API_PORT}` }) : {}),
        "node-name": server.name,
        "tls-san": plane.ha ? [publicAddress, plane.virtualIp, server.address] : [publicAddress, server.address],
        "cluster-cidr": props.podCidr ?? DEFAULT_POD_CIDR,
        "service-cidr": serviceBlock.cidr,
        "cluster-dns": hostAddress(serviceBlock, 10),
        "flannel-backend": multiSite ? "wireguard-native" : "vxlan",
        "secrets-encryption": true,
        "write-kubeconfig-mode": "0600",
        ...snapshots,
        ...(integration ? { "disable-cloud-controller": true, ...cloudProvider } : {}),
        ...(props.controllerSchedulable ? {} : { "node-taint": ["node-role.kubernetes.io/control-plane:NoSchedule"] }),
        ...(multiSite && ownFip ? { "node-external-ip": ApplyTimeScalar.address(this.attr(ownFip, "address")), "flannel-external-ip": true } : {}),
      };
    };
    const seededCas: BootstrapFile[] = seededCaFiles(credentials);
    // Nodes keep the user-data they booted with: a plan that would change these for new nodes only fails instead.
    const bootGuard = bootSettingsGuard(this, id, {
      k3s_version: {
        value: props.k3sVersion ?? DEFAULT_K3S_VERSION,
        instead: "Terraform does not upgrade running nodes, and new nodes would join with a newer k3s than the server's, " +
          "which Kubernetes' version-skew policy forbids. Upgrade the nodes in place first (README, \"Upgrades\"), then set k3sVersion to match.",
      },
      overlay: {
        value: multiSite ? "wireguard-native" : "vxlan",
        instead: "running nodes cannot switch the pod network's overlay. Create a new cluster with multiSite set as wanted and move the workloads.",
      },
      ...plane.bootSettings(),
      cloud_provider: {
        value: integration ? "openstack" : "k3s",
        whenUnrecorded: "k3s",
        instead: "running nodes keep the kubelet's cloud provider they booted with (a new node of the other kind would stay " +
          "uninitialized, or be deleted by the CCM). Create a new cluster with openstackIntegration set as wanted and move the workloads.",
      },
    });
    const controllerServers: ComputeInstanceV2[] = [];
    for (const server of controllers) {
      this.nodePorts.push({ name: server.name, port: server.port, address: server.address });
      controllerServers.push(this.server(server.key, {
        name: server.name,
        site: mainSite,
        port: server.port,
        flavor: props.controllerFlavor ?? "m1.medium",
        imageId: props.controllerImageId ?? props.vim.imageId,
        volumeSize: props.controllerVolumeSize ?? 40,
        // Unpinned, Nova may pick any zone, an edge host's too: the first zone the VIM declares is its default.
        availabilityZone: props.controllerAvailabilityZone ?? props.vim.availabilityZones[0],
        stopBeforeDestroy: false,
        // The guard reads a record every server's plan shares; the first server always exists.
        preconditions: server.index === 0 ? bootGuard : undefined,
        userData: this.cloudConfig("server", server.name, withExtraK3sConfig(this, "k3sServerConfig", serverConfig(server), props.k3sServerConfig), [
          ...seededCas,
          { path: "/var/lib/rancher/k3s/server/manifests/mecaas-node-drainer.yaml", content: NODE_DRAINER_RBAC_MANIFEST },
        ], plane.keepalived(server)),
      }));
    }
    this.controllerServers = controllerServers;
    const poolServers: Record<string, ComputeInstanceV2[]> = Object.fromEntries(Object.keys(pools).map((pool) => [pool, []]));

    const serverGroups = new Map<string, ComputeServergroupV2>();
    const drainerKubeconfigs = new Map<string, string>();
    for (const node of nodes) {
      const remote = node.site !== mainSite;
      const server = `https://${remote ? apiPublicAddress : plane.apiAddress}:${API_PORT}`;
      const fip = workerFips.get(node.key);
      const agentConfig: Record<string, unknown> = {
        server: remote ? ApplyTimeScalar.address(server) : server,
        token: joinToken,
        "node-name": node.name,
        "node-label": Object.entries({ "mecaas.io/pool": node.pool, ...(node.spec.labels ?? {}) }).map(([k, v]) => `${k}=${v}`),
        ...(node.spec.taints?.length ? { "node-taint": [...node.spec.taints] } : {}),
        ...cloudProvider,
        ...(fip ? { "node-external-ip": ApplyTimeScalar.address(this.attr(fip, "address")) } : {}),
      };
      // One kubeconfig per server address (local or public), base64-encoded once in a local, not per node.
      let drainerKubeconfig = drainerKubeconfigs.get(server);
      if (drainerKubeconfig === undefined) {
        drainerKubeconfig = new TerraformLocal(this, `node-drainer-kubeconfig${remote ? "-public" : ""}`, base64(renderKubeconfig(id, {
          apiEndpoint: server,
          clusterCaCertificatePem: credentials.serverCa.certificatePem,
          clientCertificatePem: credentials.nodeDrainer.certificatePem,
          clientKeyPem: credentials.nodeDrainer.privateKeyPem,
        }))).asString;
        drainerKubeconfigs.set(server, drainerKubeconfig);
      }
      this.nodePorts.push({ name: node.name, port: workerPorts.get(node.key)! });
      const instance = this.server(`worker-${node.key}`, {
        name: node.name,
        site: node.site,
        port: workerPorts.get(node.key)!,
        flavor: node.spec.flavor,
        imageId: node.site.vim.imageId,
        volumeSize: node.spec.volumeSize ?? 40,
        availabilityZone: node.spec.availabilityZone ?? node.site.vim.availabilityZones[0],
        stopBeforeDestroy: true,
        serverGroup: this.serverGroup(id, node, serverGroups),
        userData: this.cloudConfig("agent", node.name, withExtraK3sConfig(this, "k3sAgentConfig", agentConfig, props.k3sAgentConfig), [
          { path: "/etc/mecaas/node-drainer.kubeconfig", content: drainerKubeconfig, encoding: "base64" },
        ]),
      });
      poolServers[node.pool].push(instance);
      // A port of its own on each network the pool is attached to, plugged into the running server.
      (node.spec.attachedNetworkIds ?? []).forEach((networkId, i) => {
        const extra = net.attachedPort(`worker-${node.key}-attached-${i}`, node.site, networkId);
        new ComputeInterfaceAttachV2(this, `worker-${node.key}-attached-${i}-attach`, {
          provider: node.site.vim.provider, instanceId: instance.id, portId: this.attr(extra, "id"),
        });
      });
    }
    this.poolServers = poolServers;

    stableOutput(this, "api-endpoint", { value: this.apiEndpoint, description: `Kubernetes API of ${id}` });
    stableOutput(this, "kubeconfig", { value: this.kubeconfig, sensitive: true, description: `Admin kubeconfig of ${id}` });
    stableOutput(this, "node-names", { value: this.nodeNames, description: `Kubernetes node names of ${id}, controller first` });
  }

  /**
   * Each node's address on its node network, by node name (the servers' are fixed; the workers' Neutron's, known at
   * apply). Read on first use only: a cluster nobody asks pays no tokens for it.
   */
  public get nodeAddresses(): Readonly<Record<string, string>> {
    this.addresses ??= Object.fromEntries(this.nodePorts.map(({ name, port, address }) => [name, address ?? Fn.element(port.allFixedIps, 0)]));
    return this.addresses;
  }

  /**
   * Opens `port` (or a range `[from, to]`) to a peer CIDR or security group, in the AWS CDK's `connections` style:
   * on the workers of every site by default (`options.to`). `id` names the rules (construct ids `<group>-allow-<id>`).
   */
  public allowFrom(id: string, peer: string | NetworkingSecgroupV2, port: number | readonly [number, number], options: AllowFromOptions = {}): void {
    requireDnsLabel(this, "allowFrom id", id);
    const [min, max] = typeof port === "number" ? [port, port] : port;
    if (![min, max].every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) || min > max) {
      throw new InputError(this, `allowFrom(${id}) port`, port, "give a port from 1 to 65535, or a range [from, to] with from <= to");
    }
    const from = typeof peer === "string" ? { cidr: Token.isUnresolved(peer) ? peer : requireCidr(this, `allowFrom(${id}) peer`, peer).cidr } : { group: peer };
    const sites = Object.values(this.sites);
    const to = options.to ?? "workers";
    const groups = to === "controllers" ? [this.controllersSecurityGroup] : sites.map((s) => (to === "workers" ? s.workersGroup : s.nodesGroup));
    for (const group of groups) this.net.allow(group, `allow-${id}`, options.protocol ?? "tcp", min, max, from);
  }

  /**
   * An attribute of a resource, read once: every read of a binding's attribute makes a new token, and cdktf records
   * a stack trace for each, which dominated synth time for large catalogs.
   */
  private attr(resource: TerraformResource, name: string): string {
    const key = `${resource.node.path}#${name}`;
    let value = this.attributes.get(key);
    if (value === undefined) {
      value = resource.getStringAttribute(name);
      this.attributes.set(key, value);
    }
    return value;
  }

  private serverGroup(id: string, node: NodePlan, groups: Map<string, ComputeServergroupV2>): ComputeServergroupV2 | undefined {
    const policy = this.props.antiAffinity ?? "soft";
    if (policy === "none") return undefined;
    if (!groups.has(node.pool)) {
      groups.set(node.pool, new ComputeServergroupV2(this, `pool-${node.pool}-servergroup`, {
        provider: node.site.vim.provider,
        name: `${id}-${node.pool}`,
        policies: [policy === "soft" ? "soft-anti-affinity" : "anti-affinity"],
      }));
    }
    return groups.get(node.pool);
  }

  private cloudConfig(role: "server" | "agent", nodeName: string, k3sConfig: Record<string, unknown>, files: BootstrapFile[],
    apiVirtualIp?: ApiVirtualIp): string {
    const props = this.props;
    return renderK3sCloudConfig({
      role,
      nodeName,
      k3sVersion: props.k3sVersion ?? DEFAULT_K3S_VERSION,
      k3sDownloadUrl: props.k3sDownloadUrl ?? "https://github.com/k3s-io/k3s/releases/download",
      k3sSha256: props.k3sSha256,
      k3sConfig,
      files,
      sshAuthorizedKeys: props.sshPublicKey ? [props.sshPublicKey] : undefined,
      apiVirtualIp,
    });
  }

  private server(key: string, spec: {
    name: string; site: Site; port: NetworkingPortV2; flavor: string; imageId: string; volumeSize: number;
    availabilityZone?: string; stopBeforeDestroy: boolean; serverGroup?: ComputeServergroupV2; userData: string;
    preconditions?: Precondition[];
  }): ComputeInstanceV2 {
    return new ComputeInstanceV2(this, `${key}-server`, {
      provider: spec.site.vim.provider,
      name: spec.name,
      flavorName: spec.flavor,
      availabilityZone: spec.availabilityZone,
      userData: spec.userData,
      network: [{ port: spec.port.id }],
      blockDevice: [{
        uuid: spec.imageId, sourceType: "image", destinationType: "volume",
        volumeSize: spec.volumeSize, bootIndex: 0, deleteOnTermination: true,
      }],
      schedulerHints: spec.serverGroup ? [{ group: this.attr(spec.serverGroup, "id") }] : undefined,
      stopBeforeDestroy: spec.stopBeforeDestroy,
      metadata: { "mecaas-cluster": this.node.id, "mecaas-node": spec.name },
      // A new image, bootstrap or default zone must never silently replace a running node: roll workers on purpose
      // with `terraform apply -replace`, never the controller (its boot volume, deleted with it, holds the datastore).
      lifecycle: { ignoreChanges: ["user_data", "block_device", "image_id", "availability_zone"], precondition: spec.preconditions },
    });
  }
}
