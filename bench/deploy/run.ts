/**
 * Deploy timings on the test bed's OpenStack (testbed/openstack), beside the paper's figures. For every example
 * catalog: nsp applied, each <csp>-infra applied (the cluster NS), re-planned, one worker scaled out and in, and
 * everything destroyed, with real Terraform and the real OpenStack provider. Run through run.sh (it starts the test
 * bed). Prints; never fails on a figure.
 *
 * What the figures leave out: Nova's fake driver makes a server ACTIVE without booting a VM, so neither the VM's
 * boot, the image download, cloud-init, the k3s install nor the node joining is in them; the paper's are.
 */
import { basename } from "path";
import { exampleCatalogs } from "../../test/synth";
import { CatalogDeployment } from "../../test/e2e/support/deployment";

const PAPER = { cluster: 585, environment: 647, scaleOut: 486, scaleIn: 38 };

interface Row { example: string; step: string; seconds: number; resources?: string; paper?: number }
const rows: Row[] = [];

function timeApply(d: CatalogDeployment, stack: string): { seconds: number; resources: string } {
  const dir = d.stack(stack).dir;
  d.terraform.init(dir);
  const run = d.terraform.apply(dir);
  const summary = /Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(run.output);
  return { seconds: run.seconds, resources: summary ? `+${summary[1]} ~${summary[2]} -${summary[3]}` : "" };
}

async function bench(catalogPath: string): Promise<void> {
  const example = basename(catalogPath);
  const d = new CatalogDeployment(example, catalogPath);
  await d.writeClouds();
  d.synth();
  rows.push({ example, step: "nsp apply", ...timeApply(d, "nsp") });
  await d.joinCspGroups();
  const csps: any[] = d.catalog.csps;
  for (const csp of csps) {
    d.writePki(csp.name);
    rows.push({ example, step: `${csp.name}-infra apply (cluster NS)`, ...timeApply(d, `${csp.name}-infra`), paper: PAPER.cluster });
  }
  const first = csps[0];
  const planStarted = process.hrtime.bigint();
  d.pendingChanges(`${first.name}-infra`);
  rows.push({ example, step: `${first.name}-infra re-plan`, seconds: Number(process.hrtime.bigint() - planStarted) / 1e9 });
  const [pool] = Object.keys(first.cluster.workerPools ?? {});
  if (pool) {
    first.cluster.workerPools[pool].size += 1;
    d.synth();
    rows.push({ example, step: `scale-out ${pool} +1`, ...timeApply(d, `${first.name}-infra`), paper: PAPER.scaleOut });
    first.cluster.workerPools[pool].size -= 1;
    d.synth();
    rows.push({ example, step: `scale-in ${pool} -1 (stop, then delete)`, ...timeApply(d, `${first.name}-infra`), paper: PAPER.scaleIn });
  }
  const destroyStarted = process.hrtime.bigint();
  for (const csp of csps) d.destroy(`${csp.name}-infra`);
  d.destroy("nsp");
  rows.push({ example, step: "destroy all (init included)", seconds: Number(process.hrtime.bigint() - destroyStarted) / 1e9 });
}

(async () => {
  for (const catalog of exampleCatalogs()) await bench(catalog);
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad("example", 16)}${pad("step", 40)}${pad("seconds", 9)}${pad("resources", 14)}paper (s)  paper / ours`);
  for (const r of rows) {
    console.log(`${pad(r.example, 16)}${pad(r.step, 40)}${pad(r.seconds.toFixed(1), 9)}${pad(r.resources ?? "", 14)}`
      + `${r.paper ? `${pad(String(r.paper), 11)}${(r.paper / r.seconds).toFixed(1)}x` : ""}`);
  }
  console.log("Not in our figures: VM boot, image download, cloud-init, k3s install, node join (Nova's fake driver; see README).");
})().catch((error) => { console.error(error.message); process.exit(1); });
