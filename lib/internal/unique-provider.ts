import { Construct } from "constructs";
import { TerraformProvider, TerraformStack } from "../cdk";
import { InputError } from "../validation";

/**
 * Refuses a provider whose type and alias another provider of the same stack has already: Terraform would take
 * one configuration for both, so resources meant for one cloud or cluster would silently go to the other (two
 * `Vim`s with the id `core` under different parents, two unaliased `ClusterProviders`). `field` names the prop
 * that sets the alias.
 */
export function requireUniqueProvider(owner: Construct, provider: TerraformProvider, field: string): void {
  const stack = TerraformStack.of(provider);
  const clash = stack.node.findAll().find((c): c is TerraformProvider => c !== provider && c instanceof TerraformProvider
    && c.terraformResourceType === provider.terraformResourceType && c.alias === provider.alias);
  if (!clash) return;
  const alias = provider.alias === undefined ? "no alias (the default provider)" : `alias "${provider.alias}"`;
  throw new InputError(owner, [
    `${field}: the ${provider.terraformResourceType} provider with ${alias} exists in stack ${stack.node.id} already ` +
      `(${clash.node.path}); give each one its own ${field}, or build both on the same one`,
  ]);
}
