import * as fs from "fs";
import * as path from "path";
import { Fn, ITerraformDependable, Lazy, Token } from "./cdk";
import { Construct } from "constructs";
import { parse } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Password } from "@cdktf/provider-random/lib/password";
import { ClusterProviders } from "./cluster-providers";
import { installMecaasEngine } from "./edge-mano-mecaas";
import type { IMecPlatform } from "./mec-platform-cnf";
import { deepMerge, helmValues, jsonDocument, releaseChart } from "./helm-chart-source";
import { assertDnsLabel, InputError } from "./validation";
import { stableOutput } from "./stable-output";

/** The orchestrators EdgeMano can install: mecaas' own (`mano/`, charts/mecaas) or Open Source MANO. */
export type EdgeManoEngine = "mecaas" | "osm";
const ENGINES: readonly EdgeManoEngine[] = ["mecaas", "osm"];

/** An OpenStack VIM account to register into OSM (one OpenStack cloud, region or project: an edge host's VIM). */
export interface OsmVimAccount {
  /** Name of the VIM account in OSM (letters, digits, ".", "_", "-"). */
  readonly name: string;
  /** Keystone URL, e.g. `https://keystone.edge-1.example.net:5000/v3`. */
  readonly authUrl: string;
  /** Project (tenant) OSM deploys into. */
  readonly projectName: string;
  readonly username: string;
  /** Password of `username`. Sensitive: it reaches OSM only through a Kubernetes Secret. */
  readonly password: string;
  /**
   * Keystone domain id of both the user and the project (OSM gets `user_domain_id` and `project_domain_id`); when set,
   * `userDomainName` and `projectDomainName` are not used.
   * @default - the domains by name, below
   */
  readonly domainId?: string;
  /**
   * Keystone domain of the user.
   * @default "Default"
   */
  readonly userDomainName?: string;
  /**
   * Keystone domain of the project.
   * @default "Default"
   */
  readonly projectDomainName?: string;
  /**
   * OpenStack region.
   * @default - the cloud's only region
   */
  readonly region?: string;
  /**
   * PEM of the CA that signs Keystone's (and the other APIs') certificates, when no public CA does.
   * @default - OSM's system CAs; certificates are verified either way
   */
  readonly caCertificatePem?: string;
  /**
   * Further OSM OpenStack VIM config (e.g. `{ security_groups: "default", availability_zone: ["edge-1"] }`).
   * `insecure` cannot be set: TLS is always verified.
   * @default - none
   */
  readonly config?: Record<string, unknown>;
  /**
   * Description shown in OSM.
   * @default - "registered by mecaas"
   */
  readonly description?: string;
}

/**
 * Helm value paths the generated secrets are passed to (with set_sensitive). The defaults are the Bitnami
 * sub-charts' standard `auth.rootPassword` and, for OSM's database common key (which encrypts the VIM passwords
 * OSM stores), `global.db.commonkey`. Check them against the OSM chart version you install.
 */
export interface OsmSecretValuePaths {
  /** @default ["global.db.commonkey"] */
  readonly databaseCommonKey?: string[];
  /** @default ["mysql.auth.rootPassword"] */
  readonly mysqlRootPassword?: string[];
  /** @default ["mongodb.auth.rootPassword"] */
  readonly mongodbRootPassword?: string[];
}

/** Options of a further Kubernetes cluster registered into OSM with `registerCluster()`. */
export interface OsmClusterOptions {
  /** Name of the cluster in OSM. */
  readonly name: string;
  /** The VIM account (registered with this EdgeMano) the cluster belongs to. */
  readonly vimAccount: string;
  /**
   * Kubernetes version OSM records for the cluster.
   * @default "1.31"
   */
  readonly kubernetesVersion?: string;
  /**
   * OSM `nets` of the cluster.
   * @default { net1: null }
   */
  readonly nets?: Record<string, string | null>;
  /**
   * Namespace OSM uses for its own objects in the cluster.
   * @default "kube-system"
   */
  readonly namespace?: string;
}

export interface EdgeManoProps {
  /** The cluster to install onto (and to register into the Edge MANO as its K8s cluster / CISM). */
  readonly cluster: ClusterProviders;
  /**
   * The orchestrator: "mecaas", the project's ETSI MEC 010-2 Edge MANO (Mm1 for the CSP's OSS, Mm5 to `mep`), or
   * "osm", Open Source MANO (its chart from chartPath or chartRepository, and `vim`).
   * @default "mecaas"
   */
  readonly engine?: EdgeManoEngine;
  /**
   * engine "mecaas": the CSP's MEP, on whose management API the Edge MANO creates the app instances; the Edge
   * MANO runs in its namespace and reads its admin Secret there. Required for "mecaas".
   * @default - none
   */
  readonly mep?: IMecPlatform;
  /**
   * engine "mecaas": the namespace the Edge MANO installs MEC apps into (created with it), where alone it has rights.
   * @default "mec-apps"
   */
  readonly appNamespace?: string;
  /**
   * engine "mecaas": the Edge MANO's image repository.
   * @default - the chart's, mecaas/mano
   */
  readonly imageRepository?: string;
  /**
   * Local directory of the OSM Helm chart (e.g. a checkout of OSM's devops repository, `installers/helm/osm`).
   * OSM publishes its chart in no public Helm repository, so the chart's location is required: this, or
   * `chartRepository` + `chartName`.
   * @default - none
   */
  readonly chartPath?: string;
  /**
   * HTTP(S) chart repository or `oci://` registry holding the OSM chart.
   * @default - none
   */
  readonly chartRepository?: string;
  /**
   * Chart name in `chartRepository`.
   * @default "osm"
   */
  readonly chartName?: string;
  /**
   * Chart version. Required: with a local chart it must equal the chart's own version (Chart.yaml).
   * @default - none
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the Edge MANO. engine "mecaas": the MEP's (no other is accepted).
   * @default - "osm"; engine "mecaas": the MEP's namespace
   */
  readonly namespace?: string;
  /**
   * Create the namespace (and delete it with the construct).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Helm release name.
   * @default - the engine's name, "mecaas" or "osm"
   */
  readonly releaseName?: string;
  /**
   * Registry/organisation of OSM's own images (chart value `global.image.repositoryBase`).
   * @default "opensourcemano"
   */
  readonly imageRepositoryBase?: string;
  /**
   * Tag of the engine's own images (OSM: chart value `global.image.tag`).
   * @default - the chart's default
   */
  readonly imageTag?: string;
  /**
   * MongoDB image repository. Bitnami moved its free images to `bitnamilegacy/*` (the `bitnami/*` tags are gone).
   * @default "bitnamilegacy/mongodb"
   */
  readonly mongodbImageRepository?: string;
  /**
   * Kafka image repository.
   * @default "bitnamilegacy/kafka"
   */
  readonly kafkaImageRepository?: string;
  /**
   * MySQL image repository.
   * @default "bitnamilegacy/mysql"
   */
  readonly mysqlImageRepository?: string;
  /**
   * Install OSM's GitOps extras (chart value `global.gitops.enabled`).
   * @default false
   */
  readonly gitops?: boolean;
  /**
   * Further chart values; the values the props above control take precedence.
   * @default - none
   */
  readonly values?: Record<string, unknown>;
  /**
   * Where the generated secrets go in the chart's values.
   * @default - see OsmSecretValuePaths
   */
  readonly secretValuePaths?: OsmSecretValuePaths;
  /**
   * In-cluster base URL of OSM's NBI (up to and including `/osm`).
   * @default - `http://nbi.<namespace>.svc:9999/osm`
   */
  readonly nbiUrl?: string;
  /**
   * PEM of the CA of an https NBI (OSM's NBI may serve a self-signed certificate: give its CA).
   * @default - the registration image's system CAs; certificates are verified either way
   */
  readonly nbiCaCertificatePem?: string;
  /**
   * URL of the NBI as clients outside the cluster reach it (e.g. through an Ingress), for the outputs.
   * @default - no external URL output
   */
  readonly nbiExternalUrl?: string;
  /**
   * OSM admin user.
   * @default "admin"
   */
  readonly adminUsername?: string;
  /**
   * Project of the admin user.
   * @default "admin"
   */
  readonly adminProject?: string;
  /**
   * The admin password a fresh OSM starts with; the registration job replaces it with the generated one.
   * @default "admin"
   */
  readonly initialAdminPassword?: string;
  /**
   * engine "osm": the VIM of this cluster (the OpenStack its controller runs in): registered, and the cluster
   * attached to it. Required for "osm".
   * @default - none
   */
  readonly vim?: OsmVimAccount;
  /**
   * More VIM accounts to register, e.g. the VIMs of edge hosts where worker pools run. More can be added with
   * `registerVim()`.
   * @default - none
   */
  readonly additionalVims?: OsmVimAccount[];
  /**
   * Name of the cluster in OSM.
   * @default - `<vim.name>-k8s`
   */
  readonly clusterName?: string;
  /**
   * Kubernetes version OSM records for the cluster.
   * @default "1.31"
   */
  readonly kubernetesVersion?: string;
  /**
   * OSM `nets` of the cluster: names the descriptors' KDUs use, mapped to VIM network names.
   * @default { net1: null }
   */
  readonly clusterNets?: Record<string, string | null>;
  /**
   * Namespace OSM uses for its own objects in the cluster.
   * @default "kube-system"
   */
  readonly clusterNamespace?: string;
  /**
   * Image of the registration job (Python 3 standard library, non-root).
   * @default "python:3.13-alpine"
   */
  readonly registrationImage?: string;
  /**
   * Seconds Helm waits for OSM, and the registration job for each object to become ENABLED.
   * @default 1200
   */
  readonly timeoutSeconds?: number;
}

const PART_OF = { "app.kubernetes.io/part-of": "mecaas" };
const REGISTRATION_SCRIPT = path.join(__dirname, "assets", "osm-register.py");
const OSM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * The CSP's Edge MANO: Open Source MANO installed with Helm, its secrets generated by Terraform (so an upgrade
 * never rotates the key that encrypts the VIM passwords OSM stores), and this cluster registered into it as a
 * K8s cluster (CISM) on its VIM, with any further VIMs (edge hosts), by a Kubernetes Job that talks to OSM's NBI.
 *
 * OSM gets a dedicated ServiceAccount (bound to cluster-admin: OSM installs Helm charts into any namespace and
 * creates its own service accounts) and that account's token from a `kubernetes.io/service-account-token` Secret.
 * That token kind, not a TokenRequest, because OSM keeps the kubeconfig for the cluster's lifetime and nothing
 * would renew an expiring token inside OSM; the token is still bound to its Secret and ServiceAccount, so deleting
 * the construct (or replacing the Secret) revokes it.
 */
export class EdgeMano extends Construct {
  public readonly engine: EdgeManoEngine;
  public readonly namespace: string;
  public readonly releaseName: string;
  /** engine "osm": in-cluster NBI base URL. */
  public readonly nbiUrl?: string;
  /** engine "mecaas": in-cluster base URL of Mm1 (app_pkgm/v1, app_lcm/v1, its /oauth/token). */
  public readonly mm1Url?: string;
  /** OSM's admin user, or the OSS's client id on Mm1 (mecaas). */
  public readonly adminUsername: string;
  /** The generated admin password (OSM) or OSS client secret (mecaas): a Terraform reference; sensitive. */
  public readonly adminPassword: string;
  /** engine "osm": name of the K8s cluster in OSM. */
  public readonly clusterName?: string;
  /** The engine's helm_release. */
  public readonly release: Release;
  /** engine "osm": the registration Job (waits for completion). */
  public readonly registrationJob?: JobV1;
  /** Values passed to the engine's chart (without the generated secrets). */
  public readonly values: Record<string, unknown>;

  private readonly props: EdgeManoProps;
  private readonly vims: OsmVimAccount[] = [];
  private readonly extraClusters: Array<{ options: OsmClusterOptions; access: ClusterProviders; token: string }> = [];

  constructor(scope: Construct, id: string, props: EdgeManoProps) {
    super(scope, id);
    const where = this.node.path;
    this.props = props;
    this.engine = props.engine ?? "mecaas";
    if (!ENGINES.includes(this.engine)) {
      throw new InputError(where, [`engine "${this.engine}" is not an Edge MANO engine: use "mecaas" (the default) or "osm"`]);
    }
    const timeout = props.timeoutSeconds ?? 1200;
    if (!Number.isInteger(timeout) || timeout < 60) {
      throw new InputError(where, [`timeoutSeconds ${timeout} must be a whole number of at least 60`]);
    }
    if (this.engine === "mecaas") {
      const mep = props.mep;
      if (!mep) throw new InputError(where, [`engine "mecaas" needs mep, the CSP's MEP (a MecPlatformCnf), on which it creates the app instances`]);
      const osmOnly = (["chartPath", "chartRepository", "chartVersion", "vim", "additionalVims", "nbiUrl", "nbiExternalUrl"] as const).filter((k) => props[k] !== undefined);
      if (osmOnly.length) throw new InputError(where, osmOnly.map((k) => `${k} is for engine "osm"; remove it, or set engine: "osm"`));
      if (props.namespace !== undefined && props.namespace !== mep.namespace) {
        throw new InputError(where, [`namespace "${props.namespace}": engine "mecaas" runs in the MEP's namespace ("${mep.namespace}"), where it reads the MEP's admin Secret; remove namespace`]);
      }
      this.namespace = mep.namespace;
      this.releaseName = props.releaseName ?? "mecaas";
      assertDnsLabel(where, "releaseName", this.releaseName, 53);
      const engine = installMecaasEngine(this, where, {
        cluster: props.cluster, mep, releaseName: this.releaseName, appNamespace: props.appNamespace ?? "mec-apps",
        imageRepository: props.imageRepository, imageTag: props.imageTag, values: props.values, timeoutSeconds: timeout,
      });
      this.release = engine.release;
      this.values = engine.values;
      this.mm1Url = engine.mm1Url;
      this.adminUsername = engine.adminClientId;
      this.adminPassword = engine.adminClientSecret;
      stableOutput(this, "mm1_url", { value: engine.mm1Url, description: "In-cluster URL of the Edge MANO's Mm1 (mecaas)" });
      stableOutput(this, "admin_client_id", { value: engine.adminClientId, description: "The OSS's client id on the Edge MANO's Mm1" });
      stableOutput(this, "admin_client_secret", { value: engine.adminClientSecret, sensitive: true, description: "The OSS's client secret on the Edge MANO's Mm1" });
      return;
    }
    if (!props.vim) throw new InputError(where, [`engine "osm" needs vim, the OpenStack account of this cluster's VIM to register into OSM`]);
    const mecaasOnly = (["mep", "appNamespace", "imageRepository"] as const).filter((k) => props[k] !== undefined);
    if (mecaasOnly.length) throw new InputError(where, mecaasOnly.map((k) => `${k} is for engine "mecaas"; remove it, or leave engine unset`));
    if (props.chartPath === undefined && props.chartRepository === undefined) {
      throw new InputError(where, [
        `engine "osm" needs chartPath or chartRepository: OSM's Helm chart is in no public Helm repository. ` +
          `Point chartPath at installers/helm/osm of OSM's devops repository (or publish the chart to your own ` +
          `repository), and set chartVersion`,
      ]);
    }
    if (props.chartVersion === undefined || (!Token.isUnresolved(props.chartVersion) && props.chartVersion.trim() === "")) {
      throw new InputError(where, [`engine "osm" needs chartVersion, the exact OSM chart version to install (e.g. "15.0.0")`]);
    }
    if (props.chartPath !== undefined && fs.existsSync(path.join(path.resolve(props.chartPath), "Chart.yaml"))) {
      const own = String(parse(fs.readFileSync(path.join(path.resolve(props.chartPath), "Chart.yaml"), "utf8"))?.version ?? "");
      if (!Token.isUnresolved(props.chartVersion) && own !== props.chartVersion) {
        throw new InputError(where, [
          `chartVersion "${props.chartVersion}" does not match the version of the chart at chartPath ` +
            `("${own}" in Chart.yaml); set chartVersion "${own}" or point chartPath at the chart you mean`,
        ]);
      }
    }

    this.namespace = props.namespace ?? "osm";
    this.releaseName = props.releaseName ?? "osm";
    assertDnsLabel(where, "namespace", this.namespace);
    assertDnsLabel(where, "releaseName", this.releaseName, 53);
    this.adminUsername = props.adminUsername ?? "admin";
    const nbiUrl = props.nbiUrl ?? `http://nbi.${this.namespace}.svc:9999/osm`;
    this.nbiUrl = nbiUrl;
    if (!Token.isUnresolved(nbiUrl) && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(nbiUrl)) {
      throw new InputError(where, [`nbiUrl "${nbiUrl}" is not an http(s) URL (e.g. "http://nbi.osm.svc:9999/osm")`]);
    }
    this.clusterName = props.clusterName ?? `${props.vim.name}-k8s`;
    checkOsmName(where, "clusterName", this.clusterName);
    this.registerVim(props.vim);
    for (const vim of props.additionalVims ?? []) this.registerVim(vim);

    const k8s = { provider: props.cluster.kubernetes };
    const namespaceDeps: ITerraformDependable[] = [];
    if (props.createNamespace ?? true) {
      namespaceDeps.push(new NamespaceV1(this, "namespace", { ...k8s, metadata: { name: this.namespace, labels: PART_OF } }));
    }

    // Generated once and kept in Terraform state: an upgrade re-renders nothing that OSM's data depends on.
    const generated = {
      adminPassword: new Password(this, "admin-password", { length: 24, special: false }),
      databaseCommonKey: new Password(this, "database-common-key", { length: 32, special: false }),
      mysqlRootPassword: new Password(this, "mysql-root-password", { length: 32, special: false }),
      mongodbRootPassword: new Password(this, "mongodb-root-password", { length: 32, special: false }),
    };
    this.adminPassword = generated.adminPassword.result;
    const secretsName = `${this.releaseName}-mecaas-secrets`;
    const secrets = new SecretV1(this, "secrets", {
      ...k8s,
      metadata: { name: secretsName, namespace: this.namespace, labels: PART_OF },
      data: Object.fromEntries(Object.entries(generated).map(([k, p]) => [k, p.result])),
      dependsOn: namespaceDeps,
    });

    this.values = deepMerge(props.values ?? {}, {
      global: {
        image: { repositoryBase: props.imageRepositoryBase ?? "opensourcemano", ...(props.imageTag ? { tag: props.imageTag } : {}) },
        gitops: { enabled: props.gitops ?? false },
        // Bitnami charts refuse images from other repositories (bitnamilegacy/*) unless told to accept them.
        security: { allowInsecureImages: true },
      },
      mongodb: { image: { repository: props.mongodbImageRepository ?? "bitnamilegacy/mongodb" } },
      kafka: { image: { repository: props.kafkaImageRepository ?? "bitnamilegacy/kafka" } },
      mysql: { image: { repository: props.mysqlImageRepository ?? "bitnamilegacy/mysql" } },
    });
    const paths = props.secretValuePaths ?? {};
    const setSensitive = [
      ...(paths.databaseCommonKey ?? ["global.db.commonkey"]).map((name) => ({ name, value: generated.databaseCommonKey.result, type: "string" })),
      ...(paths.mysqlRootPassword ?? ["mysql.auth.rootPassword"]).map((name) => ({ name, value: generated.mysqlRootPassword.result, type: "string" })),
      ...(paths.mongodbRootPassword ?? ["mongodb.auth.rootPassword"]).map((name) => ({ name, value: generated.mongodbRootPassword.result, type: "string" })),
    ];
    for (const s of setSensitive) {
      if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(s.name)) {
        throw new InputError(where, [`secretValuePaths entry "${s.name}" is not a dotted Helm value path (e.g. "mysql.auth.rootPassword")`]);
      }
    }

    this.release = new Release(this, "release", {
      provider: props.cluster.helm,
      name: this.releaseName,
      namespace: this.namespace,
      ...releaseChart(
        this,
        "chart",
        { path: props.chartPath, repository: props.chartRepository, name: props.chartName ?? "osm", version: props.chartVersion },
        where,
        "chart",
      ),
      values: [helmValues(this.values)],
      setSensitive,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      maxHistory: 10,
      timeout,
      dependsOn: [...namespaceDeps, secrets],
    });

    // The identity OSM uses in this cluster.
    const saName = `${this.releaseName}-k8scluster`;
    const serviceAccount = new ServiceAccountV1(this, "osm-service-account", {
      ...k8s,
      metadata: { name: saName, namespace: this.namespace, labels: PART_OF },
      automountServiceAccountToken: false,
      dependsOn: namespaceDeps,
    });
    const binding = new ClusterRoleBindingV1(this, "osm-cluster-admin", {
      ...k8s,
      metadata: { name: `${this.namespace}-${saName}`, labels: PART_OF },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subject: [{ kind: "ServiceAccount", name: serviceAccount.metadata.name, namespace: this.namespace }],
    });
    const tokenSecret = new SecretV1(this, "osm-service-account-token", {
      ...k8s,
      metadata: {
        name: `${saName}-token`,
        namespace: this.namespace,
        labels: PART_OF,
        annotations: { "kubernetes.io/service-account.name": serviceAccount.metadata.name },
      },
      type: "kubernetes.io/service-account-token",
      waitForServiceAccountToken: true,
    });

    const scriptName = `${this.releaseName}-registration-script`;
    const script = new ConfigMapV1(this, "registration-script", {
      ...k8s,
      metadata: { name: scriptName, namespace: this.namespace, labels: PART_OF },
      data: {
        "osm-register.py": fs.readFileSync(REGISTRATION_SCRIPT, "utf8"),
        ...(props.nbiCaCertificatePem !== undefined ? { "nbi-ca.crt": props.nbiCaCertificatePem } : {}),
      },
      dependsOn: namespaceDeps,
    });
    // Lazy: registerVim() may add VIMs after construction; the document is produced at synth.
    const registrationDocument = Lazy.stringValue({ produce: () => jsonDocument(this.registrationSpec()) });
    const registrationName = `${this.releaseName}-registration`;
    const registration = new SecretV1(this, "registration", {
      ...k8s,
      metadata: { name: registrationName, namespace: this.namespace, labels: PART_OF },
      data: { "registration.json": registrationDocument },
      dependsOn: namespaceDeps,
    });

    const securityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    };
    this.registrationJob = new JobV1(this, "registration-job", {
      ...k8s,
      metadata: { name: `${this.releaseName}-register-cluster`, namespace: this.namespace, labels: PART_OF },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: timeout * 2,
        template: {
          metadata: {
            labels: { ...PART_OF, "app.kubernetes.io/component": "edge-mano-registration" },
            // Jobs are immutable: a new hash replaces the Job, so a changed VIM, password or token runs it again.
            annotations: {
              "mecaas.io/registration-sha256": Fn.sha256(
                Fn.jsonencode({ registration: registration.data, token: tokenSecret.id, admin: generated.adminPassword.result }),
              ),
            },
          },
          spec: {
            restartPolicy: "Never",
            // The job talks to OSM only; the ServiceAccount token it hands over is mounted as a file.
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: "65534", runAsGroup: "65534", seccompProfile: { type: "RuntimeDefault" } },
            container: [
              {
                name: "register",
                image: props.registrationImage ?? "python:3.13-alpine",
                command: ["python3", "/opt/mecaas/osm-register.py"],
                env: [
                  { name: "REGISTRATION_FILE", value: "/etc/mecaas/registration/registration.json" },
                  { name: "SA_TOKEN_FILE", value: "/var/run/mecaas/osm-sa/token" },
                  { name: "POLL_TIMEOUT_SECONDS", value: String(timeout) },
                  { name: "PYTHONDONTWRITEBYTECODE", value: "1" },
                  { name: "ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: secretsName, key: "adminPassword" } } },
                  { name: "INITIAL_ADMIN_PASSWORD", value: props.initialAdminPassword ?? "admin" },
                  ...(props.nbiCaCertificatePem !== undefined ? [{ name: "NBI_CA_FILE", value: "/opt/mecaas/nbi-ca.crt" }] : []),
                ],
                securityContext,
                resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
                volumeMount: [
                  { name: "script", mountPath: "/opt/mecaas", readOnly: true },
                  { name: "registration", mountPath: "/etc/mecaas/registration", readOnly: true },
                  { name: "osm-sa", mountPath: "/var/run/mecaas/osm-sa", readOnly: true },
                ],
              },
            ],
            volume: [
              { name: "script", configMap: { name: scriptName } },
              { name: "registration", secret: { secretName: registrationName } },
              { name: "osm-sa", secret: { secretName: tokenSecret.metadata.name } },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: `${Math.ceil((timeout * 2) / 60)}m`, update: `${Math.ceil((timeout * 2) / 60)}m` },
      // OSM must be up, its admin password in place, and OSM's identity in the cluster ready to hand over.
      dependsOn: [this.release, secrets, script, registration, tokenSecret, binding],
    });

    stableOutput(this, "nbi_url", { value: nbiUrl, description: "In-cluster URL of the Edge MANO's NBI (OSM)" });
    if (props.nbiExternalUrl !== undefined) {
      stableOutput(this, "nbi_external_url", { value: props.nbiExternalUrl, description: "External URL of the Edge MANO's NBI" });
    }
    stableOutput(this, "admin_username", { value: this.adminUsername, description: "Edge MANO (OSM) admin user" });
    stableOutput(this, "admin_password", { value: this.adminPassword, sensitive: true, description: "Edge MANO (OSM) admin password" });
  }

  /**
   * Registers one more VIM account into OSM (e.g. the OpenStack of a new edge host where a worker pool runs).
   * The registration job runs again with the new VIM on the next apply; existing accounts are left as they are.
   */
  public registerVim(vim: OsmVimAccount): void {
    const where = this.node.path;
    this.requireOsm("registerVim()");
    const field = this.vims.length === 0 ? "vim" : `vims["${vim.name}"]`;
    checkOsmName(where, `${field}.name`, vim.name);
    if (this.vims.some((v) => v.name === vim.name)) {
      throw new InputError(where, [`VIM account "${vim.name}" is registered twice; give each VIM account its own name`]);
    }
    if (!Token.isUnresolved(vim.authUrl) && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(vim.authUrl)) {
      throw new InputError(where, [`${field}.authUrl "${vim.authUrl}" is not a Keystone URL (e.g. "https://keystone.example.net:5000/v3")`]);
    }
    for (const key of ["projectName", "username", "password"] as const) {
      const v = vim[key];
      if (v === undefined || (!Token.isUnresolved(v) && v.trim() === "")) {
        throw new InputError(where, [`${field}.${key} is required for VIM account "${vim.name}"`]);
      }
    }
    if (vim.config && "insecure" in vim.config) {
      throw new InputError(where, [`${field}.config.insecure cannot be set: TLS is always verified; give caCertificatePem instead`]);
    }
    this.vims.push(vim);
  }

  /**
   * Registers a further Kubernetes cluster (e.g. one running on an edge host of its own) into OSM, attached to one
   * of the VIM accounts registered here. OSM's identity in that cluster (ServiceAccount bound to cluster-admin and
   * its token Secret) is created through that cluster's own providers; the token reaches the registration job
   * through its Secret, never the Job's spec. The job runs again on the next apply.
   */
  public registerCluster(cluster: ClusterProviders, options: OsmClusterOptions): void {
    this.requireOsm("registerCluster()");
    const where = this.node.path;
    const field = `clusters["${options.name}"]`;
    checkOsmName(where, `${field}.name`, options.name);
    if (options.name === this.clusterName || this.extraClusters.some((c) => c.options.name === options.name)) {
      throw new InputError(where, [`K8s cluster "${options.name}" is registered twice; give each cluster its own name`]);
    }
    if (cluster === this.props.cluster) {
      throw new InputError(where, [`${field} is this EdgeMano's own cluster, which is registered already as "${this.clusterName}"`]);
    }
    // Validated at synth, so VIMs added with registerVim() after this call count too.
    this.node.addValidation({
      validate: () =>
        this.vims.some((v) => v.name === options.vimAccount)
          ? []
          : [`${where}: ${field}.vimAccount "${options.vimAccount}" is not a VIM account of this EdgeMano (${this.vimNames.join(", ")}); register it with registerVim() first`],
    });
    const scope = new Construct(this, `cluster-${options.name}`);
    const k8s = { provider: cluster.kubernetes };
    const saName = `${this.releaseName}-k8scluster`;
    const sa = new ServiceAccountV1(scope, "osm-service-account", {
      ...k8s,
      metadata: { name: saName, namespace: "kube-system", labels: PART_OF },
      automountServiceAccountToken: false,
    });
    new ClusterRoleBindingV1(scope, "osm-cluster-admin", {
      ...k8s,
      metadata: { name: `${this.releaseName}-k8scluster`, labels: PART_OF },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subject: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: "kube-system" }],
    });
    const token = new SecretV1(scope, "osm-service-account-token", {
      ...k8s,
      metadata: {
        name: `${saName}-token`,
        namespace: "kube-system",
        labels: PART_OF,
        annotations: { "kubernetes.io/service-account.name": sa.metadata.name },
      },
      type: "kubernetes.io/service-account-token",
      waitForServiceAccountToken: true,
    });
    this.extraClusters.push({ options, access: cluster, token: Fn.lookup(token.data, "token", "") });
  }

  private requireOsm(what: string) {
    if (this.engine !== "osm") throw new InputError(this.node.path, [`${what} registers into OSM: it needs engine "osm" (this EdgeMano's engine is "${this.engine}")`]);
  }

  /** The names of the K8s clusters registered into OSM. */
  public get clusterNames(): string[] {
    return this.clusterName === undefined ? [] : [this.clusterName, ...this.extraClusters.map((c) => c.options.name)];
  }

  /** The VIM account names registered so far. */
  public get vimNames(): string[] {
    return this.vims.map((v) => v.name);
  }

  /** What the registration job registers (the document in its Secret; holds the VIM passwords). */
  public registrationSpec(): Record<string, unknown> {
    const p = this.props;
    return {
      nbiUrl: this.nbiUrl,
      adminUsername: this.adminUsername,
      adminProject: p.adminProject ?? "admin",
      vims: this.vims.map((v) => ({
        name: v.name,
        description: v.description ?? "registered by mecaas",
        vim_type: "openstack",
        vim_url: v.authUrl,
        vim_tenant_name: v.projectName,
        vim_user: v.username,
        vim_password: v.password,
        config: {
          ...(v.domainId !== undefined
            ? { user_domain_id: v.domainId, project_domain_id: v.domainId }
            : { user_domain_name: v.userDomainName ?? "Default", project_domain_name: v.projectDomainName ?? "Default" }),
          ...(v.region !== undefined ? { region_name: v.region } : {}),
          ...(v.caCertificatePem !== undefined ? { ca_cert_content: v.caCertificatePem } : {}),
          ...(v.config ?? {}),
          insecure: false,
        },
      })),
      k8sclusters: [
        {
          name: this.clusterName,
          description: "registered by mecaas",
          vimAccount: this.vims[0].name, // props.vim, registered first
          server: p.cluster.access.apiEndpoint,
          caCertificatePem: p.cluster.access.clusterCaCertificatePem,
          k8sVersion: p.kubernetesVersion ?? "1.31",
          nets: p.clusterNets ?? { net1: null },
          namespace: p.clusterNamespace ?? "kube-system",
          deploymentMethods: { "helm-chart-v3": true, "juju-bundle": false },
        },
        ...this.extraClusters.map((c) => ({
          name: c.options.name,
          description: "registered by mecaas",
          vimAccount: c.options.vimAccount,
          server: c.access.access.apiEndpoint,
          caCertificatePem: c.access.access.clusterCaCertificatePem,
          // The token of OSM's ServiceAccount in that cluster (this cluster's own is mounted into the job).
          token: c.token,
          k8sVersion: c.options.kubernetesVersion ?? "1.31",
          nets: c.options.nets ?? { net1: null },
          namespace: c.options.namespace ?? "kube-system",
          deploymentMethods: { "helm-chart-v3": true, "juju-bundle": false },
        })),
      ],
    };
  }
}

function checkOsmName(where: string, field: string, name: string): void {
  if (!Token.isUnresolved(name) && !OSM_NAME.test(name)) {
    throw new InputError(where, [`${field} "${name}" is not a usable OSM name; use up to 63 letters, digits, ".", "_" and "-" (e.g. "edge-1")`]);
  }
}

