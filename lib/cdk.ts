/**
 * The one place mecaas's constructs import CDK for Terraform from. cdktf 0.21.0 is HashiCorp's last release
 * (archived in December 2025); CDK Terrain (`cdktn`) continues it with the same API. A user picks the engine in
 * package.json, not here: `"cdktf": "npm:cdktn@0.24.0"` with `"overrides": { "cdktf": "$cdktf" }` puts CDK Terrain
 * under cdktf's name for mecaas, the generated OpenStack bindings and the @cdktf/provider-* packages alike
 * (README, "Choosing the engine"; test/engine-parity.spec.ts and test/package/consumer.spec.ts compare the output).
 */
export * from "cdktf";
