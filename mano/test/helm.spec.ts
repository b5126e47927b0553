/**
 * The helm deployer with the real helm CLI (the toolchain's, scripts/toolchain.sh) and the real sample chart, against
 * a cluster that is not there: helm accepts every argument the Edge MANO gives it and fails only at the cluster, and
 * that failure is what the operation occurrence reports. Releases on a real cluster are left to the test bed.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { requireTool } from "../../test/support/tools";
import { freePort } from "../../mep/test/support/receiver";
import { scratchDir } from "../../mep/test/support/scratch";
import { FakeHelm } from "./support/fake-helm";
import { LCM, Mano, PKGM, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

/** A kubeconfig whose API server is a loopback port nothing listens on. */
async function unreachableCluster() {
  const file = join(scratchDir("kubeconfig"), "kubeconfig");
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters: [{ name: gone, cluster: { server: "https://127.0.0.1:${await freePort()}", insecure-skip-tls-verify: true } }]
users: [{ name: nobody, user: { token: not-a-token } }]
contexts: [{ name: gone, context: { cluster: gone, user: nobody } }]
current-context: gone
`);
  return file;
}

test("instantiating with the real helm and an unreachable cluster ends FAILED_TEMP with helm's own account of it, and it cannot be finally failed while helm cannot uninstall", async () => {
  const env = manoEnv(new FakeHelm(), { MANO_HELM_BINARY: requireTool("helm"), MANO_KUBECONFIG: await unreachableCluster(), MANO_HELM_TIMEOUT_SECONDS: "20" });
  const mano = await Mano.start(env);
  try {
    expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId: "real-helm" }))), 201);
    const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: "real-helm" })).body;
    const instantiate = await mano.as("POST", `${instance._links.self.href}/instantiate`, { selectedMECHostInfo: [{ hostId: "edge-1" }] });
    expectStatus(instantiate, 202);
    const occ = await mano.opOccIn(instantiate.headers.get("location")!, ["FAILED_TEMP"], 60000);
    expect(occ.error.detail).toMatch(new RegExp(`helm upgrade mec-${instance.id} failed \\(exit 1\\): .*(Kubernetes cluster unreachable|connection refused)`, "s"));
    expect(occ.error.detail).not.toMatch(/unknown flag|Usage:/);
    // Finally failing it would uninstall what helm may have left; with the cluster gone that fails, and it stays FAILED_TEMP.
    const fail = await mano.as("POST", `${occ._links.self.href}/fail`);
    expectProblem(fail, 409);
    expect(fail.body.detail).toMatch(new RegExp(`stays FAILED_TEMP: helm uninstall mec-${instance.id} failed \\(exit 1\\): .*Kubernetes cluster unreachable`, "s"));
    expect((await mano.as("GET", occ._links.self.href)).body.operationState).toBe("FAILED_TEMP");
  } finally {
    await mano.close();
  }
});
