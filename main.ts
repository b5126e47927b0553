import { App } from "cdktf";
import { InputError, checkDeferredInputs, disableTokenCreationStacks } from "./lib";
import { buildMainMano } from "./stacks/main-mano";

// The NSP's Main MANO: one stack of NSP-wide resources, and one edge environment (three stacks) per CSP of the
// catalog. MECAAS_CATALOG picks another catalog, e.g. one of examples/*.yaml.
disableTokenCreationStacks();
const app = new App();
try {
  buildMainMano(app, process.env.MECAAS_CATALOG ?? "examples/catalog.yaml");
  checkDeferredInputs(app);
} catch (error) {
  // Bad input (a catalog entry, an AppD, a construct's prop) is the user's to fix: the one place that prints it,
  // without a stack trace. Anything else is mecaas's bug, and its stack trace helps.
  if (!(error instanceof InputError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
