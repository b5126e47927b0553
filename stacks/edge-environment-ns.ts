import { Construct } from "constructs";
import { CspPkiStack } from "./csp-pki-stack";
import { CspInfraStack } from "./csp-infra-stack";
import { CspPlatformStack } from "./csp-platform-stack";
import { Catalog, CspEntry } from "./catalog";

export interface EdgeEnvironmentNsProps {
  readonly catalog: Catalog;
  readonly csp: CspEntry;
  /** Folder the catalog's relative paths start from. */
  readonly catalogDir: string;
}

/**
 * The paper's mec-env-ns: one CSP's whole edge environment — its cluster, MEP and (b2b2c) Edge MANO — as one
 * deployable unit of three stacks named `<csp>-pki`, `<csp>-infra` and `<csp>-platform`, wired by cross-stack
 * references in the order they need, so `cdktf deploy '<csp>-*'` brings it all up.
 * The stacks are created beside this construct (children of the app): cdktf resolves stack dependencies by name.
 */
export class EdgeEnvironmentNs extends Construct {
  public readonly pki: CspPkiStack;
  public readonly infra: CspInfraStack;
  public readonly platform: CspPlatformStack;

  constructor(scope: Construct, id: string, props: EdgeEnvironmentNsProps) {
    super(scope, id);
    const { csp } = props;
    this.pki = new CspPkiStack(scope, `${csp.name}-pki`, {
      clusterName: csp.name, embeddedEtcd: (csp.cluster.controllers ?? 1) > 1,
    });
    this.infra = new CspInfraStack(scope, `${csp.name}-infra`, { catalog: props.catalog, csp, credentials: this.pki.pki });
    this.platform = new CspPlatformStack(scope, `${csp.name}-platform`, {
      catalog: props.catalog, csp, access: this.infra.cluster.access, catalogDir: props.catalogDir,
      cloudProviderConfig: this.infra.cluster.cloudProviderConfig,
      backupCredential: this.infra.backupCredential,
    });
  }
}
