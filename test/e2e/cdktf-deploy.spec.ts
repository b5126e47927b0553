/**
 * A pipeline with a provider mirror and no Terraform registry deploys with `cdktf deploy` itself (README, "Deploying
 * without a registry"): TF_CLI_CONFIG_FILE names a filesystem mirror (scripts/terraform-env.sh writes one), and
 * `--skip-provider-lock` keeps cdktf from running `terraform providers lock`, which asks the public registry whatever
 * the CLI configuration says. Runs examples/b2c.yaml on the test bed's OpenStack, `<csp>-pki` again as the stand-in
 * state (support/pki-stand-in.ts), and destroys it the same way.
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { EXAMPLES_DIR } from "../synth";
import { CatalogDeployment, holdTestbed } from "./support/deployment";

const deployment = new CatalogDeployment("cdktf-deploy", join(EXAMPLES_DIR, "b2c.yaml"));
const ROOT = join(__dirname, "..", "..");
// Deployed by the cdktf CLI, not by `deployment`, so no clean-up beyond the spec's own destroy.
holdTestbed([]);

function cdktf(...args: string[]): string {
  const result = spawnSync("npx", ["cdktf", ...args, "--output", join(deployment.dir, "cdktf.out"), "--skip-provider-lock",
    "--ignore-missing-stack-dependencies", "--no-color"], {
    cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, MECAAS_CATALOG: deployment.catalogPath, OS_CLIENT_CONFIG_FILE: deployment.cloudsPath, CI: "1" },
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`cdktf ${args.join(" ")} failed (exit ${result.status}):\n${output.slice(-6000)}`);
  return output;
}

beforeAll(async () => {
  await deployment.writeClouds();
  deployment.synth(); // writes the catalog copy cdktf reads, and the stacks the pki stand-in needs
});

it("deploys nsp and the CSP's infra stack with cdktf deploy, offline, then destroys them with cdktf destroy", async () => {
  expect(cdktf("deploy", "nsp", "--auto-approve")).toMatch(/nsp\s+Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
  await deployment.joinCspGroups();
  deployment.writePki("retail");
  expect(cdktf("deploy", "retail-infra", "--auto-approve")).toMatch(/retail-infra\s+Apply complete! Resources: \d+ added/);
  const admin = await deployment.adminClient();
  const project = await admin.findProject("csp-retail", await deployment.vimDomain("core"));
  expect((await admin.servers(project.id)).map((s) => s.name).sort()).toEqual(["retail-controller", "retail-main-0"]);

  expect(cdktf("destroy", "retail-infra", "--auto-approve")).toMatch(/Destroy complete! Resources: \d+ destroyed/);
  expect(cdktf("destroy", "nsp", "--auto-approve")).toMatch(/Destroy complete! Resources: \d+ destroyed/);
  expect(await admin.findProject("csp-retail", await deployment.vimDomain("core"))).toBeUndefined();
});
