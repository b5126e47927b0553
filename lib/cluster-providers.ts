import { InputError } from "./validation";
import { requireUniqueProvider } from "./internal/unique-provider";
import { Token } from "./cdk";
import { Construct } from "constructs";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ClusterAccess } from "./cluster-access";

export interface ClusterProvidersProps {
  /** How to reach and authenticate to the cluster (usually cross-stack references from the infra stack). */
  readonly access: ClusterAccess;
  /**
   * Terraform provider alias for both providers, for a stack that talks to more than one cluster.
   * @default - the stack's default (unaliased) helm and kubernetes providers
   */
  readonly alias?: string;
}

/**
 * The helm and kubernetes providers of one cluster, configured from a ClusterAccess with client certificate
 * authentication and the cluster CA (TLS always verified: `insecure` is never set). The constructs that deploy
 * onto a cluster (MecPlatformCnf, EdgeMano, MecAppCnf) take this as their `cluster` prop, so every resource is
 * pinned to the providers of the cluster it belongs to.
 */
export class ClusterProviders extends Construct {
  /** The access these providers were configured from (EdgeMano hands the endpoint and CA to OSM). */
  public readonly access: ClusterAccess;
  public readonly helm: HelmProvider;
  public readonly kubernetes: KubernetesProvider;
  /** The alias, or undefined for the default providers. */
  public readonly alias?: string;

  constructor(scope: Construct, id: string, props: ClusterProvidersProps) {
    super(scope, id);
    const where = this.node.path;
    if (props.alias !== undefined && !/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(props.alias)) {
      throw new InputError(where, [
        `alias "${props.alias}" is not a valid Terraform provider alias; ` +
          `use letters, digits, "_" and "-", starting with a letter (e.g. "csp1")`,
      ]);
    }
    const a = props.access;
    if (!Token.isUnresolved(a.apiEndpoint) && !/^https:\/\/[^\s/]+(:\d+)?\/?$/.test(a.apiEndpoint)) {
      throw new InputError(where, [
        `access.apiEndpoint "${a.apiEndpoint}" must be an https URL of the API server ` +
          `(e.g. "https://203.0.113.10:6443"); plain http would send the client key's proof unprotected`,
      ]);
    }
    for (const field of ["clusterCaCertificatePem", "clientCertificatePem", "clientKeyPem"] as const) {
      const v = a[field];
      if (!Token.isUnresolved(v) && !/-----BEGIN [A-Z ]+-----/.test(v)) {
        throw new InputError(where, [
          `access.${field} is not PEM (no "-----BEGIN ...-----" line); pass the PEM text, ` +
            `not a file path or base64`,
        ]);
      }
    }

    this.access = a;
    this.alias = props.alias;
    this.kubernetes = new KubernetesProvider(this, "kubernetes", {
      alias: props.alias,
      host: a.apiEndpoint,
      clusterCaCertificate: a.clusterCaCertificatePem,
      clientCertificate: a.clientCertificatePem,
      clientKey: a.clientKeyPem,
    });
    this.helm = new HelmProvider(this, "helm", {
      alias: props.alias,
      kubernetes: {
        host: a.apiEndpoint,
        clusterCaCertificate: a.clusterCaCertificatePem,
        clientCertificate: a.clientCertificatePem,
        clientKey: a.clientKeyPem,
      },
    });
    requireUniqueProvider(this, this.kubernetes, "alias");
    requireUniqueProvider(this, this.helm, "alias");
  }
}
