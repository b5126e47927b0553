/**
 * Application lifecycle management over Mm1 (MEC 010-2 clause 7.4): app instance identifiers, instantiate,
 * operate (stop/start), terminate, each an LCM operation occurrence answered 202 and run afterwards by the helm
 * deployer (here a stand-in executable that records its arguments), FAILED_TEMP, retry and fail; bodies checked
 * against the ETSI schemas.
 */
import { FakeHelm } from "./support/fake-helm";
import { LCM, Mano, PKGM, expectConforms, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { SAMPLE_CHART, inlinePackage, sampleAppD } from "./support/packages";

const HELM_TAIL = "--namespace mec-apps --kubeconfig /etc/mecaas/csp-kubeconfig --timeout 300s";
const installed = (release: string, pool = "edge-1") =>
  `upgrade --install ${release} ${SAMPLE_CHART} --create-namespace --wait --set-json nodeSelector={"mecaas.io/pool":"${pool}"} ${HELM_TAIL}`;
const uninstalled = (release: string) => `uninstall ${release} --ignore-not-found --wait ${HELM_TAIL}`;
const host = { selectedMECHostInfo: [{ hostName: "edge-1", hostId: "edge-1" }] };

describe("application lifecycle", () => {
  const helm = new FakeHelm();
  let mano: Mano;
  let counter = 0;

  beforeAll(async () => {
    mano = await Mano.start(manoEnv(helm));
  });
  afterAll(() => mano?.close());
  afterEach(() => {
    helm.failWith(undefined);
    helm.delay(0);
  });

  /** A package of its own and an app instance of it; returns the instance's AppInstanceInfo. */
  async function newInstance(extra: Record<string, unknown> = {}) {
    const appDId = `lcm-spec-${++counter}`;
    expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId }))), 201);
    const created = await mano.as("POST", `${LCM}/app_instances`, { appDId, ...extra });
    expectStatus(created, 201);
    expectConforms("AppInstanceInfo", created.body);
    return created.body;
  }
  /** Starts an operation: 202, no body, Location of its occurrence. */
  async function operation(instance: { _links: { self: { href: string } } }, task: string, body: unknown) {
    const response = await mano.as("POST", `${instance._links.self.href}/${task}`, body);
    expectStatus(response, 202);
    expect(response.text).toBe("");
    return response.headers.get("location")!;
  }
  const read = async (href: string) => (await mano.as("GET", href)).body;

  test("POST app_instances creates an identifier, NOT_INSTANTIATED, with the package's names copied in; GET reads it; 201 + Location", async () => {
    const instance = await newInstance({ appInstanceName: "echo-1", appInstanceDescription: "the first echo" });
    expect(instance).toMatchObject({
      appInstanceName: "echo-1", appInstanceDescription: "the first echo", appName: "Sample Echo", appProvider: "mecaas",
      appSoftVersion: "0.1.0", appDVersion: "1.0", instantiationState: "NOT_INSTANTIATED",
    });
    expect(instance._links.instantiate.href).toBe(`${instance._links.self.href}/instantiate`);
    expect(await read(instance._links.self.href)).toEqual(instance);
    const list = await mano.as("GET", `${LCM}/app_instances?filter=(eq,appInstanceName,echo-1)`);
    expectStatus(list, 200);
    expectConforms("AppInstanceInfo[]", list.body);
    expect(list.body).toEqual([instance]);
  });

  test("the identifier is the Edge MANO's to allocate: an id or other unknown fields in the request are ignored", async () => {
    const instance = await newInstance({ id: "chosen-by-client", instantiationState: "INSTANTIATED" });
    expect(instance.id).not.toBe("chosen-by-client");
    expect(instance.instantiationState).toBe("NOT_INSTANTIATED");
  });

  test("an identifier needs an onboarded appDId (400) of an ENABLED package (409); malformed bodies get 400", async () => {
    expectProblem(await mano.as("POST", `${LCM}/app_instances`, { appDId: "never-onboarded" }), 400);
    const instance = await newInstance();
    expectStatus(await mano.as("PATCH", `${PKGM}/app_packages/${instance.appPkgId}`, { operationalState: "DISABLED" }), 200);
    expectProblem(await mano.as("POST", `${LCM}/app_instances`, { appDId: instance.appDId }), 409);
    expectProblem(await mano.as("POST", `${LCM}/app_instances`, { appInstanceName: "no appDId" }), 400);
    expectProblem(await mano.as("GET", `${LCM}/app_instances/no-such-instance`), 404);
  });

  test("instantiate: 202 with the occurrence's Location; it runs helm upgrade --install and ends COMPLETED, the instance INSTANTIATED and STARTED", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    const location = await operation(instance, "instantiate", host);
    const occ = await mano.opOccIn(location, ["COMPLETED"]);
    expectConforms("AppLcmOpOcc", occ);
    expect(occ).toMatchObject({ lcmOperation: "INSTANTIATE", operationParams: host, _links: { self: { href: location }, appInstance: { href: instance._links.self.href } } });
    expect(occ.stateEnteredTime.seconds).toBeGreaterThanOrEqual(occ.startTime.seconds);
    expect(helm.calls()).toContain(installed(release));
    const after = await read(instance._links.self.href);
    expectConforms("AppInstanceInfo", after);
    expect(after).toMatchObject({ instantiationState: "INSTANTIATED", instantiatedAppState: { operationalState: "STARTED" } });
    expect(after._links.terminate.href).toBe(`${instance._links.self.href}/terminate`);
    expectProblem(await mano.as("POST", `${instance._links.self.href}/instantiate`, host), 409);
    expectProblem(await mano.as("DELETE", instance._links.self.href), 409);
    expect((await read(`${PKGM}/app_packages/${instance.appPkgId}`)).usageState).toBe("IN_USE");
  });

  test("instantiate places the release on the worker pool selectedMECHostInfo names (its nodeSelector); one pool, a DNS label, or 400", async () => {
    const instance = await newInstance();
    for (const selectedMECHostInfo of [[], [{ hostId: "edge-1" }, { hostId: "edge-2" }], [{ hostId: { zone: "a" } }], [{ hostId: "Not A Pool" }]]) {
      expectProblem(await mano.as("POST", `${instance._links.self.href}/instantiate`, { selectedMECHostInfo }), 400);
    }
    await mano.opOccIn(await operation(instance, "instantiate", { selectedMECHostInfo: [{ hostName: "the far edge", hostId: "far-edge" }] }), ["COMPLETED"]);
    expect(helm.calls().at(-1)).toBe(installed(`mec-${instance.id}`, "far-edge"));
    // Started again after a stop, it goes back to the same pool.
    await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STOPPED" }), ["COMPLETED"]);
    await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STARTED" }), ["COMPLETED"]);
    expect(helm.calls().at(-1)).toBe(installed(`mec-${instance.id}`, "far-edge"));
  });

  test("operate STOPPED uninstalls the release and STARTED installs it again; asking for the state it is in is 409", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
    const stop = await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STOPPED", stopType: "FORCEFUL" }), ["COMPLETED"]);
    expectConforms("AppLcmOpOcc", stop);
    expect(stop.lcmOperation).toBe("OPERATE");
    expect((await read(instance._links.self.href)).instantiatedAppState).toEqual({ operationalState: "STOPPED" });
    expectProblem(await mano.as("POST", `${instance._links.self.href}/operate`, { changeStateTo: "STOPPED" }), 409);
    await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STARTED" }), ["COMPLETED"]);
    expect((await read(instance._links.self.href)).instantiatedAppState).toEqual({ operationalState: "STARTED" });
    expect(helm.calls().filter((c) => c.includes(release))).toEqual([installed(release), uninstalled(release), installed(release)]);
    expectProblem(await mano.as("POST", `${instance._links.self.href}/operate`, { changeStateTo: "PAUSED" }), 400);
  });

  test("terminate uninstalls the release: NOT_INSTANTIATED again, the identifier can then be deleted (204) and is gone", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    expectProblem(await mano.as("POST", `${instance._links.self.href}/terminate`, { terminationType: "GRACEFUL" }), 409);
    await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
    const occ = await mano.opOccIn(await operation(instance, "terminate", { terminationType: "GRACEFUL", gracefulTerminationTimeout: 10 }), ["COMPLETED"]);
    expect(occ.lcmOperation).toBe("TERMINATE");
    expect(helm.calls().at(-1)).toBe(uninstalled(release));
    const after = await read(instance._links.self.href);
    expect(after.instantiationState).toBe("NOT_INSTANTIATED");
    expect(after.instantiatedAppState).toBeUndefined();
    expectStatus(await mano.as("DELETE", instance._links.self.href), 204);
    expectProblem(await mano.as("GET", instance._links.self.href), 404);
    expect((await read(`${PKGM}/app_packages/${instance.appPkgId}`)).usageState).toBe("NOT_IN_USE");
  });

  test("while an operation runs, another on the same instance gets 409; the occurrence is PROCESSING until helm answers", async () => {
    const instance = await newInstance();
    helm.delay(1);
    const location = await operation(instance, "instantiate", host);
    expect((await mano.opOccIn(location, ["PROCESSING"])).operationState).toBe("PROCESSING");
    const busy = await mano.as("POST", `${instance._links.self.href}/terminate`, { terminationType: "FORCEFUL" });
    expectProblem(busy, 409);
    expect(busy.body.detail).toContain(location.split("/").pop());
    expectProblem(await mano.as("DELETE", instance._links.self.href), 409);
    await mano.opOccIn(location, ["COMPLETED"]);
  });

  test("when helm fails the occurrence is FAILED_TEMP with helm's message; retry (202) runs it again to COMPLETED", async () => {
    const instance = await newInstance();
    helm.failWith("the cluster is unreachable");
    const location = await operation(instance, "instantiate", host);
    const failed = await mano.opOccIn(location, ["FAILED_TEMP"]);
    expectConforms("AppLcmOpOcc", failed);
    expectConforms("ProblemDetails", failed.error);
    expect(failed.error.detail).toMatch(/helm upgrade .* failed \(exit 1\): Error: upgrade failed: the cluster is unreachable/);
    expect((await read(instance._links.self.href)).instantiationState).toBe("NOT_INSTANTIATED");
    expectProblem(await mano.as("POST", `${instance._links.self.href}/instantiate`, host), 409);
    helm.failWith(undefined);
    const retried = await mano.as("POST", `${location}/retry`);
    expectStatus(retried, 202);
    const completed = await mano.opOccIn(location, ["COMPLETED"]);
    expect(completed.error).toBeUndefined();
    expect((await read(instance._links.self.href)).instantiationState).toBe("INSTANTIATED");
    expectProblem(await mano.as("POST", `${location}/retry`), 409);
  });

  test("fail (200 AppLcmOpOcc) finally fails a FAILED_TEMP instantiation: FAILED, its release uninstalled, the instance free again", async () => {
    const instance = await newInstance();
    const release = `mec-${instance.id}`;
    helm.failWith("timed out waiting for the condition");
    const location = await operation(instance, "instantiate", host);
    await mano.opOccIn(location, ["FAILED_TEMP"]);
    helm.failWith(undefined);
    const failed = await mano.as("POST", `${location}/fail`);
    expectStatus(failed, 200);
    expectConforms("AppLcmOpOcc", failed.body);
    expect(failed.body).toMatchObject({ operationState: "FAILED", error: { detail: expect.stringMatching(/timed out waiting/) } });
    expect(helm.calls().at(-1)).toBe(uninstalled(release));
    expectProblem(await mano.as("POST", `${location}/fail`), 409);
    expectProblem(await mano.as("POST", `${location}/retry`), 409);
    expectProblem(await mano.as("POST", `${LCM}/app_lcm_op_occs/no-such-occurrence/fail`), 404);
    await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
  });

  test("GET app_lcm_op_occs lists every occurrence (AppLcmOpOcc[]), filtered by attributes; one unknown is 404", async () => {
    const instance = await newInstance();
    await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
    await mano.opOccIn(await operation(instance, "terminate", { terminationType: "FORCEFUL" }), ["COMPLETED"]);
    const href = encodeURIComponent(instance._links.self.href);
    const list = await mano.as("GET", `${LCM}/app_lcm_op_occs?filter=(eq,_links/appInstance/href,${href})`);
    expectStatus(list, 200);
    expectConforms("AppLcmOpOcc[]", list.body);
    expect(list.body.map((o: { lcmOperation: string }) => o.lcmOperation)).toEqual(["INSTANTIATE", "TERMINATE"]);
    const terminations = await mano.as("GET", `${LCM}/app_lcm_op_occs?filter=(eq,lcmOperation,TERMINATE);(eq,_links/appInstance/href,${href})`);
    expect(terminations.body).toHaveLength(1);
    expectProblem(await mano.as("GET", `${LCM}/app_lcm_op_occs/no-such-occurrence`), 404);
    expectProblem(await mano.as("GET", `${LCM}/app_lcm_op_occs?fields=operationParams`), 400);
  });
});
