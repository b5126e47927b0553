import { App, TerraformStack } from "cdktf";
import { applyStateBackend } from "./state-backend";
import { dirname } from "path";
import { EdgeEnvironmentNs } from "./edge-environment-ns";
import { loadCatalog } from "./catalog";
import { NspStack } from "./nsp-stack";

/** Builds the Main MANO app from a catalog file: the `nsp` stack and one EdgeEnvironmentNs per CSP. */
export function buildMainMano(app: App, catalogPath: string): { nsp: NspStack; environments: EdgeEnvironmentNs[] } {
  const catalog = loadCatalog(catalogPath);
  const nsp = new NspStack(app, "nsp", { catalog });
  const environments = catalog.csps.map((csp) => new EdgeEnvironmentNs(app, csp.name, { catalog, csp, catalogDir: dirname(catalogPath) }));
  for (const stack of app.node.children.filter(TerraformStack.isStack)) applyStateBackend(stack, catalog.state);
  return { nsp, environments };
}
