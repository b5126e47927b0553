import { ITerraformDependable, Token } from "./cdk";
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { DataKubernetesServiceV1 } from "@cdktf/provider-kubernetes/lib/data-kubernetes-service-v1";
import { Password } from "@cdktf/provider-random/lib/password";
import { ClusterProviders } from "./cluster-providers";
import { stableOutput } from "./stable-output";
import { deepMerge, helmValues, projectChartDir, releaseChart } from "./helm-chart-source";
import { assertDnsLabel, InputError } from "./validation";
import { backupValues, MepBackupProps, validateBackup } from "./internal/mep-backup";
import { warnOfUnpublishedImage } from "./internal/unpublished-images";

/** Port of the MEP's Service (chart value service.port); set explicitly so mp1Url never drifts from the chart. */
const MEP_PORT = 8080;
const PART_OF = { "app.kubernetes.io/part-of": "mecaas" };

/** How Mp1 is reachable from outside the cluster. */
export type MepServiceType = "ClusterIP" | "NodePort" | "LoadBalancer";

export interface MecPlatformCnfProps extends MepBackupProps {
  /** The cluster to install onto. */
  readonly cluster: ClusterProviders;
  /**
   * Namespace of the MEP.
   * @default "mec-platform"
   */
  readonly namespace?: string;
  /**
   * Create the namespace (and delete it with the construct). Set false to install into an existing one.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Helm release name; also the name of the MEP's Service.
   * @default "mep"
   */
  readonly releaseName?: string;
  /**
   * Local directory of the MEP chart.
   * @default - the chart shipped with mecaas, `charts/mep`
   */
  readonly chartPath?: string;
  /**
   * Chart repository (`https://...` or `oci://...`) holding a published MEP chart, instead of a local directory.
   * @default - the local chart
   */
  readonly chartRepository?: string;
  /**
   * Chart name in `chartRepository`.
   * @default "mep"
   */
  readonly chartName?: string;
  /**
   * Chart version; required with `chartRepository`.
   * @default - the local chart's own version
   */
  readonly chartVersion?: string;
  /**
   * MEP container image repository. The packaged chart's default, `mecaas/mep`, is in no public registry: build it
   * (`images/build.sh mep`), push it to a registry of yours and name it here, or import it on the nodes and set
   * `"mecaas/mep"`; unset, synth warns.
   * @default - the chart's default (`mecaas/mep`)
   */
  readonly imageRepository?: string;
  /**
   * MEP container image tag.
   * @default - the chart's default (its appVersion)
   */
  readonly imageTag?: string;
  /**
   * Image pull policy.
   * @default - the chart's default
   */
  readonly imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /**
   * Number of MEP replicas. More than one needs `postgresUrl` (SQLite is a single-writer file).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * PostgreSQL connection URL (`postgres://user:password@host:5432/db`). Stored in a Secret, never in Helm values.
   * Sensitive. When unset, the MEP keeps its data in SQLite on a persistent volume.
   * @default - SQLite on a persistent volume
   */
  readonly postgresUrl?: string;
  /**
   * Size of the SQLite volume.
   * @default - the chart's default
   */
  readonly storageSize?: string;
  /**
   * StorageClass of the SQLite volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;
  /**
   * How the Mp1 Service is exposed.
   * @default "ClusterIP"
   */
  readonly serviceType?: MepServiceType;
  /**
   * Fixed node port when `serviceType` is NodePort (30000-32767).
   * @default - Kubernetes picks one
   */
  readonly nodePort?: number;
  /**
   * Address (IP or DNS name) at which the cluster's nodes are reachable, used to publish the external Mp1 URL of
   * a NodePort Service (e.g. the cluster's floating IP).
   * @default - no external URL output for NodePort
   */
  readonly nodeAddress?: string;
  /**
   * Host name of an Ingress for Mp1. Setting it creates the Ingress.
   * @default - no Ingress
   */
  readonly ingressHost?: string;
  /**
   * IngressClass of the Ingress.
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /**
   * Secret holding the Ingress's TLS certificate. When set, the external URL is https.
   * @default - no TLS on the Ingress (external URL is http)
   */
  readonly ingressTlsSecretName?: string;
  /**
   * Client id of the MEP's administrative OAuth client (the Main MANO and MecAppCnf use it).
   * @default "mecaas-admin"
   */
  readonly adminClientId?: string;
  /**
   * Where the MEP may send notifications: IP addresses, CIDRs, exact host names or ".suffix" for every host under
   * it (chart value `callbackAllowlist`), so apps cannot aim the platform at internal addresses. In-cluster MEC apps
   * need their namespace listed (e.g. ".sample-echo.svc"); entries naming only cluster-internal hosts leave the
   * default policy in force for everything else.
   * @default - the MEP's default: anything but loopback, link-local, multicast, cloud metadata addresses and the cluster's own names and ranges
   */
  readonly callbackAllowlist?: string[];
  /**
   * The cluster's pod and service CIDRs (`K8sClusterVnf`'s podCidr and serviceCidr), which the MEP refuses as callback
   * targets unless `callbackAllowlist` names them (chart value `clusterCidrs`).
   * @default - k3s' 10.42.0.0/16 and 10.43.0.0/16
   */
  readonly clusterCidrs?: string[];
  /**
   * A kubernetes.io/tls Secret (in `namespace`) with which the MEP serves HTTPS itself; mp1Url becomes https.
   * @default - plain HTTP inside the cluster
   */
  readonly tlsSecretName?: string;
  /**
   * Further Helm values for the chart (e.g. `resources`). The values the props above control are set by this
   * construct and take precedence over the same keys here.
   * @default - none
   */
  readonly extraValues?: Record<string, unknown>;
  /**
   * Seconds Helm waits for the MEP to become ready.
   * @default 600
   */
  readonly timeoutSeconds?: number;
}

/**
 * What other constructs need to know of a MEP: a MecPlatformCnf, or the same facts of a MEP installed elsewhere
 * (e.g. in another stack, passed by reference).
 */
export interface IMecPlatform {
  /** The cluster the MEP runs on. */
  readonly cluster: ClusterProviders;
  /** The MEP's namespace. */
  readonly namespace: string;
  /** In-cluster base URL (API root) of the MEP. */
  readonly mp1Url: string;
  /** Secret in `namespace` with the admin client's keys `adminClientId` and `adminClientSecret`. */
  readonly adminSecretName: string;
  /** What to wait for before talking to the MEP (its helm_release). */
  readonly release?: ITerraformDependable;
}

/**
 * The paper's "MEC functional blocks CNF": the project's MEP (ETSI GS MEC 011 Mp1) installed with Helm from
 * `charts/mep`, with its administrative credential and token signing key generated by Terraform (random_password)
 * and kept in a Kubernetes Secret the chart reads (`auth.existingSecret`), so an upgrade never rotates them.
 */
export class MecPlatformCnf extends Construct implements IMecPlatform {
  public readonly cluster: ClusterProviders;
  public readonly namespace: string;
  public readonly releaseName: string;
  /** Name of the MEP's Service. */
  public readonly serviceName: string;
  /** In-cluster base URL of the MEP (Mp1 lives under `/mec_service_mgmt/v1` and `/mec_app_support/v1`). */
  public readonly mp1Url: string;
  /** External base URL of Mp1, when it is exposed outside the cluster. */
  public readonly externalMp1Url?: string;
  /** Secret (in `namespace`) with keys adminClientId, adminClientSecret, tokenSigningKey. */
  public readonly adminSecretName: string;
  public readonly adminClientId: string;
  /** The generated admin client secret (a Terraform reference; sensitive). */
  public readonly adminClientSecret: string;
  /** The helm_release; depend on it to run after the MEP is up. */
  public readonly release: Release;
  /** The Helm values passed to the chart (exposed for tests and review). */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: MecPlatformCnfProps) {
    super(scope, id);
    const where = this.node.path;
    this.cluster = props.cluster;
    this.namespace = props.namespace ?? "mec-platform";
    this.releaseName = props.releaseName ?? "mep";
    assertDnsLabel(where, "namespace", this.namespace);
    // Helm's release-name limit is 53 characters; the Service is named after the release.
    assertDnsLabel(where, "releaseName", this.releaseName, 53);
    const replicas = props.replicas ?? 1;
    const serviceType = props.serviceType ?? "ClusterIP";
    validate(where, props, replicas, serviceType);
    validateBackup(where, props);

    this.serviceName = this.releaseName;
    this.adminSecretName = `${this.releaseName}-auth`;
    this.adminClientId = props.adminClientId ?? "mecaas-admin";
    this.mp1Url = `${props.tlsSecretName !== undefined ? "https" : "http"}://${this.serviceName}.${this.namespace}.svc:${MEP_PORT}`;

    const providers = { provider: props.cluster.kubernetes };
    const namespaceDep: ITerraformDependable[] = [];
    if (props.createNamespace ?? true) {
      namespaceDep.push(
        new NamespaceV1(this, "namespace", {
          ...providers,
          metadata: {
            name: this.namespace,
            // The MEP chart and MecAppCnf's registration jobs meet the restricted Pod Security Standard.
            labels: { ...PART_OF, "pod-security.kubernetes.io/enforce": "restricted" },
          },
        }),
      );
    }
    const dependsOn: ITerraformDependable[] = [...namespaceDep];

    // Alphanumeric: the secret travels in HTTP Basic and in shell variables of hook jobs; 32 chars ≈ 190 bits.
    const adminSecret = new Password(this, "admin-client-secret", { length: 32, special: false });
    const signingKey = new Password(this, "token-signing-key", { length: 64, special: false });
    this.adminClientSecret = adminSecret.result;
    const authSecret = new SecretV1(this, "auth-secret", {
      ...providers,
      metadata: { name: this.adminSecretName, namespace: this.namespace, labels: PART_OF },
      data: {
        adminClientId: this.adminClientId,
        adminClientSecret: adminSecret.result,
        tokenSigningKey: signingKey.result,
      },
      dependsOn: [...namespaceDep],
    });
    dependsOn.push(authSecret);

    let values: Record<string, any> = {
      // The Service (and so mp1Url) is named after the release, whatever the chart's naming rule.
      fullnameOverride: this.releaseName,
      replicaCount: replicas,
      service: definedOnly({ type: serviceType, port: MEP_PORT, nodePort: props.nodePort }),
      auth: { existingSecret: this.adminSecretName },
    };
    if (props.imageRepository === undefined && props.chartPath === undefined && props.chartRepository === undefined) {
      warnOfUnpublishedImage(this, "imageRepository", "mep");
    }
    const image = definedOnly({ repository: props.imageRepository, tag: props.imageTag, pullPolicy: props.imagePullPolicy });
    if (Object.keys(image).length > 0) values.image = image;
    if (props.postgresUrl !== undefined) {
      const dbSecret = new SecretV1(this, "database-secret", {
        ...providers,
        metadata: { name: `${this.releaseName}-database`, namespace: this.namespace, labels: PART_OF },
        data: { url: props.postgresUrl },
        dependsOn: [...namespaceDep],
      });
      dependsOn.push(dbSecret);
      values.postgresql = { existingSecret: `${this.releaseName}-database`, urlKey: "url" };
    } else {
      values.persistence = definedOnly({ enabled: true, size: props.storageSize, storageClassName: props.storageClass });
    }
    if (props.ingressHost !== undefined) {
      values.ingress = definedOnly({
        enabled: true,
        className: props.ingressClassName,
        host: props.ingressHost,
        tlsSecretName: props.ingressTlsSecretName,
      });
    }
    if (props.tlsSecretName !== undefined) values.tls = { existingSecret: props.tlsSecretName };
    const backup = backupValues(this, props, this.releaseName, this.namespace, props.cluster.kubernetes, [...namespaceDep], PART_OF);
    if (backup.secret) dependsOn.push(backup.secret);
    if (backup.values) values.backup = backup.values;
    if (props.callbackAllowlist !== undefined) values.callbackAllowlist = props.callbackAllowlist;
    if (props.clusterCidrs !== undefined) values.clusterCidrs = props.clusterCidrs;
    values = deepMerge(props.extraValues ?? {}, values);
    this.values = values;

    const chart = releaseChart(
      this,
      "chart",
      {
        path: props.chartRepository === undefined ? (props.chartPath ?? projectChartDir("mep")) : props.chartPath,
        repository: props.chartRepository,
        name: props.chartName ?? "mep",
        version: props.chartVersion,
      },
      where,
      "chart",
    );
    this.release = new Release(this, "release", {
      provider: props.cluster.helm,
      name: this.releaseName,
      namespace: this.namespace,
      ...chart,
      values: [helmValues(values)],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      maxHistory: 10,
      timeout: props.timeoutSeconds ?? 600,
      dependsOn,
    });

    this.externalMp1Url = this.externalUrl(props, serviceType);

    stableOutput(this, "mp1_url", { value: this.mp1Url, description: "In-cluster base URL of the MEP (Mp1)" });
    if (this.externalMp1Url !== undefined) {
      stableOutput(this, "mp1_external_url", { value: this.externalMp1Url, description: "External base URL of Mp1" });
    }
    stableOutput(this, "admin_client_id", { value: this.adminClientId, description: "MEP admin OAuth client id" });
    stableOutput(this, "admin_client_secret", {
      value: this.adminClientSecret,
      sensitive: true,
      description: "MEP admin OAuth client secret",
    });
  }

  private externalUrl(props: MecPlatformCnfProps, serviceType: MepServiceType): string | undefined {
    if (props.ingressHost !== undefined) {
      return `${props.ingressTlsSecretName !== undefined ? "https" : "http"}://${props.ingressHost}`;
    }
    const scheme = props.tlsSecretName !== undefined ? "https" : "http";
    if (serviceType === "LoadBalancer") {
      // The address is known only once the cloud's load balancer is up: read it back from the Service.
      const svc = this.readService(props);
      return `${scheme}://${svc.status.get(0).loadBalancer.get(0).ingress.get(0).ip}:${MEP_PORT}`;
    }
    if (serviceType === "NodePort" && props.nodeAddress !== undefined) {
      if (props.nodePort !== undefined) return `${scheme}://${props.nodeAddress}:${Token.asString(props.nodePort)}`;
      const svc = this.readService(props);
      return `${scheme}://${props.nodeAddress}:${Token.asString(svc.spec.get(0).port.get(0).nodePort)}`;
    }
    return undefined;
  }

  private readService(props: MecPlatformCnfProps): DataKubernetesServiceV1 {
    return new DataKubernetesServiceV1(this, "service", {
      provider: props.cluster.kubernetes,
      metadata: { name: this.serviceName, namespace: this.namespace },
      dependsOn: [this.release],
    });
  }
}



function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function validate(where: string, props: MecPlatformCnfProps, replicas: number, serviceType: string): void {
  if (!Token.isUnresolved(replicas) && (!Number.isInteger(replicas) || replicas < 1)) {
    throw new InputError(where, [`replicas ${replicas} must be a whole number of at least 1`]);
  }
  if (!Token.isUnresolved(replicas) && replicas > 1 && props.postgresUrl === undefined) {
    throw new InputError(where, [
      `replicas ${replicas} needs postgresUrl; the default SQLite store is a single-writer file on one ` +
        `volume, so either set replicas to 1 or give a PostgreSQL URL`,
    ]);
  }
  if (!["ClusterIP", "NodePort", "LoadBalancer"].includes(serviceType)) {
    throw new InputError(where, [`serviceType "${serviceType}" is not one of ClusterIP, NodePort, LoadBalancer`]);
  }
  if (props.nodePort !== undefined) {
    if (serviceType !== "NodePort") {
      throw new InputError(where, [`nodePort ${props.nodePort} is set but serviceType is "${serviceType}"; set serviceType "NodePort" or drop nodePort`]);
    }
    if (!Token.isUnresolved(props.nodePort) && (!Number.isInteger(props.nodePort) || props.nodePort < 30000 || props.nodePort > 32767)) {
      throw new InputError(where, [`nodePort ${props.nodePort} is outside the NodePort range 30000-32767`]);
    }
  }
  if (props.postgresUrl !== undefined && !Token.isUnresolved(props.postgresUrl) && !/^postgres(ql)?:\/\/\S+$/.test(props.postgresUrl)) {
    // Never echo the URL: it carries a password.
    throw new InputError(where, [`postgresUrl is not a PostgreSQL URL; use "postgres://user:password@host:5432/database"`]);
  }
  if (props.postgresUrl !== undefined && (props.storageSize !== undefined || props.storageClass !== undefined)) {
    throw new InputError(where, [`storageSize/storageClass configure the SQLite volume, which is not used with postgresUrl; drop them`]);
  }
  if (props.ingressHost !== undefined && !Token.isUnresolved(props.ingressHost) && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(props.ingressHost)) {
    throw new InputError(where, [`ingressHost "${props.ingressHost}" is not a DNS name (e.g. "mep.csp1.example.net")`]);
  }
  for (const [field, v] of [["ingressClassName", props.ingressClassName], ["ingressTlsSecretName", props.ingressTlsSecretName]] as const) {
    if (v !== undefined && props.ingressHost === undefined) {
      throw new InputError(where, [`${field} "${v}" is set without ingressHost; set ingressHost to create the Ingress`]);
    }
  }
  if (props.adminClientId !== undefined && !Token.isUnresolved(props.adminClientId) && !/^[A-Za-z0-9._~-]{1,64}$/.test(props.adminClientId)) {
    // It travels in HTTP Basic (no ":") and in curl config files of MecAppCnf's hook jobs (no quotes).
    throw new InputError(where, [`adminClientId "${props.adminClientId}" may hold only letters, digits, ".", "_", "~" and "-" (e.g. "mecaas-admin")`]);
  }
  (props.callbackAllowlist ?? []).forEach((entry, i) => {
    if (!Token.isUnresolved(entry) && !/^[^,\s/]+(\/[0-9]{1,3})?$/.test(entry)) {
      throw new InputError(where, [
        `callbackAllowlist[${i}] "${entry}" is not an IP address, CIDR or host name; ` +
          `give e.g. "10.42.0.0/16" or "apps.csp1.example.net" (no scheme, path or commas)`,
      ]);
    }
  });
  if (props.nodeAddress !== undefined && serviceType !== "NodePort") {
    throw new InputError(where, [`nodeAddress is only used with serviceType "NodePort" (it is "${serviceType}")`]);
  }
}
