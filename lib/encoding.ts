import { Fn, Token } from "./cdk";

/**
 * Base64 of a string that may hold Terraform references: computed now when the value is known at synth, left to
 * Terraform's base64encode() when it is not. Base64 also keeps scripts' own `${...}` away from Terraform.
 */
export function base64(content: string): string {
  return Token.isUnresolved(content) ? Fn.base64encode(content) : Buffer.from(content, "utf8").toString("base64");
}

/** YAML that can pass through a Terraform string: single quotes only (cdktf refuses unescaped double quotes). */
export const YAML_FOR_TERRAFORM = { lineWidth: 0, singleQuote: true } as const;
