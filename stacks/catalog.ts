import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";
import Ajv, { ErrorObject } from "ajv";
import { parse } from "yaml";
import { InputError, appDescriptorProblems } from "../lib";

/*
 * The NSP's CSP catalog: the OSS request of the paper, as one YAML file. It is checked against CATALOG_SCHEMA and
 * for references between entries, and the AppDs and charts its apps name are read; every error names the CSP and
 * the field, in one InputError listing every problem.
 */

export interface VimEntry {
  /** clouds.yaml entry with the NSP's admin credentials for this VIM. */
  readonly cloud: string;
  /**
   * Another VIM whose Keystone serves this one too (regions of one cloud): the CSPs' projects and groups live there,
   * made once for both, and this VIM only gets its quotas on them. That VIM may not name a third one.
   * @default - this VIM's Keystone is its own
   */
  readonly identityOf?: string;
  /**
   * Keystone domain id of the CSPs' projects and groups on this VIM (on a VIM with `identityOf`, set it on that VIM).
   * @default - the default domain of the NSP's credentials (`cloud`)
   */
  readonly domain?: string;
  /** Keystone URL, for the VIM accounts CSPs' Edge MANOs hold. Required when a b2b2c CSP uses this VIM. */
  readonly authUrl?: string;
  readonly region?: string;
  readonly externalNetwork: string;
  readonly image?: string;
  /** Zones nodes may be pinned to; the first is the default of the controller and of pools that name none. */
  readonly availabilityZones?: string[];
  /**
   * Base URL of this VIM's S3-compatible object store (Swift's s3api, Ceph RGW), where CSPs' backups go
   * (`mep.backup`, `cluster.etcdSnapshots`), authenticated by an EC2 credential of the CSP's project.
   * @default - none: no CSP on this VIM may ask for backups
   */
  readonly s3Endpoint?: string;
  /** The region the store signs requests for (SigV4; Swift's s3api: its `location`). @default "us-east-1" */
  readonly s3Region?: string;
}

/** Scheduled backups to the object store of the cluster's VIM (`vims.<vim>.s3Endpoint`). */
export interface BackupScheduleEntry {
  /** Cron schedule, five fields. @default - the MEP: "17 3 * * *" (daily); etcd: k3s's "0 *\/12 * * *" */
  readonly schedule?: string;
  /** Backups kept. @default - the MEP: 7; etcd: k3s's 5 per server */
  readonly retention?: number;
  /** @default - the MEP: "mep-backups" (made by the first backup); etcd: "k3s-etcd-snapshots" (must exist) */
  readonly bucket?: string;
}

export interface SharedNetworkEntry {
  /** Name the CSPs use to ask for it. */
  readonly name: string;
  readonly vim: string;
  /** Name of the existing Neutron network on that VIM. */
  readonly network: string;
}

export interface QuotaEntry {
  readonly instances: number;
  readonly cores: number;
  readonly ramMb: number;
  readonly keyPairs: number;
  readonly metadataItems: number;
  readonly serverGroups: number;
  readonly serverGroupMembers: number;
  readonly injectedFiles: number;
  readonly injectedFileContentBytes: number;
  readonly injectedFilePathBytes: number;
  readonly networks: number;
  readonly subnets: number;
  readonly ports: number;
  readonly routers: number;
  readonly floatingIps: number;
  readonly securityGroups: number;
  readonly securityGroupRules: number;
  readonly rbacPolicies: number;
  readonly subnetPools: number;
  readonly volumes: number;
  readonly snapshots: number;
  readonly gigabytes: number;
  readonly perVolumeGigabytes: number;
  readonly backups: number;
  readonly backupGigabytes: number;
  readonly volumeGroups: number;
}

export interface WorkerPoolEntry {
  readonly size: number;
  readonly flavor: string;
  readonly vim?: string;
  readonly availabilityZone?: string;
  readonly labels?: Record<string, string>;
  readonly taints?: string[];
  /** Boot volume of each node, GB. @default 40 */
  readonly volumeSize?: number;
}

export interface ClusterEntry {
  readonly vim: string;
  /**
   * Nodes on several VIMs (a WireGuard overlay between public node addresses, a floating IP per node); pools on
   * another VIM than `vim` need it. Set it when the cluster is created: a running cluster cannot switch.
   * @default false
   */
  readonly multiSite?: boolean;
  /**
   * k3s servers: 1, or 3 or 5 with embedded etcd and the API at a virtual IP (K8sClusterVnfProps.controllers). Set it
   * when the cluster is created: a running cluster keeps its count.
   * @default 1
   */
  readonly controllers?: 1 | 3 | 5;
  /** With several servers: keepalived on them, or an Octavia load balancer in front. @default "keepalived" */
  readonly apiLoadBalancer?: "keepalived" | "octavia";
  readonly controllerFlavor?: string;
  /** Boot volume of each server, GB (it holds the datastore). @default 40 */
  readonly controllerVolumeSize?: number;
  readonly controllerSchedulable?: boolean;
  readonly workerPools?: Record<string, WorkerPoolEntry>;
  readonly nodeCidr?: string;
  /** Node network per edge VIM (pools on another VIM). @default - the blocks following nodeCidr, one per edge VIM */
  readonly edgeNodeCidrs?: Record<string, string>;
  /** DNS servers of the node subnets. @default - the VIM's DHCP defaults */
  readonly dnsNameservers?: string[];
  /** Spread each pool's nodes across hypervisors: a soft or hard anti-affinity server group, or none. @default "soft" */
  readonly antiAffinity?: "soft" | "hard" | "none";
  /** k3s server settings of the CSP's own, e.g. `{ disable: [traefik, servicelb] }`; the construct's own keys refused. @default - none */
  readonly k3sServerConfig?: Record<string, unknown>;
  /** k3s agent settings of every worker, the same way. @default - none */
  readonly k3sAgentConfig?: Record<string, unknown>;
  readonly podCidr?: string;
  readonly serviceCidr?: string;
  readonly k3sVersion?: string;
  /** Base URL of the k3s release assets: a mirror, for edge sites without internet access. @default - GitHub's releases */
  readonly k3sDownloadUrl?: string;
  /** SHA-256 of the k3s binary. @default - the checksum file published beside it */
  readonly k3sSha256?: string;
  readonly apiAllowedCidrs: string[];
  readonly nodePortAllowedCidrs?: string[];
  readonly sshPublicKey?: string;
  readonly sshAllowedCidrs?: string[];
  /**
   * The OpenStack cloud-controller-manager and the Cinder CSI driver in the cluster, with an application credential
   * of the cluster's own (K8sClusterVnfProps.openstackIntegration): node addresses and zones from Nova, a default
   * StorageClass `cinder`, the MEP's volume on it. Not with pools on another VIM (the CCM knows one cloud). Set it
   * when the cluster is created: nodes keep the kubelet's cloud provider they booted with.
   * @default true when every pool is on `vim`, else false
   */
  readonly openstackIntegration?: boolean;
  /** LoadBalancer Services through Octavia (the credential gets `load-balancer_member`); needs openstackIntegration. @default false */
  readonly octaviaLoadBalancers?: boolean;
  /**
   * k3s's etcd snapshots uploaded to the VIM's object store too (several controllers: one keeps its datastore in SQLite).
   * @default - snapshots stay on the servers' disks (k3s's default schedule and retention)
   */
  readonly etcdSnapshots?: BackupScheduleEntry;
}

export interface MepEntry {
  /** More than one needs `database: postgresql`. @default 1 */
  readonly replicas?: number;
  /**
   * Where the MEP keeps its state: `sqlite`, a file on the MEP's volume, or `postgresql`, a server the NSP runs, its
   * URL a sensitive input of the platform stack (`TF_VAR_mep_postgres_url`), never in the catalog. @default "sqlite"
   */
  readonly database?: "sqlite" | "postgresql";
  readonly serviceType?: "ClusterIP" | "NodePort" | "LoadBalancer";
  readonly imageRepository?: string;
  readonly imageTag?: string;
  /** StorageClass of the MEP's SQLite volume. @default "cinder" with cluster.openstackIntegration, else the cluster's default */
  readonly storageClass?: string;
  /** Scheduled `mep backup` to the VIM's object store, and a restore CronJob to start by hand. @default - no backups */
  readonly backup?: BackupScheduleEntry;
}

/** The CSP's Edge MANO (b2b2c): mecaas' own, or OSM. */
export interface EdgeManoEntry {
  /** @default "mecaas" */
  readonly engine?: "mecaas" | "osm";
  /** osm: the repository of OSM's chart (in no public repository). Required for osm. */
  readonly chartRepository?: string;
  /** osm: the chart's version. Required for osm. */
  readonly chartVersion?: string;
  readonly chartName?: string;
  /** osm: the CSP identity OSM uses on the VIMs (its password is a sensitive Terraform variable). @default "<csp>-osm" */
  readonly vimUsername?: string;
  /** mecaas: the namespace the Edge MANO installs apps into. @default "mec-apps" */
  readonly appNamespace?: string;
  /** mecaas: the Edge MANO's image repository. @default - the chart's, mecaas/mano */
  readonly imageRepository?: string;
  /** mecaas: its image tag. @default - the chart's appVersion */
  readonly imageTag?: string;
}

/** The Edge MANO engine of a b2b2c CSP; undefined for b2c. */
export function edgeManoEngineOf(csp: CspEntry): "mecaas" | "osm" | undefined {
  return csp.mode === "b2b2c" ? csp.edgeMano?.engine ?? "mecaas" : undefined;
}

export interface MecAppEntry {
  readonly name: string;
  /** Path of the app's MEC 010-2 AppD (YAML), relative to the catalog. */
  readonly descriptor: string;
  /** Path of the app's Helm chart, relative to the catalog. */
  readonly chart: string;
  readonly values?: Record<string, unknown>;
}

export interface CspEntry {
  readonly name: string;
  /** b2b2c: the CSP gets its own Edge MANO; b2c: the NSP runs the apps (no Edge MANO). */
  readonly mode: "b2b2c" | "b2c";
  /** The CSP's own clouds.yaml entry per VIM it uses. @default "<csp>-<vim>" */
  readonly clouds?: Record<string, string>;
  readonly quota?: Partial<QuotaEntry>;
  /**
   * Shared networks (of `sharedNetworks`) the CSP's project may use (Neutron RBAC, made by the nsp stack): every
   * worker on that network's VIM gets a port on it too. @default - none
   */
  readonly sharedNetworks?: string[];
  readonly cluster: ClusterEntry;
  readonly mep?: MepEntry;
  readonly edgeMano?: EdgeManoEntry;
  readonly apps?: MecAppEntry[];
}

/** Where stacks keep their state. Secrets stacks (`<csp>-pki`) may go elsewhere, more tightly guarded. */
export interface StateEntry {
  /** @default "local" */
  readonly backend?: "local" | "s3";
  /** local: folder of the state files. @default "state" */
  readonly path?: string;
  /** local: folder of the secrets stacks' state files. @default - `path` */
  readonly secretsPath?: string;
  /** s3: the bucket. */
  readonly bucket?: string;
  /** s3: the bucket of the secrets stacks. @default - `bucket` */
  readonly secretsBucket?: string;
  /** s3: an S3-compatible endpoint (Ceph RGW, OpenStack object storage). @default - AWS */
  readonly endpoint?: string;
  /** @default "us-east-1" */
  readonly region?: string;
}

export interface Catalog {
  readonly state?: StateEntry;
  readonly vims: Record<string, VimEntry>;
  readonly sharedNetworks?: SharedNetworkEntry[];
  readonly csps: CspEntry[];
}

/** Quotas of a CSP project when its entry leaves them out: a 3-node cluster with headroom for scale-out. */
export const DEFAULT_QUOTA: QuotaEntry = {
  instances: 10, cores: 40, ramMb: 81920, keyPairs: 10, metadataItems: 128, serverGroups: 10, serverGroupMembers: 10,
  injectedFiles: 5, injectedFileContentBytes: 10240, injectedFilePathBytes: 255,
  networks: 5, subnets: 5, ports: 50, routers: 2, floatingIps: 10, securityGroups: 20, securityGroupRules: 200,
  rbacPolicies: 10, subnetPools: 2,
  volumes: 20, snapshots: 20, gigabytes: 1000, perVolumeGigabytes: 200, backups: 10, backupGigabytes: 1000, volumeGroups: 5,
};

const NAME = { type: "string", pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$", maxLength: 20 } as const;
const CIDRS = { type: "array", items: { type: "string", minLength: 1 } } as const;
const count = { type: "integer", minimum: -1 } as const; // -1 = unlimited, as the OpenStack APIs take it

const BACKUP_SCHEDULE = {
  type: "object",
  additionalProperties: false,
  properties: {
    schedule: { type: "string", pattern: "^\\S+( \\S+){4}$" },
    retention: { type: "integer", minimum: 1, maximum: 1000 },
    bucket: { type: "string", pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$" },
  },
} as const;

export const CATALOG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["vims", "csps"],
  properties: {
    state: {
      type: "object",
      additionalProperties: false,
      properties: {
        backend: { enum: ["local", "s3"] },
        path: { type: "string", minLength: 1 },
        secretsPath: { type: "string", minLength: 1 },
        bucket: { type: "string", minLength: 1 },
        secretsBucket: { type: "string", minLength: 1 },
        endpoint: { type: "string", pattern: "^https?://" },
        region: { type: "string", minLength: 1 },
      },
    },
    vims: {
      type: "object",
      minProperties: 1,
      propertyNames: NAME,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["cloud", "externalNetwork"],
        properties: {
          cloud: { type: "string", minLength: 1 },
          identityOf: NAME,
          domain: { type: "string", minLength: 1 },
          authUrl: { type: "string", pattern: "^https?://" },
          region: { type: "string", minLength: 1 },
          externalNetwork: { type: "string", minLength: 1 },
          image: { type: "string", minLength: 1 },
          availabilityZones: { type: "array", items: { type: "string", minLength: 1 } },
          s3Endpoint: { type: "string", pattern: "^https?://[^/?#\\s]+/?$" },
          s3Region: { type: "string", pattern: "^[-_a-zA-Z0-9]+$" },
        },
      },
    },
    sharedNetworks: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "vim", "network"],
        properties: { name: NAME, vim: NAME, network: { type: "string", minLength: 1 } },
      },
    },
    csps: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "mode", "cluster"],
        properties: {
          name: NAME,
          mode: { enum: ["b2b2c", "b2c"] },
          clouds: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
          quota: {
            type: "object",
            additionalProperties: false,
            properties: Object.fromEntries(Object.keys(DEFAULT_QUOTA).map((k) => [k, count])),
          },
          sharedNetworks: { type: "array", items: NAME, uniqueItems: true },
          cluster: {
            type: "object",
            additionalProperties: false,
            required: ["vim", "apiAllowedCidrs"],
            properties: {
              vim: NAME,
              multiSite: { type: "boolean" },
              controllers: { enum: [1, 3, 5] },
              apiLoadBalancer: { enum: ["keepalived", "octavia"] },
              controllerFlavor: { type: "string", minLength: 1 },
              controllerSchedulable: { type: "boolean" },
              controllerVolumeSize: { type: "integer", minimum: 1 },
              edgeNodeCidrs: { type: "object", propertyNames: NAME, additionalProperties: { type: "string", minLength: 1 } },
              dnsNameservers: { type: "array", items: { type: "string", minLength: 1 } },
              antiAffinity: { enum: ["soft", "hard", "none"] },
              k3sServerConfig: { type: "object" },
              k3sAgentConfig: { type: "object" },
              workerPools: {
                type: "object",
                propertyNames: NAME,
                additionalProperties: {
                  type: "object",
                  additionalProperties: false,
                  required: ["size", "flavor"],
                  properties: {
                    size: { type: "integer", minimum: 0 },
                    flavor: { type: "string", minLength: 1 },
                    vim: NAME,
                    availabilityZone: { type: "string", minLength: 1 },
                    labels: { type: "object", additionalProperties: { type: "string" } },
                    taints: { type: "array", items: { type: "string" } },
                    volumeSize: { type: "integer", minimum: 1 },
                  },
                },
              },
              nodeCidr: { type: "string" },
              podCidr: { type: "string" },
              serviceCidr: { type: "string" },
              k3sVersion: { type: "string" },
              k3sDownloadUrl: { type: "string", pattern: "^https?://" },
              k3sSha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
              apiAllowedCidrs: { ...CIDRS, minItems: 1 },
              nodePortAllowedCidrs: CIDRS,
              sshPublicKey: { type: "string", minLength: 1 },
              sshAllowedCidrs: CIDRS,
              openstackIntegration: { type: "boolean" },
              octaviaLoadBalancers: { type: "boolean" },
              etcdSnapshots: BACKUP_SCHEDULE,
            },
          },
          mep: {
            type: "object",
            additionalProperties: false,
            properties: {
              replicas: { type: "integer", minimum: 1 },
              database: { enum: ["sqlite", "postgresql"] },
              serviceType: { enum: ["ClusterIP", "NodePort", "LoadBalancer"] },
              imageRepository: { type: "string", minLength: 1 },
              imageTag: { type: "string", minLength: 1 },
              storageClass: { type: "string", pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", maxLength: 253 },
              backup: BACKUP_SCHEDULE,
            },
          },
          edgeMano: {
            type: "object",
            additionalProperties: false,
            properties: {
              engine: { enum: ["mecaas", "osm"] },
              chartRepository: { type: "string", minLength: 1 },
              chartVersion: { type: "string", minLength: 1 },
              chartName: { type: "string", minLength: 1 },
              vimUsername: { type: "string", minLength: 1 },
              appNamespace: NAME,
              imageRepository: { type: "string", minLength: 1 },
              imageTag: { type: "string", minLength: 1 },
            },
          },
          apps: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "descriptor", "chart"],
              properties: {
                name: NAME,
                descriptor: { type: "string", minLength: 1 },
                chart: { type: "string", minLength: 1 },
                values: { type: "object" },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validateSchema = new Ajv({ allErrors: true, strict: true }).compile(CATALOG_SCHEMA);

/** `/csps/1/cluster/workerPools/main/size` -> `csps[1] (acme).cluster.workerPools.main.size`. */
function describePath(raw: any, pointer: string): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "csps" && parts.length > 1) {
    const name = raw?.csps?.[Number(parts[1])]?.name;
    const head = `csps[${parts[1]}]${typeof name === "string" ? ` (${name})` : ""}`;
    return [head, ...parts.slice(2)].join(".");
  }
  return parts.join(".") || "(top level)";
}

function describeError(raw: unknown, e: ErrorObject): string {
  const where = describePath(raw, e.instancePath);
  switch (e.keyword) {
    case "additionalProperties":
      return `${where}: unknown field "${(e.params as any).additionalProperty}"; remove it or fix its spelling`;
    case "required":
      return `${where}: missing required field "${(e.params as any).missingProperty}"`;
    case "enum":
      return `${where}: must be one of ${(e.params as any).allowedValues.join(", ")}`;
    case "pattern":
      return {
        "^https?://": `${where}: must be an http(s) URL, e.g. "https://keystone.example.net:5000/v3"`,
        "^[0-9a-f]{64}$": `${where}: must be a SHA-256 in lower-case hex (64 characters), as sha256sum prints it`,
      }[(e.params as any).pattern as string] ?? `${where}: must be a lower-case DNS label (letters, digits, '-'), e.g. "acme"`;
    default:
      return `${where}: ${e.message}`;
  }
}

/** A catalog's problems, as the one input-error type mecaas has: `catalog <source> is invalid:` and a line each. */
function catalogError(source: string, problems: readonly string[]): InputError {
  return new InputError(`catalog ${source}`, problems, `catalog ${source} is invalid`);
}

/** Checks a parsed catalog; throws an InputError listing every problem. */
export function validateCatalog(raw: unknown, source = "(inline)"): Catalog {
  if (!validateSchema(raw)) {
    throw catalogError(source, (validateSchema.errors ?? []).map((e) => describeError(raw, e)));
  }
  const catalog = raw as unknown as Catalog;
  const problems: string[] = [];
  if (catalog.state?.backend === "s3" && !catalog.state.bucket) problems.push("state.bucket: required with backend s3");
  if (catalog.state?.backend !== "s3" && (catalog.state?.bucket || catalog.state?.secretsBucket || catalog.state?.endpoint)) {
    problems.push("state: bucket, secretsBucket and endpoint belong to backend s3; set backend: s3 or remove them");
  }
  const vimNames = Object.keys(catalog.vims);
  for (const [name, vim] of Object.entries(catalog.vims)) {
    if (vim.identityOf === undefined) continue;
    const at = `vims.${name}.identityOf`;
    const target = catalog.vims[vim.identityOf];
    if (vim.identityOf === name) {
      problems.push(`${at}: "${name}" is this VIM itself; name the VIM whose Keystone serves ${name}, or remove identityOf`);
    } else if (!target) {
      problems.push(`${at}: "${vim.identityOf}" is not in vims (${vimNames.join(", ")})`);
    } else if (target.identityOf !== undefined) {
      problems.push(`${at}: "${vim.identityOf}" shares the identity service of "${target.identityOf}" itself; name "${target.identityOf}" instead`);
    }
    if (vim.domain !== undefined) {
      problems.push(`vims.${name}.domain: ${name}'s projects and groups live in the Keystone of ${vim.identityOf}; set domain on vims.${vim.identityOf} instead`);
    }
  }
  const shared = new Map((catalog.sharedNetworks ?? []).map((n) => [n.name, n]));
  for (const net of catalog.sharedNetworks ?? []) {
    if (!catalog.vims[net.vim]) problems.push(`sharedNetworks ${net.name}.vim: "${net.vim}" is not in vims (${vimNames.join(", ")})`);
  }
  const seen = new Set<string>();
  catalog.csps.forEach((csp, i) => {
    const at = `csps[${i}] (${csp.name})`;
    if (seen.has(csp.name)) problems.push(`${at}.name: "${csp.name}" is used by another CSP; names must be unique`);
    seen.add(csp.name);
    if (csp.name === "nsp") problems.push(`${at}.name: "nsp" is reserved for the NSP-wide stack`);
    const shadowed = catalog.csps.find((other) => csp.name.startsWith(`${other.name}-`));
    if (shadowed) {
      problems.push(`${at}.name: "${csp.name}" starts with "${shadowed.name}-", so \`cdktf deploy '${shadowed.name}-*'\` would select both; rename one`);
    }
    const usedVims = vimsOf(csp);
    if (!catalog.vims[csp.cluster.vim]) problems.push(`${at}.cluster.vim: "${csp.cluster.vim}" is not in vims (${vimNames.join(", ")})`);
    for (const [pool, spec] of Object.entries(csp.cluster.workerPools ?? {})) {
      if (spec.vim && !catalog.vims[spec.vim]) problems.push(`${at}.cluster.workerPools.${pool}.vim: "${spec.vim}" is not in vims (${vimNames.join(", ")})`);
      else if (spec.vim && spec.vim !== csp.cluster.vim && !csp.cluster.multiSite) {
        problems.push(`${at}.cluster.workerPools.${pool}.vim: pool on edge VIM ${spec.vim} (not the cluster's ${csp.cluster.vim}) needs ` +
          "multiSite: true (cluster.multiSite: a WireGuard overlay between public node addresses); set it when the cluster is created — " +
          "nodes keep the overlay they booted with, so a running single-site cluster cannot switch: create a new cluster or roll every node");
      }
    }
    const foreignPool = Object.entries(csp.cluster.workerPools ?? {}).find(([, spec]) => spec.vim && spec.vim !== csp.cluster.vim);
    if (csp.cluster.openstackIntegration && foreignPool) {
      problems.push(`${at}.cluster.openstackIntegration: pool ${foreignPool[0]} is on VIM ${foreignPool[1].vim}, and the OpenStack ` +
        `cloud-controller-manager knows the cluster's ${csp.cluster.vim} only (it would delete Nodes it cannot find there); set it false or keep every pool on ${csp.cluster.vim}`);
    }
    if (csp.cluster.octaviaLoadBalancers && !openstackIntegrationOf(csp)) {
      problems.push(`${at}.cluster.octaviaLoadBalancers: LoadBalancer Services come from the OpenStack cloud-controller-manager; set cluster.openstackIntegration true too, or drop it`);
    }
    if (csp.mep?.storageClass !== undefined && csp.mep.database === "postgresql") {
      problems.push(`${at}.mep.storageClass: the MEP on PostgreSQL has no volume; drop storageClass or use database: sqlite`);
    }
    for (const name of csp.sharedNetworks ?? []) {
      const net = shared.get(name);
      if (!net) problems.push(`${at}.sharedNetworks: "${name}" is not in sharedNetworks`);
      else if (!usedVims.includes(net.vim)) problems.push(`${at}.sharedNetworks: "${name}" is on VIM ${net.vim}, where ${csp.name} has no nodes`);
    }
    const engine = edgeManoEngineOf(csp);
    const given = (fields: readonly (keyof EdgeManoEntry)[]) => fields.filter((f) => csp.edgeMano?.[f] !== undefined);
    if (engine === "osm") {
      for (const field of (["chartRepository", "chartVersion"] as const).filter((f) => csp.edgeMano?.[f] === undefined)) {
        problems.push(`${at}.edgeMano.${field}: required with engine osm (OSM's chart is in no public repository)`);
      }
      for (const field of given(["appNamespace", "imageRepository", "imageTag"])) problems.push(`${at}.edgeMano.${field}: is for engine mecaas; remove it or drop engine: osm`);
    }
    if (engine === "mecaas") {
      for (const field of given(["chartRepository", "chartVersion", "chartName", "vimUsername"])) {
        problems.push(`${at}.edgeMano.${field}: is for engine osm (the mecaas engine's chart ships with mecaas); set engine: osm or remove it`);
      }
    }
    // OSM registers the CSP's VIMs; the mecaas engine talks to the cluster and the MEP only.
    if (engine === "osm") {
      for (const vim of usedVims.filter((v) => catalog.vims[v] && !catalog.vims[v].authUrl)) {
        problems.push(`${at}: vims.${vim}.authUrl is required: ${csp.name}'s Edge MANO registers VIM ${vim} and needs its Keystone URL`);
      }
    }
    if ((csp.mep?.replicas ?? 1) > 1 && csp.mep?.database !== "postgresql") {
      problems.push(`${at}.mep.replicas: ${csp.mep!.replicas} replicas need database: postgresql (SQLite is one file only one replica may write); set mep.database or replicas: 1`);
    }
    for (const [field, asked] of [["mep.backup", csp.mep?.backup], ["cluster.etcdSnapshots", csp.cluster.etcdSnapshots]] as const) {
      if (asked && catalog.vims[csp.cluster.vim] && !catalog.vims[csp.cluster.vim].s3Endpoint) {
        problems.push(`${at}.${field}: backups go to the object store of VIM ${csp.cluster.vim}, which names none; set vims.${csp.cluster.vim}.s3Endpoint or drop ${field}`);
      }
    }
    if (csp.cluster.etcdSnapshots && (csp.cluster.controllers ?? 1) === 1) {
      problems.push(`${at}.cluster.etcdSnapshots: one controller keeps k3s's datastore in SQLite, not etcd; set cluster.controllers: 3 or drop etcdSnapshots`);
    }
    if (csp.mode === "b2c" && csp.edgeMano) problems.push(`${at}.edgeMano: b2c mode has no Edge MANO; remove edgeMano or set mode: b2b2c`);
  });
  if (problems.length) throw catalogError(source, problems);
  return catalog;
}

/**
 * What the catalog's apps name, read: each AppD checked against the MEC 010-2 AppD schema, each chart found. A bad
 * AppD is the catalog's problem, named by its entry (`csps[0] (acme).apps[0].descriptor <file>: ...`).
 */
function appProblems(catalog: Catalog, catalogDir: string): string[] {
  const problems: string[] = [];
  catalog.csps.forEach((csp, i) => (csp.apps ?? []).forEach((app, j) => {
    const at = `csps[${i}] (${csp.name}).apps[${j}]`;
    const descriptor = resolve(catalogDir, app.descriptor);
    let appD: unknown;
    try {
      appD = parse(readFileSync(descriptor, "utf8"));
    } catch (e) {
      problems.push(`${at}.descriptor "${app.descriptor}": cannot be read as YAML (${(e as Error).message.split("\n")[0].replace(/:$/, "")}); give the path of the app's AppD, relative to the catalog`);
    }
    if (appD !== undefined) {
      for (const p of appDescriptorProblems(appD, "appD")) problems.push(`${at}.descriptor ${app.descriptor}: ${p}`);
    }
    if (!existsSync(join(resolve(catalogDir, app.chart), "Chart.yaml"))) {
      problems.push(`${at}.chart "${app.chart}": no Chart.yaml there; give the directory of the app's Helm chart, relative to the catalog`);
    }
  }));
  return problems;
}

export function loadCatalog(path: string): Catalog {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (e) {
    // The parser's first line says what and where (line, column); the code frame below it is left out.
    throw catalogError(path, [`cannot be read as YAML: ${(e as Error).message.split("\n")[0].replace(/:$/, "")}`]);
  }
  const catalog = validateCatalog(raw, path);
  const problems = appProblems(catalog, dirname(path));
  if (problems.length) throw catalogError(path, problems);
  return catalog;
}

/** Whether the CSP's cluster runs the OpenStack integration: as the catalog says, else when every pool is on its VIM. */
export function openstackIntegrationOf(csp: CspEntry): boolean {
  return csp.cluster.openstackIntegration ?? Object.values(csp.cluster.workerPools ?? {}).every((p) => !p.vim || p.vim === csp.cluster.vim);
}

/** The VIMs a CSP has nodes on, its cluster's VIM first. */
/** The object store a CSP's backups go to (its cluster VIM's), when it asks for any (`mep.backup`, `cluster.etcdSnapshots`). */
export function backupStoreOf(catalog: Catalog, csp: CspEntry): { endpoint: string; region: string } | undefined {
  if (!csp.mep?.backup && !csp.cluster.etcdSnapshots) return undefined;
  const vim = catalog.vims[csp.cluster.vim];
  return { endpoint: vim.s3Endpoint!.replace(/\/+$/, ""), region: vim.s3Region ?? "us-east-1" };
}

export function vimsOf(csp: CspEntry): string[] {
  const pools = Object.values(csp.cluster.workerPools ?? {}).filter((p) => p.size > 0);
  return [...new Set([csp.cluster.vim, ...pools.map((p) => p.vim ?? csp.cluster.vim)])];
}

/** The VIM whose Keystone holds the CSPs' projects and groups for `vim`: the one it names in identityOf, or itself. */
export function identityVimOf(catalog: Catalog, vim: string): string {
  return catalog.vims[vim].identityOf ?? vim;
}

/** Keystone domain id of the CSPs' projects on `vim` (its identity VIM's `domain`). @default - the credentials' own */
export function cspDomainOf(catalog: Catalog, vim: string): string | undefined {
  return catalog.vims[identityVimOf(catalog, vim)].domain;
}

/** The CSP's clouds.yaml entry on a VIM. */
export function cspCloud(csp: CspEntry, vim: string): string {
  return csp.clouds?.[vim] ?? `${csp.name}-${vim}`;
}

export function quotaOf(csp: CspEntry): QuotaEntry {
  return { ...DEFAULT_QUOTA, ...csp.quota };
}
