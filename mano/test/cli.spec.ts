/**
 * The operator's CLI (`mecaas-mano`) against a real Edge MANO on loopback (helm a stand-in): a package onboarded
 * from its file, instantiated on a pool and waited for, terminated and deleted; usage errors named; the installed
 * bin runs as a process.
 */
import { execFile } from "child_process";
import { join, resolve } from "path";
import { promisify } from "util";
import { runCli, UsageError } from "../src/cli";
import { FakeHelm } from "./support/fake-helm";
import { ADMIN, Mano, expectConforms, manoEnv } from "./support/mano";
import { packageFile, sampleAppD } from "./support/packages";

describe("mecaas-mano, the operator's CLI", () => {
  const helm = new FakeHelm();
  let mano: Mano;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    mano = await Mano.start(manoEnv(helm));
    env = { MANO_URL: mano.url, MANO_CLIENT_ID: ADMIN.id, MANO_CLIENT_SECRET: ADMIN.secret };
  });
  afterAll(() => mano?.close());

  async function cli(...args: string[]) {
    const lines: string[] = [];
    await runCli(args, env, (line) => lines.push(line));
    return lines.join("\n");
  }

  test("onboard reads the package file (its relative chart resolved beside it); instantiate waits for COMPLETED on the pool; terminate --forceful --delete removes it", async () => {
    const pkg = packageFile(sampleAppD({ appDId: "cli-spec" }));
    const onboarded = JSON.parse(await cli("onboard", pkg.file, "--name", "sample", "--version", "2.0"));
    expectConforms("AppPkgInfo", onboarded);
    expect(onboarded).toMatchObject({ appDId: "cli-spec", appName: "Sample Echo", onboardingState: "ONBOARDED", operationalState: "ENABLED" });
    expect(onboarded.softwareImages[0].imagePath).toBe(join(pkg.dir, "chart"));

    const instance = JSON.parse(await cli("instantiate", "cli-spec", "--pool", "edge-2", "--name", "echo-cli"));
    expect(instance).toMatchObject({ appInstanceName: "echo-cli", instantiationState: "INSTANTIATED" });
    expect(helm.calls().at(-1)).toContain(`upgrade --install mec-${instance.id} ${join(pkg.dir, "chart")} `);
    expect(helm.calls().at(-1)).toContain(`nodeSelector={"mecaas.io/pool":"edge-2"}`);
    expect(JSON.parse(await cli("instances")).map((i: { id: string }) => i.id)).toContain(instance.id);

    expect(await cli("terminate", instance.id, "--forceful", "--delete")).toBe(`app instance ${instance.id} terminated and deleted`);
    expect(helm.calls().at(-1)).toMatch(new RegExp(`^uninstall mec-${instance.id} `));
    expect((await mano.as("GET", `/app_lcm/v1/app_instances/${instance.id}`)).status).toBe(404);
  });

  test("a failed operation is an error naming the occurrence and helm's reason", async () => {
    const pkg = packageFile(sampleAppD({ appDId: "cli-fails" }));
    await cli("onboard", pkg.file);
    helm.failWith("the cluster is unreachable");
    try {
      await expect(cli("instantiate", "cli-fails", "--pool", "edge-1")).rejects.toThrow(/INSTANTIATE FAILED_TEMP: helm upgrade .* the cluster is unreachable \(occurrence .*: retry or fail it\)/);
    } finally {
      helm.failWith(undefined);
    }
  });

  test("usage errors name what is wrong: no pool, a bad timeout, an unknown option, no credential", async () => {
    await expect(cli("instantiate", "x")).rejects.toThrow(new UsageError("instantiate needs --pool POOL: the worker pool (MEC host) to run on"));
    await expect(cli("terminate", "x", "--graceful", "soon")).rejects.toThrow(/--graceful soon is not a number of seconds/);
    await expect(cli("onboard", "a", "--force")).rejects.toThrow(/unknown option --force/);
    await expect(runCli(["packages"], { MANO_URL: mano.url }, () => undefined)).rejects.toThrow(/MANO_CLIENT_ID and MANO_CLIENT_SECRET must be set/);
    await expect(runCli(["packages"], { ...env, MANO_CLIENT_SECRET: "wrong-secret" }, () => undefined)).rejects.toThrow(/refused the credential of oss/);
  });

  test("npx mecaas-mano runs the bin the workspace installs: usage on help, exit 2 on a usage error", async () => {
    const bin = resolve(__dirname, "..", "..", "node_modules", ".bin", "mecaas-mano");
    const help = await promisify(execFile)(bin, ["help"]);
    expect(help.stdout).toMatch(/^usage: mecaas-mano <command>/);
    const failure = await promisify(execFile)(bin, ["instantiate", "x"], { env: { ...process.env, ...env } }).then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^mecaas-mano: instantiate needs --pool POOL/);
  }, 60000);
});
