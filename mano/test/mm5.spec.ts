/**
 * The MEP side of the lifecycle (Mm5), against a real MEP (mep/src, in this process, on its own SQLite file): an
 * instantiation creates the app instance on the MEP from the AppD, hands the app its Mp1 credential in a Secret
 * (kubectl, here a stand-in executable that records the manifest it reads), installs the chart with that Secret
 * (helm, a stand-in) and completes only when the app confirms ready; a graceful termination or stop runs the MEP's
 * AppTermination flow before the release is uninstalled, then the Secret and the MEP's app instance are deleted.
 * A refused grant leaves the MEP untouched.
 * The test plays the app with the credential from the Secret, as charts/mec-app-sample's pod would.
 */
import { join } from "path";
import { Mep } from "../../mep/test/support/mep";
import { Receiver } from "../../mep/test/support/receiver";
import { scratchDir } from "../../mep/test/support/scratch";
import { FakeHelm } from "./support/fake-helm";
import { FakeKubectl, standInNode } from "./support/fake-kubectl";
import { LCM, Mano, PKGM, expectConforms, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

const MGMT = "/mecaas_mgmt/v1/app_instances";
const AS = "/mec_app_support/v1/applications";
const APP_MEP_URL = "http://mep.mec-platform.svc:8080";
const host = { selectedMECHostInfo: [{ hostName: "edge-1", hostId: "edge-1" }] };

describe("instantiation and termination on the MEP (Mm5)", () => {
  const helm = new FakeHelm();
  const kubectl = new FakeKubectl();
  const receiver = new Receiver();
  let mep: Mep;
  let mano: Mano;
  let counter = 0;

  beforeAll(async () => {
    await receiver.start();
    mep = await Mep.start({ sqlitePath: join(scratchDir("mm5-mep"), "mep.db") });
    mano = await Mano.start(manoEnv(helm, {
      MANO_KUBECTL_BINARY: kubectl.binary,
      MANO_MEP_URL: mep.url,
      MANO_MEP_APP_URL: APP_MEP_URL,
      MANO_MEP_ADMIN_CLIENT_ID: "platform-admin",
      MANO_MEP_ADMIN_CLIENT_SECRET: "admin-secret-for-tests-0001",
      MANO_READY_TIMEOUT_SECONDS: "20",
      MANO_MEP_POLL_MS: "50",
    }));
  });
  afterAll(async () => {
    await mano?.close();
    await mep?.close();
    await receiver.stop();
  });
  afterEach(() => {
    helm.failWith(undefined);
    kubectl.failWith(undefined);
  });

  const admin = async (method: string, path: string, body?: unknown) =>
    mep.request(method, path, { token: await mep.adminToken(), ...(body === undefined ? {} : { body }) });
  const occState = async (location: string) => (await mano.as("GET", location)).body.operationState;
  const settle = () => new Promise((r) => setTimeout(r, 300));

  async function newInstance(on = mano) {
    const appDId = `mm5-spec-${++counter}`;
    expectStatus(await on.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({
      appDId, appServiceRequired: [{ serName: "LocationService", version: "2.2.1" }], appServiceProduced: [{ serName: "sample-echo", version: "1.0.0" }],
    }))), 201);
    return (await on.as("POST", `${LCM}/app_instances`, { appDId })).body;
  }
  async function operation(instance: { _links: { self: { href: string } } }, task: string, body: unknown, on = mano) {
    const response = await on.as("POST", `${instance._links.self.href}/${task}`, body);
    expectStatus(response, 202);
    return on.local(response.headers.get("location")!);
  }
  /** The Secret kubectl was last given, as the app's pod would read it. */
  function identitySecret() {
    const list = JSON.parse(kubectl.lastInput());
    return list.items.find((item: { kind: string }) => item.kind === "Secret");
  }
  /** The app's side: a token with the credential from its Secret, confirm_ready, a termination subscription. */
  async function appStarts(appInstanceId: string, callbackPath: string) {
    const { appInstanceId: id, clientSecret } = identitySecret().stringData;
    expect(id).toBe(appInstanceId);
    const token = await mep.token(id, clientSecret);
    expectStatus(await mep.request("POST", `${AS}/${id}/confirm_ready`, { token, body: { indication: "READY" } }), 204);
    expectStatus(await mep.request("POST", `${AS}/${id}/subscriptions`, {
      token, body: { subscriptionType: "AppTerminationNotificationSubscription", callbackReference: receiver.url(callbackPath), appInstanceId: id },
    }), 201);
    return token;
  }
  /** Instantiates and plays the app until the occurrence is COMPLETED; returns the app's token. */
  async function running(instance: { id: string; _links: { self: { href: string } } }, callbackPath: string) {
    const location = await operation(instance, "instantiate", host);
    await waitUntil(() => helm.calls().some((c) => c.startsWith(`upgrade --install mec-${instance.id} `)));
    const token = await appStarts(instance.id, callbackPath);
    await mano.opOccIn(location, ["COMPLETED"]);
    return token;
  }

  test("instantiate creates the app instance on the MEP from the AppD, applies its Mp1 identity Secret, installs the chart with it, and completes only once the app confirms ready", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    const location = await operation(instance, "instantiate", host);
    await waitUntil(() => helm.calls().some((c) => c.startsWith(`upgrade --install ${release} `)));

    const onMep = await admin("GET", `${MGMT}/${instance.id}`);
    expectStatus(onMep, 200);
    expect(onMep.body).toMatchObject({
      appInstanceId: instance.id, appName: "Sample Echo", appProvider: "mecaas", appDId: instance.appDId,
      requiredServices: ["LocationService"], producedServices: ["sample-echo"], state: "INSTANTIATED",
    });
    const dnsRules = await mep.request("GET", `/mec_app_support/v1/applications/${instance.id}/dns_rules`, { token: await mep.token(instance.id, identitySecret().stringData.clientSecret) });
    expect(dnsRules.body).toEqual([expect.objectContaining({ dnsRuleId: "sample-echo-local", domainName: "echo.mec.example.net", state: "ACTIVE" })]);

    const secret = identitySecret();
    expect(secret.metadata).toMatchObject({ name: `${release}-mp1`, namespace: "mec-apps" });
    expect(secret.stringData).toEqual({ appInstanceId: instance.id, clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), mepUrl: APP_MEP_URL });
    expect(kubectl.calls().at(-1)).toBe("apply -f - --namespace mec-apps --kubeconfig /etc/mecaas/csp-kubeconfig --request-timeout=300s");
    expect(helm.calls().at(-1)).toContain(` --set-string identity.existingSecret=${release}-mp1 `);
    // The secret goes to kubectl on its standard input, never on a command line.
    expect([...helm.calls(), ...kubectl.calls()].join("\n")).not.toContain(secret.stringData.clientSecret);

    await settle();
    expect(await occState(location)).toBe("PROCESSING");
    await appStarts(instance.id, "/unused");
    const done = await mano.opOccIn(location, ["COMPLETED"]);
    expectConforms("AppLcmOpOcc", done);
    expect((await mano.as("GET", instance._links.self.href)).body).toMatchObject({ instantiationState: "INSTANTIATED", instantiatedAppState: { operationalState: "STARTED" } });
    expect((await admin("GET", `${MGMT}/${instance.id}`)).body.state).toBe("READY");
  });

  test("graceful terminate: the app is notified, the release stays until it confirms, then the release, its Secret and the MEP's app instance are removed", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    const token = await running(instance, `/t-${instance.id}`);
    const location = await operation(instance, "terminate", { terminationType: "GRACEFUL", gracefulTerminationTimeout: 60 });
    const [notification] = (await receiver.waitFor((r) => r.some((n) => n.path === `/t-${instance.id}`))).filter((n) => n.path === `/t-${instance.id}`);
    expect(notification.body).toMatchObject({ notificationType: "AppTerminationNotification", operationAction: "TERMINATING", maxGracefulTimeout: 60 });
    await settle();
    expect(await occState(location)).toBe("PROCESSING");
    expect(helm.calls().filter((c) => c.startsWith(`uninstall ${release} `))).toEqual([]);

    expectStatus(await mep.request("POST", mep.local(notification.body._links.confirmTermination.href), { token, body: { operationAction: "TERMINATING" } }), 204);
    await mano.opOccIn(location, ["COMPLETED"]);
    expect(helm.calls().filter((c) => c.startsWith(`uninstall ${release} `))).toHaveLength(1);
    expect(kubectl.calls().at(-1)).toBe(`delete secret ${release}-mp1 --ignore-not-found --wait --namespace mec-apps --kubeconfig /etc/mecaas/csp-kubeconfig --request-timeout=300s`);
    expectProblem(await admin("GET", `${MGMT}/${instance.id}`), 404);
    expect((await mano.as("GET", instance._links.self.href)).body.instantiationState).toBe("NOT_INSTANTIATED");
  });

  test("graceful terminate of an app that never confirms ends at its timeout; a forceful one skips the flow", async () => {
    const quiet = await newInstance();
    await running(quiet, `/quiet-${quiet.id}`);
    const started = Date.now();
    const location = await operation(quiet, "terminate", { terminationType: "GRACEFUL", gracefulTerminationTimeout: 1 });
    await mano.opOccIn(location, ["COMPLETED"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expectProblem(await admin("GET", `${MGMT}/${quiet.id}`), 404);

    const forced = await newInstance();
    await running(forced, `/forced-${forced.id}`);
    await mano.opOccIn(await operation(forced, "terminate", { terminationType: "FORCEFUL" }), ["COMPLETED"]);
    await settle();
    expect(receiver.on(`/forced-${forced.id}`)).toEqual([]);
    expectProblem(await admin("GET", `${MGMT}/${forced.id}`), 404);
  });

  test("operate STOPPED runs the STOPPING flow; STARTED creates the app instance again with the same credential", async () => {
    const instance = await newInstance();
    const token = await running(instance, `/s-${instance.id}`);
    const { clientSecret } = identitySecret().stringData;
    const stop = await operation(instance, "operate", { changeStateTo: "STOPPED", stopType: "GRACEFUL", gracefulStopTimeout: 60 });
    const [notification] = (await receiver.waitFor((r) => r.some((n) => n.path === `/s-${instance.id}`))).filter((n) => n.path === `/s-${instance.id}`);
    expect(notification.body).toMatchObject({ operationAction: "STOPPING" });
    expectStatus(await mep.request("POST", mep.local(notification.body._links.confirmTermination.href), { token, body: { operationAction: "STOPPING" } }), 204);
    await mano.opOccIn(stop, ["COMPLETED"]);
    expectProblem(await admin("GET", `${MGMT}/${instance.id}`), 404);
    expect(kubectl.calls().at(-1)).toMatch(/^delete secret /);

    const start = await operation(instance, "operate", { changeStateTo: "STARTED" });
    await waitUntil(() => helm.calls().filter((c) => c.startsWith(`upgrade --install mec-${instance.id} `)).length === 2);
    expect((await admin("GET", `${MGMT}/${instance.id}`)).body.state).toBe("INSTANTIATED");
    expect(identitySecret().stringData.clientSecret).toBe(clientSecret);
    await appStarts(instance.id, "/unused");
    await mano.opOccIn(start, ["COMPLETED"]);
    expect((await mano.as("GET", instance._links.self.href)).body.instantiatedAppState.operationalState).toBe("STARTED");
  });

  test("an app that does not confirm ready in time leaves the occurrence FAILED_TEMP; fail rolls it back, leaving nothing on the MEP", async () => {
    // An Edge MANO of its own (its own database) that waits 1 s for confirm_ready.
    const impatient = await Mano.start(manoEnv(helm, {
      MANO_KUBECTL_BINARY: kubectl.binary, MANO_MEP_URL: mep.url, MANO_MEP_ADMIN_CLIENT_ID: "platform-admin",
      MANO_MEP_ADMIN_CLIENT_SECRET: "admin-secret-for-tests-0001", MANO_READY_TIMEOUT_SECONDS: "1", MANO_MEP_POLL_MS: "50",
    }));
    try {
      const instance = await newInstance(impatient);
      const release = `mec-${instance.id}`;
      const location = await operation(instance, "instantiate", host, impatient);
      const failed = await impatient.opOccIn(location, ["FAILED_TEMP"]);
      expect(failed.error.detail).toMatch(new RegExp(`app instance ${instance.id} did not reach READY .* within 1 s \\(its state: INSTANTIATED\\)`));
      const fail = await impatient.as("POST", `${location}/fail`);
      expectStatus(fail, 200);
      expect(fail.body.operationState).toBe("FAILED");
      expect(helm.calls().at(-1)).toMatch(new RegExp(`^uninstall ${release} `));
      expect(kubectl.calls().at(-1)).toMatch(new RegExp(`^delete secret ${release}-mp1 `));
      expectProblem(await admin("GET", `${MGMT}/${instance.id}`), 404);
    } finally {
      await impatient.close();
    }
  });

  test("a refused grant creates nothing on the MEP: no app instance, no identity Secret, no release; retried once the pool exists, it completes", async () => {
    const instance = await newInstance();
    const before = { helm: helm.calls().length, kubectl: kubectl.calls().length };
    kubectl.cluster([]);
    const location = await operation(instance, "instantiate", host);
    const failed = await mano.opOccIn(location, ["FAILED_TEMP"]);
    expect(failed.error).toMatchObject({ status: 403, detail: "pool edge-1: no node carries the label mecaas.io/pool=edge-1" });
    expectProblem(await admin("GET", `${MGMT}/${instance.id}`), 404);
    expect(kubectl.calls().slice(before.kubectl).map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual(["get nodes"]);
    expect(helm.calls().length).toBe(before.helm);

    kubectl.cluster([standInNode("edge-1-a", "edge-1")]);
    expectStatus(await mano.as("POST", `${location}/retry`), 202);
    await waitUntil(() => helm.calls().some((c) => c.startsWith(`upgrade --install mec-${instance.id} `)));
    await appStarts(instance.id, "/unused");
    expect((await mano.opOccIn(location, ["COMPLETED"]))._links.grant).toBeDefined();
  });

  test("a MEP that refuses the Edge MANO's credential fails the instantiation (FAILED_TEMP) before anything is installed", async () => {
    const refused = await Mano.start(manoEnv(helm, {
      MANO_KUBECTL_BINARY: kubectl.binary, MANO_MEP_URL: mep.url, MANO_MEP_ADMIN_CLIENT_ID: "platform-admin",
      MANO_MEP_ADMIN_CLIENT_SECRET: "not-the-admin-secret-000", MANO_MEP_POLL_MS: "50",
    }));
    try {
      const instance = await newInstance(refused);
      const before = helm.calls().length;
      const location = await operation(instance, "instantiate", host, refused);
      const failed = await refused.opOccIn(location, ["FAILED_TEMP"]);
      expect(failed.error.detail).toMatch(/the MEP refused the Edge MANO's admin credential \(401\)/);
      expect(helm.calls().length).toBe(before);
    } finally {
      await refused.close();
    }
  });
});

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}
