import { readFileSync } from "fs";
import { join } from "path";
import { Fn, Token } from "../cdk";
import { base64, blockYaml, jsonString, terraformLiteral } from "../encoding";
import { ClusterCredentials, KeyPair } from "../cluster-pki";

/** A file cloud-init writes before k3s starts. */
export interface BootstrapFile {
  readonly path: string;
  readonly content: string;
  /**
   * How `content` is given and written: `text` is written base64-encoded (computed now, or by Terraform when it holds
   * references); `base64` is already encoded (e.g. a Terraform local shared by many nodes); `references` is written
   * as it is, Terraform references included, as a YAML literal block: its lines may hold any character but a line
   * break once Terraform has substituted them (e.g. JSON strings). @default "text"
   */
  readonly encoding?: "text" | "base64" | "references";
  /** @default "0600" */
  readonly permissions?: string;
}

/**
 * A k3s setting only Terraform knows, as Terraform will write it into the node's drop-in: one YAML scalar on one line,
 * whatever the value holds. Made once per cluster where it can be (a local), so no node's user-data needs a function.
 */
export class ApplyTimeScalar {
  /** A JSON string, which YAML reads as a double-quoted scalar: `jsonString()` of the value, often a cluster's local. */
  static json(jsonText: string): ApplyTimeScalar {
    return new ApplyTimeScalar(jsonText);
  }

  /**
   * An address OpenStack assigns (a floating IP), or a URL made of one: it cannot hold a quote, backslash or line
   * break, so it is written double-quoted as it is, with no function.
   */
  static address(text: string): ApplyTimeScalar {
    return new ApplyTimeScalar(`"${text}"`);
  }

  private constructor(public readonly text: string) {}
}

export interface K3sNodeBootstrap {
  readonly role: "server" | "agent";
  readonly nodeName: string;
  readonly k3sVersion: string;
  readonly k3sDownloadUrl: string;
  /** @default - the checksum file published with the release */
  readonly k3sSha256?: string;
  /**
   * Content of /etc/rancher/k3s/config.yaml (k3s flags without their leading dashes). Values known only at apply go to
   * a drop-in: give them as ApplyTimeScalars (a bare reference is JSON-encoded there, by a function in this node's
   * user-data).
   */
  readonly k3sConfig: Readonly<Record<string, unknown>>;
  /** Role-specific files: seeded CAs and manifests on the server, the drainer kubeconfig on agents. */
  readonly files: readonly BootstrapFile[];
  /** @default - none */
  readonly sshAuthorizedKeys?: readonly string[];
  /** On a server of several: keepalived for the API's virtual IP, started before k3s. @default - none */
  readonly apiVirtualIp?: ApiVirtualIp;
}

/** One server's share of the API's virtual IP: what its keepalived needs. */
export interface ApiVirtualIp {
  readonly address: string;
  /** VRRP's virtual router id (1-255), one per network. */
  readonly routerId: number;
  readonly nodeName: string;
  /** This server's fixed address, the source of its VRRP adverts. */
  readonly ownAddress: string;
  /** The other servers' fixed addresses: VRRP is sent to each (unicast: clouds may drop multicast). */
  readonly peerAddresses: readonly string[];
  /** The highest priority among servers whose API is ready takes the address first. */
  readonly priority: number;
}

const asset = (name: string): string => readFileSync(join(__dirname, name), "utf8");
// Read once: every node of every cluster writes them.
const INSTALL_K3S = asset("install-k3s.sh");
const K3S_SERVICE = asset("k3s.service");
const LEAVE_CLUSTER = asset("leave-cluster.sh");
const LEAVE_CLUSTER_SERVICE = asset("mecaas-leave-cluster.service");
const API_VIP = asset("api-vip.sh");
const API_READY = asset("api-ready.sh");
const API_VIP_PATH = "/usr/local/lib/mecaas/api-vip.sh";

/** Where k3s looks for CAs it keeps (`server/tls`; etcd's in `server/tls/etcd`), and which of the credentials each is. */
export function seededCaFiles(credentials: ClusterCredentials): BootstrapFile[] {
  const cas: [string, KeyPair | undefined][] = [
    ["server-ca", credentials.serverCa],
    ["client-ca", credentials.clientCa],
    ["request-header-ca", credentials.requestHeaderCa],
    ["etcd/peer-ca", credentials.etcdPeerCa],
    ["etcd/server-ca", credentials.etcdServerCa],
  ];
  return cas.flatMap(([ca, pair]) => (pair ? [
    { path: `/var/lib/rancher/k3s/server/tls/${ca}.crt`, content: pair.certificatePem, permissions: "0644" },
    { path: `/var/lib/rancher/k3s/server/tls/${ca}.key`, content: pair.privateKeyPem },
  ] : []));
}

/**
 * keepalived's configuration, but for the interface (@INTERFACE@, the image's, found by api-vip.sh at boot). Every
 * server starts as BACKUP and none preempts: the address moves only when its holder's API stops being ready or the
 * server goes (keepalived sends priority 0 as it stops), not back again when a server returns.
 */
function keepalivedConfig(vip: ApiVirtualIp): string {
  return `# The Kubernetes API's virtual IP (mecaas), on a server whose API server is ready.
global_defs {
  router_id ${vip.nodeName}
  script_user root
  enable_script_security
}

vrrp_script api_ready {
  script "/usr/local/lib/mecaas/api-ready.sh"
  interval 2
  timeout 3
  fall 2
  rise 1
}

vrrp_instance kubernetes_api {
  state BACKUP
  nopreempt
  interface @INTERFACE@
  virtual_router_id ${vip.routerId}
  priority ${vip.priority}
  advert_int 1
  unicast_src_ip ${vip.ownAddress}
  unicast_peer {
${vip.peerAddresses.map((a) => `    ${a}\n`).join("")}  }
  virtual_ipaddress {
    ${vip.address}/32 dev @INTERFACE@
  }
  track_script {
    api_ready
  }
}
`;
}

/** One apply-time value as a YAML flow scalar on one line, whatever Terraform substitutes into it. */
function applyTimeScalar(value: unknown): string {
  if (value instanceof ApplyTimeScalar) return value.text;
  if (typeof value === "string") return jsonString(value);
  return Token.isUnresolved(JSON.stringify(value)) ? Fn.jsonencode(value) : terraformLiteral(JSON.stringify(value));
}

/**
 * k3s's configuration: what is known now in config.yaml (base64 computed here), what only Terraform knows (addresses,
 * the join token) in a drop-in that k3s merges after it (config.yaml.d, k3s-io/k3s#3162), written with its references,
 * each a JSON string or an address (ApplyTimeScalar), so a quote or `: ` in a secret cannot break the node's YAML.
 * So a worker's user-data needs no Terraform function call, however many workers there are.
 */
function k3sConfigFiles(config: Readonly<Record<string, unknown>>): BootstrapFile[] {
  const entries = Object.entries(config).filter(([, value]) => value !== undefined);
  const atApply = (value: unknown) => Token.isUnresolved(JSON.stringify(value)) || value instanceof ApplyTimeScalar
    || (Array.isArray(value) && value.some((item) => item instanceof ApplyTimeScalar));
  const known = Object.fromEntries(entries.filter(([, value]) => !atApply(value)));
  const applyTime = entries.filter(([, value]) => atApply(value)).map(([key, value]) => (Array.isArray(value)
    ? `${key}:\n${value.map((item) => `  - ${applyTimeScalar(item)}\n`).join("")}`
    : `${key}: ${applyTimeScalar(value)}\n`));
  return [
    { path: "/etc/rancher/k3s/config.yaml", content: blockYaml(known, "single") },
    ...(applyTime.length
      ? [{ path: "/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml", content: applyTime.join(""), encoding: "references" as const }]
      : []),
  ];
}

/**
 * The cloud-config user-data of one k3s node. Files are written base64-encoded, so PEMs stay intact and the shell
 * scripts' `${...}` never reach Terraform's template engine (only the apply-time k3s settings are text); k3s is
 * installed by install-k3s.sh on first boot.
 */
export function renderK3sCloudConfig(node: K3sNodeBootstrap): string {
  const env = [
    `K3S_VERSION=${node.k3sVersion}`,
    `K3S_DOWNLOAD_URL=${node.k3sDownloadUrl}`,
    `K3S_SHA256=${node.k3sSha256 ?? ""}`,
    `NODE_NAME=${node.nodeName}`,
  ].join("\n") + "\n";

  const roleFiles: BootstrapFile[] = node.role === "agent"
    ? [
      { path: "/usr/local/lib/mecaas/leave-cluster.sh", content: LEAVE_CLUSTER, permissions: "0755" },
      { path: "/etc/systemd/system/mecaas-leave-cluster.service", content: LEAVE_CLUSTER_SERVICE, permissions: "0644" },
    ]
    : [];
  const files: BootstrapFile[] = [
    { path: "/etc/mecaas/k3s.env", content: env },
    ...k3sConfigFiles(node.k3sConfig),
    { path: "/usr/local/lib/mecaas/install-k3s.sh", content: INSTALL_K3S, permissions: "0755" },
    { path: `/etc/systemd/system/k3s-${node.role}.service`, content: K3S_SERVICE.replace(/@ROLE@/g, node.role), permissions: "0644" },
    ...roleFiles,
    ...node.files,
    ...(node.apiVirtualIp ? [
      { path: "/etc/mecaas/keepalived.conf.template", content: keepalivedConfig(node.apiVirtualIp) },
      { path: API_VIP_PATH, content: API_VIP, permissions: "0755" },
      { path: "/usr/local/lib/mecaas/api-ready.sh", content: API_READY, permissions: "0755" },
    ] : []),
  ];

  const cloudConfig: Record<string, unknown> = {
    hostname: node.nodeName,
    // No `packages:`: listing any makes cloud-init run `apt-get update` at every first boot (93-133 s per node with no
    // reachable mirror, measured), and the cloud images nodes boot from ship curl. install-k3s.sh installs it only if
    // an image lacks it.
    package_update: false,
    write_files: files.map((f) => ({
      path: f.path,
      ...(f.encoding === "references" ? { content: f.content } : { encoding: "b64", content: f.encoding === "base64" ? f.content : base64(f.content) }),
      owner: "root:root",
      permissions: f.permissions ?? "0600",
    })),
    runcmd: [...(node.apiVirtualIp ? [[API_VIP_PATH]] : []), ["/usr/local/lib/mecaas/install-k3s.sh", node.role]],
  };
  if (node.sshAuthorizedKeys?.length) cloudConfig.ssh_authorized_keys = [...node.sshAuthorizedKeys];
  return `#cloud-config\n${blockYaml(cloudConfig)}`;
}

/** The RBAC that lets workers drain and delete themselves (see leave-cluster.sh), deployed by the k3s server. */
export const NODE_DRAINER_RBAC_MANIFEST = asset("node-drainer-rbac.yaml");
