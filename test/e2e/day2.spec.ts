/**
 * Day 2 on the test bed's OpenStack (see examples.spec.ts for what the test bed proves and what it does not):
 * examples/catalog.yaml deployed, then changed as an NSP changes its catalog, each change applied with real
 * Terraform and followed by a plan that must be empty. The plan before each change is read too: a change must touch
 * only what it names (no running node replaced or updated).
 */
import { join } from "path";
import { EXAMPLES_DIR } from "../synth";
import { CatalogDeployment, holdTestbed } from "./support/deployment";

const deployment = new CatalogDeployment("day-2", join(EXAMPLES_DIR, "catalog.yaml"));
const csp = (name: string) => deployment.catalog.csps.find((c: any) => c.name === name);
const infraStacks = () => deployment.catalog.csps.map((c: any) => `${c.name}-infra`);
holdTestbed([deployment]);

beforeAll(async () => {
  await deployment.writeClouds();
  deployment.synth();
  deployment.deploy("nsp");
  await deployment.joinCspGroups();
  for (const stack of infraStacks()) deployment.deploy(stack);
});

/** Applies the catalog as changed, after checking what the plan would do; then the plan must be empty. */
function applyChange(stack: string, expectPlan: (changes: string[]) => void): void {
  deployment.synth();
  expectPlan(deployment.pendingChanges(stack));
  deployment.deploy(stack);
  expect({ stack, after: deployment.pendingChanges(stack) }).toEqual({ stack, after: [] });
}
const onlyCreations = (changes: string[]) => {
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.filter((c) => !c.endsWith("will be created"))).toEqual([]);
};

async function acmeServers(): Promise<any[]> {
  const admin = await deployment.adminClient();
  const project = await admin.findProject("csp-acme", await deployment.vimDomain("core"));
  return admin.servers(project.id);
}

it("scales a pool out: one node more, created beside the running ones, which stay as they are", async () => {
  csp("acme").cluster.workerPools.main.size = 3;
  applyChange("acme-infra", (changes) => {
    onlyCreations(changes);
    expect(changes).toContainEqual(expect.stringMatching(/openstack_compute_instance_v2\.acme_worker-main-2-server_\w+ will be created/));
  });
  expect((await acmeServers()).find((s) => s.name === "acme-main-2")).toMatchObject({ status: "ACTIVE" });
});

it("scales it in: the highest-numbered node is stopped, then deleted, and only its resources go", async () => {
  const removed = (await acmeServers()).find((s) => s.name === "acme-main-2");
  csp("acme").cluster.workerPools.main.size = 2;
  applyChange("acme-infra", (changes) => {
    expect(changes.filter((c) => !c.endsWith("will be destroyed"))).toEqual([]);
    expect(changes).toContainEqual(expect.stringMatching(/openstack_compute_instance_v2\.acme_worker-main-2-server_\w+ will be destroyed/));
    expect(changes.filter((c) => /worker-main-[01]/.test(c))).toEqual([]);
  });
  expect((await acmeServers()).map((s) => s.name).sort()).toEqual(["acme-controller", "acme-main-0", "acme-main-1"]);
  // stop_before_destroy: the node's shutdown unit drains it before the VM goes (not run here: no VM boots).
  const actions = await (await deployment.adminClient()).serverActions(removed.id);
  expect(actions.indexOf("stop")).toBeGreaterThan(-1);
  expect(actions.indexOf("stop")).toBeLessThan(actions.indexOf("delete"));
});

it("refuses an edge pool on a running single-site cluster at synth, saying how to do it safely, and the cloud is untouched", () => {
  const pools = csp("globex").cluster.workerPools;
  pools.edge = { size: 1, flavor: "m1.large", vim: "edge-a" };
  expect(() => deployment.synth()).toThrow(/workerPools\.edge\.vim.*needs multiSite: true.*set it when the cluster is created/s);
  delete pools.edge;
  deployment.synth();
  expect(deployment.pendingChanges("globex-infra")).toEqual([]);
});

it("adds a pool on an edge VIM to a running multi-site cluster without touching its running nodes", async () => {
  csp("acme").cluster.workerPools["mec-b"] = { size: 1, flavor: "m1.large", vim: "edge-a", labels: { "mecaas.io/edge-host": "mec-a" } };
  applyChange("acme-infra", onlyCreations);
  const admin = await deployment.adminClient();
  const edgeProject = await admin.findProject("csp-acme", await deployment.vimDomain("edge-a"));
  const edgeServers = await admin.servers(edgeProject.id);
  expect(edgeServers.map((s) => `${s.name} in ${s["OS-EXT-AZ:availability_zone"]}`).sort())
    .toEqual(["acme-mec-a-0 in mec-a", "acme-mec-b-0 in mec-a"]);
});

it("adds a second CSP without touching the first: nsp only creates, the running CSPs' plans stay empty", async () => {
  deployment.catalog.csps.push({
    name: "initech", mode: "b2c",
    cluster: { vim: "core", workerPools: { main: { size: 1, flavor: "m1.large" } }, apiAllowedCidrs: ["198.51.100.0/24"] },
  });
  await deployment.writeClouds();
  applyChange("nsp", onlyCreations);
  await deployment.joinCspGroups();
  deployment.deploy("initech-infra");
  for (const stack of ["acme-infra", "globex-infra", "initech-infra"]) {
    expect({ stack, changes: deployment.pendingChanges(stack) }).toEqual({ stack, changes: [] });
  }
});

it("changes a quota in place: one update per VIM the CSP uses, and Nova enforces the new figure on each", async () => {
  csp("acme").quota.instances = 10;
  applyChange("nsp", (changes) => {
    expect(changes.sort()).toEqual([
      "# openstack_compute_quotaset_v2.acme-core-compute-quota will be updated in-place",
      "# openstack_compute_quotaset_v2.acme-edge-a-compute-quota will be updated in-place",
    ]);
  });
  const admin = await deployment.adminClient();
  for (const vim of ["core", "edge-a"]) {
    const project = await admin.findProject("csp-acme", await deployment.vimDomain(vim));
    expect({ vim, instances: (await admin.computeQuota(project.id)).instances }).toEqual({ vim, instances: 10 });
  }
});

/** The plan's error, on one line (Terraform wraps its diagnostics). */
function planError(stack: string): string {
  try {
    deployment.pendingChanges(stack);
  } catch (error) {
    return (error as Error).message.replace(/[\s│]+/g, " ");
  }
  throw new Error(`the plan of ${stack} succeeded`);
}

it("refuses a k3sVersion bump or an overlay switch of a running cluster at plan, saying why and what to do instead", () => {
  const globex = csp("globex").cluster;
  globex.k3sVersion = "v1.33.5+k3s1";
  deployment.synth();
  expect(planError("globex-infra")).toMatch(
    /globex: k3s_version changed from v1\.33\.4\+k3s1 \(what the running nodes booted with\) to v1\.33\.5\+k3s1\. Keep it as the cluster was created: Terraform does not upgrade running nodes/);
  delete globex.k3sVersion;
  globex.multiSite = true;
  deployment.synth();
  expect(planError("globex-infra")).toMatch(/globex: overlay changed from vxlan .* to wireguard-native\. Keep it as the cluster was created: running nodes cannot switch/);
  delete globex.multiSite;
  deployment.synth();
  expect(deployment.pendingChanges("globex-infra")).toEqual([]);
});

it("destroys every stack, and the cloud holds nothing of the CSPs'", () => deployment.destroyAllExpectingNothingLeft());
