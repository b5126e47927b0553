import { Construct } from "constructs";
import { OpenstackProvider } from "../.gen/providers/openstack/provider";
import { DataOpenstackNetworkingNetworkV2 } from "../.gen/providers/openstack/data-openstack-networking-network-v2";
import { DataOpenstackImagesImageV2 } from "../.gen/providers/openstack/data-openstack-images-image-v2";
import { requireDnsLabel, requireNonEmpty, InputError } from "./validation";
import { requireUniqueProvider } from "./internal/unique-provider";

export interface VimProps {
  /**
   * Alias of this VIM's `openstack` provider. Two VIMs of one stack need different aliases: a second with the same
   * one is refused at synth.
   * @default - the construct id
   */
  readonly alias?: string;
  /**
   * Entry of clouds.yaml to authenticate with (`OS_CLOUD`).
   * @default - the provider reads the standard `OS_*` environment variables
   */
  readonly cloud?: string;
  /**
   * Project to act in (a CSP's `csp-<name>`), whatever project the credentials default to.
   * @default - the project of `cloud` or the environment
   */
  readonly projectName?: string;
  /**
   * Keystone domain id of `projectName`, when that project is not in the domain the credentials name.
   * @default - the project domain of `cloud` or the environment
   */
  readonly projectDomainId?: string;
  /** @default - from `cloud` or `OS_AUTH_URL` */
  readonly authUrl?: string;
  /** @default - from `cloud` or `OS_REGION_NAME` */
  readonly region?: string;
  /**
   * Keystone application credential to act as (e.g. the one the NSP stack issues to a CSP's project).
   * Both id and secret, or neither.
   * @default - the credentials of `cloud` or the environment
   */
  readonly applicationCredentialId?: string;
  /** Secret of `applicationCredentialId`. Sensitive. @default - none */
  readonly applicationCredentialSecret?: string;
  /** Name of the external (provider) network that routers and floating IPs use. */
  readonly externalNetwork: string;
  /** Name of the Glance image nodes boot from; the most recent image of that name is used. @default "ubuntu-24.04" */
  readonly image?: string;
  /**
   * Availability zones of this VIM that nodes may be pinned to. The first is where the controller and pools that name
   * no zone go, so list the zone of ordinary compute hosts first, before edge hosts' zones.
   * @default - none declared: any zone may be named, and unpinned nodes go where Nova places them
   */
  readonly availabilityZones?: readonly string[];
}

/**
 * A VIM of the ETSI NFV architecture: one OpenStack cloud (or region, or project), reached through its own aliased
 * `openstack` provider, with the external network and image that nodes placed on it use.
 */
export class Vim extends Construct {
  /** The name pools use to be placed on this VIM (the construct id). */
  public readonly name: string;
  public readonly provider: OpenstackProvider;
  public readonly externalNetworkName: string;
  public readonly externalNetworkId: string;
  public readonly imageId: string;
  public readonly availabilityZones: readonly string[];

  constructor(scope: Construct, id: string, props: VimProps) {
    super(scope, id);
    requireDnsLabel(this, "id", id, 32);
    this.name = id;
    this.externalNetworkName = requireNonEmpty(this, "externalNetwork", props.externalNetwork);
    if ((props.applicationCredentialId === undefined) !== (props.applicationCredentialSecret === undefined)) {
      throw new InputError(this.node.path, [`applicationCredentialId and applicationCredentialSecret go together; give both or neither`]);
    }
    this.availabilityZones = props.availabilityZones ?? [];

    if (props.alias !== undefined) requireDnsLabel(this, "alias", props.alias, 32);
    this.provider = new OpenstackProvider(this, "provider", {
      alias: props.alias ?? id,
      cloud: props.cloud,
      authUrl: props.authUrl,
      region: props.region,
      tenantName: props.projectName,
      projectDomainId: props.projectDomainId,
      applicationCredentialId: props.applicationCredentialId,
      applicationCredentialSecret: props.applicationCredentialSecret,
    });
    requireUniqueProvider(this, this.provider, "alias");
    const externalNetwork = new DataOpenstackNetworkingNetworkV2(this, "external-network", {
      provider: this.provider,
      name: this.externalNetworkName,
      external: true,
    });
    this.externalNetworkId = externalNetwork.id;
    const image = new DataOpenstackImagesImageV2(this, "image", {
      provider: this.provider,
      name: props.image ?? "ubuntu-24.04",
      mostRecent: true,
    });
    this.imageId = image.id;
  }
}
