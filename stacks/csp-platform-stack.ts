import { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { ClusterAccess } from "../lib/cluster-access";
import { ApiServerReadiness } from "../lib/api-server-readiness";
import { ClusterProviders } from "../lib/cluster-providers";
import { MecPlatformCnf } from "../lib/mec-platform-cnf";
import { CspEntry } from "./catalog";

export interface CspPlatformStackProps {
  readonly csp: CspEntry;
  /** From the CSP's infra stack. */
  readonly access: ClusterAccess;
}

/**
 * What runs on a CSP's cluster: the MEP and, in b2b2c mode, the CSP's Edge MANO. Its helm and kubernetes providers
 * are configured from the infra stack's outputs (cross-stack references), never from resources of the same plan,
 * and through the readiness check, so nothing is attempted before the API server answers.
 */
export class CspPlatformStack extends TerraformStack {
  public readonly cluster: ClusterProviders;
  public readonly mep: MecPlatformCnf;

  constructor(scope: Construct, id: string, props: CspPlatformStackProps) {
    super(scope, id);
    const { csp } = props;
    new HttpProvider(this, "http");
    new RandomProvider(this, "random");
    const readiness = new ApiServerReadiness(this, "api-server-readiness", { access: props.access });
    // Taking the endpoint from the check makes both providers' configuration wait for a ready API server.
    this.cluster = new ClusterProviders(this, "cluster", {
      access: { ...props.access, apiEndpoint: Fn.trimsuffix(readiness.check.url, "/readyz") },
    });
    this.mep = new MecPlatformCnf(this, "mep", {
      cluster: this.cluster,
      replicas: csp.mep?.replicas,
      serviceType: csp.mep?.serviceType,
      imageRepository: csp.mep?.imageRepository,
      imageTag: csp.mep?.imageTag,
    });
    new TerraformOutput(this, "mp1-url", { value: this.mep.mp1Url, description: `Mp1 base URL of ${csp.name}'s MEP, in-cluster` });
  }
}
