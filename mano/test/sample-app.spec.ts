/**
 * The Edge MANO, the MEP and the REAL sample MEC app (mep/sample-app) together on loopback, no test playing the app:
 * the sample package onboarded, instantiated (the app started from its identity Secret by the loopback cluster
 * stand-in, support/loopback-cluster.ts), COMPLETED once the app itself confirmed ready, its sample-echo service
 * registered on the MEP; terminated GRACEFUL: the app is notified, confirms and exits by itself, then the release,
 * the Secret and the MEP's app instance are gone. The times are printed (loopback, a busy shared machine: not the
 * test bed's figure).
 */
import { join } from "path";
import { Mep } from "../../mep/test/support/mep";
import { scratchDir } from "../../mep/test/support/scratch";
import { LoopbackCluster } from "./support/loopback-cluster";
import { LCM, Mano, PKGM, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

describe("the sample MEC app through the Edge MANO, on loopback", () => {
  const cluster = new LoopbackCluster();
  let mep: Mep;
  let mano: Mano;

  beforeAll(async () => {
    mep = await Mep.start({ sqlitePath: join(scratchDir("sample-mep"), "mep.db") });
    mano = await Mano.start(manoEnv({ binary: cluster.helm }, {
      MANO_KUBECTL_BINARY: cluster.kubectl,
      MANO_MEP_URL: mep.url,
      MANO_MEP_ADMIN_CLIENT_ID: "platform-admin",
      MANO_MEP_ADMIN_CLIENT_SECRET: "admin-secret-for-tests-0001",
      MANO_READY_TIMEOUT_SECONDS: "60",
      MANO_MEP_POLL_MS: "50",
    }));
  });
  afterAll(async () => {
    cluster.stopAll();
    await mano?.close();
    await mep?.close();
  });

  test("instantiate: the app confirms ready and registers its service; graceful terminate: it confirms and exits, and nothing of it is left", async () => {
    const admin = await mep.adminToken();
    expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD())), 201);
    const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: sampleAppD().appDId, appInstanceName: "echo" })).body;
    const release = `mec-${instance.id}`;

    const started = Date.now();
    const instantiate = await mano.as("POST", `${instance._links.self.href}/instantiate`, { selectedMECHostInfo: [{ hostName: "edge-1", hostId: "edge-1" }] });
    expectStatus(instantiate, 202);
    const done = await mano.opOccIn(instantiate.headers.get("location")!, ["COMPLETED", "FAILED_TEMP"], 90000);
    const readyMs = Date.now() - started;
    expect([done.operationState, done.error?.detail]).toEqual(["COMPLETED", undefined]);
    expect(cluster.appPid(release)).toBeDefined();
    expect((await mep.request("GET", `/mecaas_mgmt/v1/app_instances/${instance.id}`, { token: admin })).body.state).toBe("READY");
    // After confirm_ready the app subscribes and registers its service, then says it started.
    await waitUntil(async () => (await mep.request("GET", "/mec_service_mgmt/v1/services?ser_name=sample-echo", { token: admin })).body.length === 1);
    await waitUntil(async () => /"message":"started"/.test(cluster.appLog(release)));

    const stopping = Date.now();
    const terminate = await mano.as("POST", `${instance._links.self.href}/terminate`, { terminationType: "GRACEFUL", gracefulTerminationTimeout: 30 });
    expectStatus(terminate, 202);
    const terminated = await mano.opOccIn(terminate.headers.get("location")!, ["COMPLETED", "FAILED_TEMP"], 90000);
    const terminatedMs = Date.now() - stopping;
    expect([terminated.operationState, terminated.error?.detail]).toEqual(["COMPLETED", undefined]);
    // The app ended itself on confirm_termination, well before the 30 s timeout.
    expect(cluster.appLog(release)).toMatch(/termination confirmed/);
    expect(terminatedMs).toBeLessThan(30000);
    expect(cluster.appPid(release)).toBeUndefined();
    expect(cluster.secrets()).toEqual([]);
    expectProblem(await mep.request("GET", `/mecaas_mgmt/v1/app_instances/${instance.id}`, { token: admin }), 404);
    expect((await mep.request("GET", "/mec_service_mgmt/v1/services?ser_name=sample-echo", { token: admin })).body).toEqual([]);
    console.log(`loopback: instantiate -> COMPLETED (confirm_ready) ${readyMs} ms; terminate (graceful) -> COMPLETED ${terminatedMs} ms`);
  }, 180000);
});

async function waitUntil(predicate: () => Promise<boolean>, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
