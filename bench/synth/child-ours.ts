/*
 * One timed synth of the Main MANO app, run in a fresh child process by run.ts so each measurement starts from a
 * cold heap and its max RSS is its own. Usage: child-ours.ts CATALOG OUTDIR [ASSETS_JSON]
 * Prints one JSON line: {phaseMs, cpuMs, maxRssKb}. Module loading happens before the timed phase (static imports).
 */
import { writeFileSync } from "fs";
import { startPhaseProfile } from "./phase-profile";
import { App, TerraformAsset, TerraformStack } from "../../lib/cdk";
import { buildMainMano } from "../../stacks/main-mano";
import { disableTokenCreationStacks } from "../../lib/token-creation-stacks";

const [catalogPath, outdir, assetsOut] = process.argv.slice(2);
// Diagnostic (run.ts --diagnose): V8's own stack formatting instead of ts-node's source-map-support, to show what
// cdktf's stack capture on every token costs under ts-node (it formats each captured trace through source maps).
if (process.env.BENCH_PLAIN_STACKS === "1") delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
// The app (main.ts) switches token creation stacks off; both sides run as the app does unless run.ts says otherwise.
if (process.env.BENCH_CREATION_STACK !== "1") disableTokenCreationStacks();
const stopProfile = startPhaseProfile();
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const app = new App({ outdir, skipValidation: false });
buildMainMano(app, catalogPath);
app.synth();
const phaseMs = Number(process.hrtime.bigint() - t0) / 1e6;
stopProfile();
// CPU time too: on a shared machine it moves less with other people's load than wall time does.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1e3;
const maxRssKb = process.resourceUsage().maxRSS;

if (assetsOut) {
  // After the measurement: the baseline needs each asset's source and place in the tree, which the output lacks.
  const assets = app.node.findAll().filter((c): c is TerraformAsset => c instanceof TerraformAsset).map((a) => {
    const stack = TerraformStack.of(a);
    return {
      stack: stack.node.id,
      // Path of the asset below its stack, so the baseline can rebuild it at the same place (same folder name).
      scopes: a.node.scopes.slice(stack.node.scopes.length).map((s) => s.node.id),
      sourcePath: (a as any).sourcePath as string,
      type: a.type,
    };
  });
  writeFileSync(assetsOut, JSON.stringify(assets));
}
console.log(JSON.stringify({ phaseMs, cpuMs, maxRssKb }));
