import { TerraformOutput, TerraformOutputConfig, TerraformStack } from "./cdk";
import { Construct } from "constructs";

/**
 * A TerraformOutput named after its construct path within the stack (`csp1_mep_mp1_url`) instead of cdktf's
 * hash-suffixed id, so the names a CSP reads in `cdktf output` are predictable and stay put between releases.
 * Paths are unique within a stack, so the names are too.
 */
export function stableOutput(scope: Construct, name: string, config: TerraformOutputConfig): TerraformOutput {
  const output = new TerraformOutput(scope, name, config);
  const stackPath = TerraformStack.of(scope).node.path;
  const relative = output.node.path.slice(stackPath.length + 1);
  output.overrideLogicalId(relative.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase());
  return output;
}
