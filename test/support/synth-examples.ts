import { mkdirSync } from "fs";
import { basename, join } from "path";
import { disableTokenCreationStacks } from "../../lib";
import { exampleCatalogs, synthCatalog } from "../synth";

/*
 * Synthesizes every example catalog's Main MANO app into <outroot>/<catalog file name>, as `cdktf synth` would each,
 * with whichever engine `cdktf` resolves to (test/support/cdktn-engine.js swaps in CDK Terrain). Run by
 * test/engine-parity.spec.ts in a process of its own per engine.
 */
const outroot = process.argv[2];
if (!outroot) throw new Error("usage: synth-examples.ts OUTROOT");
disableTokenCreationStacks();
for (const catalog of exampleCatalogs()) {
  const outdir = join(outroot, basename(catalog));
  mkdirSync(outdir, { recursive: true });
  synthCatalog(catalog, outdir);
}
