import { mkdtempSync, readFileSync, readdirSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App } from "../lib/cdk";
import { buildMainMano } from "../stacks/main-mano";

export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  readonly json: any;
  readonly dependencies: string[];
}

/** Synthesizes the Main MANO app of a catalog into `outdir` (a temporary folder by default), as `cdktf synth` does. */
export function synthCatalog(catalogPath: string, outdir = mkdtempSync(join(tmpdir(), "mecaas-synth-"))): SynthesizedStack[] {
  const app = new App({ outdir, skipValidation: false });
  buildMainMano(app, catalogPath);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks).map((s: any) => ({
    name: s.name,
    dir: join(outdir, s.workingDirectory),
    json: JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")),
    dependencies: s.dependencies,
  }));
}

export const EXAMPLES_DIR = join(__dirname, "..", "examples");
/** Every catalog in examples/. */
export const exampleCatalogs = (): string[] =>
  readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(EXAMPLES_DIR, f));
