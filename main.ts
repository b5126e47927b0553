import { App } from "cdktf";
import { InputError } from "./lib";
import { buildMainMano } from "./stacks/main-mano";
import { CatalogError } from "./stacks/catalog";
import { disableTokenCreationStacks } from "./stacks/token-creation-stacks";

// The NSP's Main MANO: one stack of NSP-wide resources, and one edge environment (three stacks) per CSP of the
// catalog. MECAAS_CATALOG picks another catalog, e.g. one of examples/*.yaml.
disableTokenCreationStacks();
const app = new App();
try {
  buildMainMano(app, process.env.MECAAS_CATALOG ?? "examples/catalog.yaml");
} catch (error) {
  // Bad input is the user's to fix: say what is wrong, without a stack trace.
  if (!(error instanceof CatalogError || error instanceof InputError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
