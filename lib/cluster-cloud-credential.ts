import { Construct } from "constructs";
import { TerraformLocal } from "./cdk";
import { IdentityApplicationCredentialV3 } from "../.gen/providers/openstack/identity-application-credential-v3";
import { DataOpenstackIdentityAuthScopeV3 } from "../.gen/providers/openstack/data-openstack-identity-auth-scope-v3";
import { Vim } from "./vim";
import { InputError, requireNonEmpty } from "./validation";

/**
 * Roles the cluster's credential needs and no more: `member` of the CSP's project (Cinder creates, attaches and
 * deletes volumes, Nova and Neutron are read for node addresses and zones; Keystone's `reader` can create nothing).
 */
export const CLOUD_PROVIDER_ROLES: readonly string[] = ["member"];
/** Octavia's default policy lets a project's load balancers be made by this role only. */
export const LOAD_BALANCER_ROLE = "load-balancer_member";

export interface ClusterCloudCredentialProps {
  /** The VIM whose project the cluster runs in: the credential is made there, by the identity that runs Terraform. */
  readonly vim: Vim;
  /** Application credential name (unique per user). */
  readonly name: string;
  /**
   * LoadBalancer Services through Octavia (`[LoadBalancer] enabled`), their VIPs on `subnetId` and their floating IPs
   * on the VIM's external network. Adds `load-balancer_member` to the credential's roles: the identity running
   * Terraform must hold it on the project.
   * @default false - the CCM implements no LoadBalancer Services
   */
  readonly loadBalancers?: boolean;
  /** The cluster's subnet, where load balancers' VIPs go. Required with `loadBalancers`. @default - none */
  readonly subnetId?: string;
  /**
   * Keystone roles of the credential, instead of the least the integration needs.
   * @default - `member`, and `load-balancer_member` with `loadBalancers`
   */
  readonly roles?: readonly string[];
  /**
   * Keystone URL the cluster authenticates at.
   * @default - the public identity endpoint of the token's service catalog
   */
  readonly authUrl?: string;
}

/**
 * The OpenStack identity of a cluster's cloud-controller-manager and Cinder CSI driver: a Keystone application
 * credential per cluster, made in the CSP's project with the least roles the two need, not allowed to make other
 * credentials (`unrestricted` false), and the cloud.conf both read, rendered from it. Destroying it revokes it.
 */
export class ClusterCloudCredential extends Construct {
  /** The `cloud.conf` of the cluster's OpenStack components (gcfg, `[Global]` and `[LoadBalancer]`). Sensitive. */
  public readonly cloudConfig: string;
  /** The application credential's id (not secret). */
  public readonly applicationCredentialId: string;
  /** Its roles. */
  public readonly roles: readonly string[];

  constructor(scope: Construct, id: string, props: ClusterCloudCredentialProps) {
    super(scope, id);
    const loadBalancers = props.loadBalancers ?? false;
    requireNonEmpty(this, "name", props.name);
    if (loadBalancers && props.subnetId === undefined) {
      throw new InputError(this, "subnetId", props.subnetId, "load balancers need the subnet their VIPs go on: give subnetId, or set loadBalancers false");
    }
    if (props.roles !== undefined && props.roles.length === 0) {
      throw new InputError(this, "roles", "[]", `a credential without roles can do nothing: leave roles out for ${JSON.stringify(CLOUD_PROVIDER_ROLES)}`);
    }
    this.roles = props.roles ?? [...CLOUD_PROVIDER_ROLES, ...(loadBalancers ? [LOAD_BALANCER_ROLE] : [])];

    const provider = props.vim.provider;
    const scopeData = new DataOpenstackIdentityAuthScopeV3(this, "scope", { provider, name: `${props.name}-scope` });
    const credential = new IdentityApplicationCredentialV3(this, "credential", {
      provider,
      name: props.name,
      description: "cloud-controller-manager and Cinder CSI driver of this cluster (mecaas)",
      roles: [...this.roles],
      unrestricted: false,
    });
    this.applicationCredentialId = credential.id;
    // The catalog's public identity endpoint, as the deploying identity's own token lists it.
    const authUrl = props.authUrl ?? new TerraformLocal(this, "auth-url",
      `\${[for e in flatten([for s in ${scopeData.fqn}.service_catalog : s.endpoints if s.type == "identity"]) : e.url if e.interface == "public"][0]}`).asString;
    const quoted = (value: string) => `"${value}"`; // gcfg strings; Keystone's ids, secrets and URLs hold no quote
    const lines = [
      "[Global]",
      `auth-url = ${quoted(authUrl)}`,
      `region = ${quoted(scopeData.region)}`,
      `application-credential-id = ${quoted(credential.id)}`,
      `application-credential-secret = ${quoted(credential.secret)}`,
      "",
      "[LoadBalancer]",
      `enabled = ${loadBalancers}`,
      ...(loadBalancers ? [`subnet-id = ${quoted(props.subnetId!)}`, `floating-network-id = ${quoted(props.vim.externalNetworkId)}`] : []),
      "",
    ];
    this.cloudConfig = lines.join("\n");
  }
}
