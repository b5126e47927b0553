# Sourced by scripts that run Terraform: points it at the providers built by scripts/toolchain.sh instead of a
# registry, and picks OpenTofu when the machine has no terraform.
MECAAS_TOOLS="${MECAAS_TOOLS:-$HOME/.cache/mecaas/tools}"
export MECAAS_TOOLS
export PATH="$MECAAS_TOOLS/bin:$PATH"
export TF_CLI_CONFIG_FILE="$MECAAS_TOOLS/terraformrc"
export TF_PLUGIN_CACHE_DIR="$MECAAS_TOOLS/plugin-cache"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
mkdir -p "$TF_PLUGIN_CACHE_DIR"
cat > "$TF_CLI_CONFIG_FILE" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MECAAS_TOOLS/plugins"
    include = ["registry.terraform.io/*/*"]
  }
}
plugin_cache_dir = "$TF_PLUGIN_CACHE_DIR"
RC
if command -v terraform >/dev/null; then
  TERRAFORM=terraform
else
  TERRAFORM=tofu
  export TERRAFORM_BINARY_NAME=tofu
fi
export TERRAFORM
