/**
 * The Edge MANO as a process on its SQLite file: SIGKILL in the middle of an instantiation and of a stream of
 * writes loses nothing that was acknowledged, and the occurrence the crash cut off resumes after the restart (its
 * helm command run again) to COMPLETED; SIGTERM lets a running operation finish before the process exits 0.
 */
import { execFile } from "child_process";
import { join } from "path";
import { promisify } from "util";
import { Receiver, freePort } from "../../mep/test/support/receiver";
import { exited, runService, waitUntilUp } from "../../mep/test/support/process";
import { Mep, ADMIN as MEP_ADMIN } from "../../mep/test/support/mep";
import { scratchDir } from "../../mep/test/support/scratch";
import { FakeHelm } from "./support/fake-helm";
import { FakeKubectl } from "./support/fake-kubectl";
import { LCM, Mano, PKGM, expectConforms, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

const ENTRY = join(__dirname, "..", "src", "main.ts");
const host = { selectedMECHostInfo: [{ hostId: "edge-1" }] };

async function processEnv(helm: FakeHelm) {
  const port = await freePort();
  return manoEnv(helm, { MANO_LISTEN_HOST: "127.0.0.1", MANO_LISTEN_PORT: String(port), MANO_API_ROOT: `http://127.0.0.1:${port}` });
}

// Two starts of the process from its TypeScript each, on a machine that may be busy with other suites.
const PROCESS_TEST_TIMEOUT_MS = 180000;

describe("the Edge MANO process", () => {
  test("after SIGKILL mid-operation and mid-writes, everything acknowledged is there and the cut-off occurrence resumes to COMPLETED", async () => {
    const helm = new FakeHelm();
    const receiver = await new Receiver().start();
    const env = await processEnv(helm);
    const mano = Mano.remote(env.MANO_API_ROOT, env);
    let child = runService(ENTRY, env);
    try {
      await waitUntilUp(mano, child);
      expectStatus(await mano.as("POST", `${LCM}/subscriptions`, { subscriptionType: "AppLcmOpOccStateChangeSubscription", callbackUri: receiver.url("/occ") }), 201);
      expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId: "durable" }))), 201);
      const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: "durable" })).body;
      helm.delay(5);
      const instantiate = await mano.as("POST", `${instance._links.self.href}/instantiate`, host);
      expectStatus(instantiate, 202);
      const location = instantiate.headers.get("location")!;
      await mano.opOccIn(location, ["PROCESSING"]);

      const acknowledged: string[] = [];
      let killed = false;
      const writer = async () => {
        while (!killed) {
          try {
            const created = await mano.as("POST", `${LCM}/app_instances`, { appDId: "durable" });
            if (created.status === 201) acknowledged.push(created.body.id);
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      await new Promise((r) => setTimeout(r, 1000));
      child.kill("SIGKILL");
      killed = true;
      await exited(child);
      await Promise.all(writers);
      expect(acknowledged.length).toBeGreaterThan(10);

      helm.delay(0);
      child = runService(ENTRY, env);
      await waitUntilUp(mano, child);
      const stored = new Set((await mano.as("GET", `${LCM}/app_instances`)).body.map((i: { id: string }) => i.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      const resumed = await mano.opOccIn(location, ["COMPLETED"]);
      expectConforms("AppLcmOpOcc", resumed);
      expect(resumed).toMatchObject({ lcmOperation: "INSTANTIATE" });
      expect((await mano.as("GET", instance._links.self.href)).body.instantiationState).toBe("INSTANTIATED");
      expect(helm.calls().filter((c) => c.startsWith(`upgrade --install mec-${instance.id} `))).toHaveLength(2);
      await receiver.waitFor(() => receiver.on("/occ").some((n) => n.operationState === "COMPLETED"));
      // PROCESSING once: the resumed occurrence was PROCESSING already, so the restart reports no new state.
      expect(receiver.on("/occ").map((n) => n.operationState)).toEqual(["STARTING", "PROCESSING", "COMPLETED"]);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
      await receiver.stop();
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  test("SIGKILL while an instantiation waits for confirm_ready on the MEP: after the restart it resumes (the same credential applied again) and completes when the app confirms", async () => {
    const helm = new FakeHelm();
    const kubectl = new FakeKubectl();
    const mep = await Mep.start({ sqlitePath: join(scratchDir("durable-mep"), "mep.db") });
    const env: Record<string, string> = {
      ...(await processEnv(helm)), MANO_KUBECTL_BINARY: kubectl.binary, MANO_MEP_URL: mep.url,
      MANO_MEP_ADMIN_CLIENT_ID: MEP_ADMIN.id, MANO_MEP_ADMIN_CLIENT_SECRET: MEP_ADMIN.secret, MANO_MEP_POLL_MS: "50",
    };
    const mano = Mano.remote(env.MANO_API_ROOT, env);
    let child = runService(ENTRY, env);
    try {
      await waitUntilUp(mano, child);
      expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId: "durable-mm5", appServiceProduced: [] }))), 201);
      const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: "durable-mm5" })).body;
      const location = (await mano.as("POST", `${instance._links.self.href}/instantiate`, host)).headers.get("location")!;
      const installs = () => helm.calls().filter((c) => c.startsWith(`upgrade --install mec-${instance.id} `)).length;
      while (installs() < 1) await new Promise((r) => setTimeout(r, 25));
      const secret = () => JSON.parse(kubectl.lastInput()).items[1].stringData;
      const before = secret();
      child.kill("SIGKILL");
      await exited(child);

      child = runService(ENTRY, env);
      await waitUntilUp(mano, child);
      while (installs() < 2) await new Promise((r) => setTimeout(r, 25));
      expect(secret()).toEqual(before);
      expect((await mano.as("GET", location)).body.operationState).toBe("PROCESSING");
      const token = await mep.token(before.appInstanceId, before.clientSecret);
      expectStatus(await mep.request("POST", `/mec_app_support/v1/applications/${instance.id}/confirm_ready`, { token, body: { indication: "READY" } }), 204);
      expect(await mano.opOccIn(location, ["COMPLETED"])).toMatchObject({ lcmOperation: "INSTANTIATE" });
      // Granted once: the resumed run keeps the occurrence's grant (the app's own pods would count against a new one).
      expect(kubectl.calls().filter((c) => c.startsWith("get nodes "))).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
      await mep.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  test("SIGTERM lets the running operation finish and record COMPLETED, then the process exits with 0", async () => {
    const helm = new FakeHelm();
    const env = await processEnv(helm);
    const mano = Mano.remote(env.MANO_API_ROOT, env);
    let child = runService(ENTRY, env);
    try {
      await waitUntilUp(mano, child);
      expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId: "drained" }))), 201);
      const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: "drained" })).body;
      helm.delay(1);
      const location = (await mano.as("POST", `${instance._links.self.href}/instantiate`, host)).headers.get("location")!;
      await mano.opOccIn(location, ["PROCESSING"]);
      child.kill("SIGTERM");
      await exited(child);
      expect(child.exitCode).toBe(0);
      child = runService(ENTRY, env);
      await waitUntilUp(mano, child);
      expect((await mano.as("GET", location)).body.operationState).toBe("COMPLETED");
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  test("serve without a kubeconfig exits with 2, naming the variable and the fix", async () => {
    const env = { ...(await processEnv(new FakeHelm())), MANO_KUBECONFIG: "" };
    const failure = await promisify(execFile)(process.execPath, ["--require", "ts-node/register/transpile-only", ENTRY, "serve"], { env: { ...process.env, ...env } })
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^mano: MANO_KUBECONFIG is required: set the path of the kubeconfig/m);
  });
});
