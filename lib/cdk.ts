/**
 * The one place mecaas imports CDK for Terraform from. cdktf 0.21.0 is HashiCorp's last release (archived in
 * December 2025); CDK Terrain (`cdktn`) continues it with the same API, so switching is this line (plus the
 * matching provider binding packages).
 */
export * from "cdktf";
