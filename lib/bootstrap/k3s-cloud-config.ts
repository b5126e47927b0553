import { readFileSync } from "fs";
import { join } from "path";
import { Token } from "../cdk";
import { base64, blockYaml } from "../encoding";

/** A file cloud-init writes before k3s starts. */
export interface BootstrapFile {
  readonly path: string;
  readonly content: string;
  /**
   * How `content` is given and written: `text` is written base64-encoded (computed now, or by Terraform when it holds
   * references); `base64` is already encoded (e.g. a Terraform local shared by many nodes); `references` is written
   * as it is, Terraform references included, for values free of quotes, backslashes and line breaks (addresses,
   * alphanumeric secrets). @default "text"
   */
  readonly encoding?: "text" | "base64" | "references";
  /** @default "0600" */
  readonly permissions?: string;
}

export interface K3sNodeBootstrap {
  readonly role: "server" | "agent";
  readonly nodeName: string;
  readonly k3sVersion: string;
  readonly k3sDownloadUrl: string;
  /** @default - the checksum file published with the release */
  readonly k3sSha256?: string;
  /** Content of /etc/rancher/k3s/config.yaml (k3s flags without their leading dashes). */
  readonly k3sConfig: Readonly<Record<string, unknown>>;
  /** Role-specific files: seeded CAs and manifests on the server, the drainer kubeconfig on agents. */
  readonly files: readonly BootstrapFile[];
  /** @default - none */
  readonly sshAuthorizedKeys?: readonly string[];
}

const asset = (name: string): string => readFileSync(join(__dirname, name), "utf8");
// Read once: every node of every cluster writes them.
const INSTALL_K3S = asset("install-k3s.sh");
const K3S_SERVICE = asset("k3s.service");
const LEAVE_CLUSTER = asset("leave-cluster.sh");
const LEAVE_CLUSTER_SERVICE = asset("mecaas-leave-cluster.service");

/**
 * k3s's configuration: what is known now in config.yaml (base64 computed here), what only Terraform knows (addresses,
 * the join token) in a drop-in that k3s merges after it (config.yaml.d, k3s-io/k3s#3162), written with its references.
 * So a worker's user-data needs no Terraform function call, however many workers there are.
 */
function k3sConfigFiles(config: Readonly<Record<string, unknown>>): BootstrapFile[] {
  const entries = Object.entries(config).filter(([, value]) => value !== undefined);
  const atApply = (value: unknown) => Token.isUnresolved(JSON.stringify(value));
  const known = Object.fromEntries(entries.filter(([, value]) => !atApply(value)));
  const applyTime = Object.fromEntries(entries.filter(([, value]) => atApply(value)));
  return [
    { path: "/etc/rancher/k3s/config.yaml", content: blockYaml(known, "single") },
    ...(Object.keys(applyTime).length
      ? [{ path: "/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml", content: blockYaml(applyTime, "single"), encoding: "references" as const }]
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
  ];

  const cloudConfig: Record<string, unknown> = {
    hostname: node.nodeName,
    package_update: false,
    packages: ["curl"],
    write_files: files.map((f) => ({
      path: f.path,
      ...(f.encoding === "references" ? { content: f.content } : { encoding: "b64", content: f.encoding === "base64" ? f.content : base64(f.content) }),
      owner: "root:root",
      permissions: f.permissions ?? "0600",
    })),
    runcmd: [["/usr/local/lib/mecaas/install-k3s.sh", node.role]],
  };
  if (node.sshAuthorizedKeys?.length) cloudConfig.ssh_authorized_keys = [...node.sshAuthorizedKeys];
  return `#cloud-config\n${blockYaml(cloudConfig)}`;
}

/** The RBAC that lets workers drain and delete themselves (see leave-cluster.sh), deployed by the k3s server. */
export const NODE_DRAINER_RBAC_MANIFEST = asset("node-drainer-rbac.yaml");
