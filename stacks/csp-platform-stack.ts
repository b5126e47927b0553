import { Construct } from "constructs";
import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { resolve } from "path";
import {
  ApiServerReadiness,
  ClusterAccess,
  ClusterProviders,
  DEFAULT_POD_CIDR,
  DEFAULT_SERVICE_CIDR,
  EdgeMano,
  MecAppCnf,
  MecPlatformCnf,
  OpenStackIntegrationCnf,
  OsmVimAccount,
  loadAppDescriptor,
} from "../lib";
import { Catalog, CspEntry, backupStoreOf, cspDomainOf, edgeManoEngineOf, vimsOf } from "./catalog";
import { cspProjectName } from "./nsp-stack";
import { importOnce } from "./import-once";

export interface CspPlatformStackProps {
  readonly catalog: Catalog;
  readonly csp: CspEntry;
  /** From the CSP's infra stack. */
  readonly access: ClusterAccess;
  /** The cloud.conf of the cluster's OpenStack integration, from the infra stack (K8sClusterVnf.cloudProviderConfig). @default - none: not installed */
  readonly cloudProviderConfig?: string;
  /** Folder the catalog's relative paths (app descriptors and charts) start from. */
  readonly catalogDir: string;
  /** The EC2 credential of the MEP's backups, from the infra stack (CspInfraStack.backupCredential). @default - none: no backups */
  readonly backupCredential?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * What runs on a CSP's cluster: the MEP and, in b2b2c mode, the CSP's Edge MANO. Its helm and kubernetes providers
 * are configured from the infra stack's outputs (cross-stack references), never from resources of the same plan,
 * and through the readiness check, so nothing is attempted before the API server answers.
 */
export class CspPlatformStack extends TerraformStack {
  public readonly cluster: ClusterProviders;
  public readonly mep: MecPlatformCnf;
  public readonly apps: MecAppCnf[];
  /** The CSP's own orchestrator (b2b2c mode only). */
  public readonly edgeMano?: EdgeMano;
  /** The cloud-controller-manager and Cinder CSI driver (cluster.openstackIntegration). */
  public readonly openstack?: OpenStackIntegrationCnf;

  constructor(scope: Construct, id: string, props: CspPlatformStackProps) {
    super(scope, id);
    const { csp } = props;
    new HttpProvider(this, "http");
    new RandomProvider(this, "random");
    const { apiEndpoint, clusterCaCertificatePem, clientCertificatePem, clientKeyPem } = props.access;
    const access = importOnce(this, "cluster", { apiEndpoint, clusterCaCertificatePem, clientCertificatePem, clientKeyPem });
    const readiness = new ApiServerReadiness(this, "api-server-readiness", { access });
    // Taking the endpoint from the check makes both providers' configuration wait for a ready API server.
    this.cluster = new ClusterProviders(this, "cluster", {
      access: { ...access, apiEndpoint: Fn.trimsuffix(readiness.check.url, "/readyz") },
    });
    // First on the cluster: until the CCM runs, the nodes are tainted uninitialized and nothing else schedules.
    if (props.cloudProviderConfig !== undefined) {
      this.openstack = new OpenStackIntegrationCnf(this, "openstack", {
        cluster: this.cluster,
        cloudConfig: importOnce(this, "openstack", { cloudConfig: props.cloudProviderConfig }).cloudConfig,
        clusterName: csp.name,
      });
    }
    const store = backupStoreOf(props.catalog, csp);
    const backupKeys = csp.mep?.backup && store && props.backupCredential ? importOnce(this, "backup", props.backupCredential) : undefined;
    const backup = backupKeys ? {
      backupS3Endpoint: store!.endpoint,
      backupRegion: store!.region,
      backupAccessKeyId: backupKeys.accessKeyId,
      backupSecretAccessKey: backupKeys.secretAccessKey,
      backupSchedule: csp.mep!.backup!.schedule,
      backupRetention: csp.mep!.backup!.retention,
      backupBucket: csp.mep!.backup!.bucket,
    } : {};
    const storageClass = csp.mep?.database === "postgresql" ? undefined : csp.mep?.storageClass ?? this.openstack?.storageClassName;
    this.mep = new MecPlatformCnf(this, "mep", {
      cluster: this.cluster,
      replicas: csp.mep?.replicas,
      postgresUrl: csp.mep?.database === "postgresql" ? new TerraformVariable(this, "mep_postgres_url", {
        type: "string",
        sensitive: true,
        description: `PostgreSQL URL of ${csp.name}'s MEP, postgres://user:password@host:5432/database (TF_VAR_mep_postgres_url)`,
      }).stringValue : undefined,
      serviceType: csp.mep?.serviceType,
      imageRepository: csp.mep?.imageRepository,
      imageTag: csp.mep?.imageTag,
      storageClass,
      // The MEP refuses callbacks to cluster-internal names by default; each app's namespace (MecAppCnf's default:
      // its release name) is let in, and the namespace the mecaas Edge MANO installs apps into, nothing else.
      callbackAllowlist: callbackNamespaces(csp).length ? callbackNamespaces(csp).map((ns) => `.${ns}.svc`) : undefined,
      clusterCidrs: [csp.cluster.podCidr ?? DEFAULT_POD_CIDR, csp.cluster.serviceCidr ?? DEFAULT_SERVICE_CIDR],
      ...backup,
    });
    const engine = edgeManoEngineOf(csp);
    if (engine === "mecaas") {
      this.edgeMano = new EdgeMano(this, "edge-mano", {
        cluster: this.cluster,
        mep: this.mep,
        appNamespace: csp.edgeMano?.appNamespace,
        imageRepository: csp.edgeMano?.imageRepository,
        imageTag: csp.edgeMano?.imageTag,
      });
    } else if (engine === "osm" && csp.edgeMano) {
      const [clusterVim, ...edgeVims] = vimsOf(csp).map((vim) => this.osmVimAccount(props.catalog, csp, vim));
      this.edgeMano = new EdgeMano(this, "edge-mano", {
        cluster: this.cluster,
        engine: "osm",
        chartRepository: csp.edgeMano.chartRepository,
        chartName: csp.edgeMano.chartName,
        chartVersion: csp.edgeMano.chartVersion,
        clusterName: csp.name,
        vim: clusterVim,
        // Pools on new edge hosts bring their VIMs here, and the registration job registers them.
        additionalVims: edgeVims,
      });
    }

    // depends_on takes a resource's address (its fqn is a reference expression).
    const integration = this.openstack?.release;
    for (const release of [this.mep.release, this.edgeMano?.release]) {
      if (integration && release) release.dependsOn = [...release.dependsOn ?? [], `${integration.terraformResourceType}.${integration.friendlyUniqueId}`];
    }

    this.apps = (csp.apps ?? []).map((app) => new MecAppCnf(this, `app-${app.name}`, {
      mep: this.mep,
      appDescriptor: loadAppDescriptor(resolve(props.catalogDir, app.descriptor)),
      chartPath: resolve(props.catalogDir, app.chart),
      releaseName: app.name,
      values: app.values,
    }));

    // MecPlatformCnf and MecAppCnf publish their own outputs (mep_mp1_url, mep_admin_client_secret, ...).
  }

  /** OSM's account on one of the CSP's VIMs: the CSP's OSM identity, its password a sensitive input. */
  private osmVimAccount(catalog: Catalog, csp: CspEntry, vim: string): OsmVimAccount {
    const password = new TerraformVariable(this, `osm_vim_password_${vim.replace(/-/g, "_")}`, {
      type: "string",
      sensitive: true,
      description: `Password of ${csp.name}'s Edge MANO identity on VIM ${vim} (TF_VAR_osm_vim_password_${vim.replace(/-/g, "_")})`,
    });
    return {
      name: vim,
      authUrl: catalog.vims[vim].authUrl!,
      region: catalog.vims[vim].region,
      projectName: cspProjectName(csp.name),
      domainId: cspDomainOf(catalog, vim),
      username: csp.edgeMano?.vimUsername ?? `${csp.name}-osm`,
      password: password.stringValue,
    };
  }
}

/** The namespaces whose apps the MEP calls back: the catalog's apps', and the mecaas Edge MANO's apps namespace. */
function callbackNamespaces(csp: CspEntry): string[] {
  return [...(csp.apps ?? []).map((app) => app.name), ...(edgeManoEngineOf(csp) === "mecaas" ? [csp.edgeMano?.appNamespace ?? "mec-apps"] : [])];
}
