import { App } from "./lib/cdk";
import { buildMainMano } from "./stacks/main-mano";
import { disableTokenCreationStacks } from "./stacks/token-creation-stacks";

// The NSP's Main MANO: one stack of NSP-wide resources, and one edge environment (three stacks) per CSP of the
// catalog. MECAAS_CATALOG picks another catalog, e.g. one of examples/*.yaml.
disableTokenCreationStacks();
const app = new App();
buildMainMano(app, process.env.MECAAS_CATALOG ?? "examples/catalog.yaml");
app.synth();
