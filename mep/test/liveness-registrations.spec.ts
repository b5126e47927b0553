/** 3.x additions: service liveness (clause 8.2.10 of 2.2.1 / heartbeats) and app registration (AppInfo). */
import { backends } from "./support/backends";
import { expectConforms, expectProblem, expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep } from "./support/mep";
import { Receiver } from "./support/receiver";

const SM = "/mec_service_mgmt/v1";
const REG = "/mec_app_support/v2/registrations";

describe.each(backends)("service liveness on $name", (backend) => {
  let mep: Mep;
  let token: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    mep = await Mep.start(await backend.create(), { MEP_LIVENESS_INTERVAL_SECONDS: "7" });
    token = await mep.createApp("beating");
  });
  afterAll(async () => {
    await mep?.close();
    await receiver.stop();
  });

  test("a service registered with livenessInterval gets a liveness link; 0 lets the platform choose the interval", async () => {
    const created = await mep.request("POST", `${SM}/applications/beating/services`, { token, body: serviceBody("chosen", { livenessInterval: 0 }) });
    expectStatus(created, 201);
    expectConforms("ServiceInfo", created.body);
    expect(created.body.livenessInterval).toBe(7);
    const liveness = await mep.request("GET", mep.local(created.body._links.liveness.href), { token });
    expectStatus(liveness, 200);
    expectConforms("ServiceLivenessInfo", liveness.body);
    expect(liveness.body).toMatchObject({ state: "ACTIVE", interval: 7 });
    const plain = await mep.request("POST", `${SM}/applications/beating/services`, { token, body: serviceBody("no-heartbeats") });
    expect(plain.body._links.liveness).toBeUndefined();
    expect(plain.body.livenessInterval).toBeUndefined();
    expectProblem(await mep.request("GET", `${SM}/applications/beating/services/${plain.body.serInstanceId}/liveness`, { token }), 404);
  });

  test("a missed heartbeat suspends the service and notifies; a heartbeat PATCH (200, the updated liveness) makes it ACTIVE again", async () => {
    await mep.request("POST", `${SM}/applications/beating/subscriptions`, {
      token, body: { subscriptionType: "SerAvailabilityNotificationSubscription", callbackReference: receiver.url("/beat"), filteringCriteria: { serNames: ["heart"] } },
    });
    const created = await mep.request("POST", `${SM}/applications/beating/services`, { token, body: serviceBody("heart", { livenessInterval: 1 }) });
    const livenessPath = mep.local(created.body._links.liveness.href);
    await receiver.waitFor(() => receiver.on("/beat").some((n) => n.serviceReferences[0].state === "SUSPENDED"), 5000);
    expect((await mep.request("GET", livenessPath, { token })).body.state).toBe("SUSPENDED");
    expect((await mep.request("GET", `${SM}/services/${created.body.serInstanceId}`, { token })).body.state).toBe("SUSPENDED");

    const beat = await mep.request("PATCH", livenessPath, { token, body: { state: "ACTIVE" }, headers: { "content-type": "application/merge-patch+json" } });
    expectStatus(beat, 200);
    expectConforms("ServiceLivenessInfo", beat.body);
    expect(beat.body).toMatchObject({ state: "ACTIVE", interval: 1 });
    expect((await mep.request("GET", livenessPath, { token })).body.state).toBe("ACTIVE");
    await receiver.waitFor(() => receiver.on("/beat").filter((n) => n.serviceReferences[0].changeType === "STATE_CHANGED").length >= 2);
    const changes = receiver.on("/beat").map((n) => `${n.serviceReferences[0].changeType}:${n.serviceReferences[0].state}`);
    expect(changes.slice(0, 3)).toEqual(["ADDED:ACTIVE", "STATE_CHANGED:SUSPENDED", "STATE_CHANGED:ACTIVE"]);
  });

  test("heartbeats: INACTIVE services get 409, other states in the body 400, a stale If-Match 412; PUT and POST are 405", async () => {
    const created = await mep.request("POST", `${SM}/applications/beating/services`, { token, body: serviceBody("dormant", { livenessInterval: 30, state: "INACTIVE" }) });
    const livenessPath = mep.local(created.body._links.liveness.href);
    expectProblem(await mep.request("PATCH", livenessPath, { token, body: { state: "ACTIVE" } }), 409);
    expectProblem(await mep.request("PATCH", livenessPath, { token, body: { state: "INACTIVE" } }), 400);
    expectProblem(await mep.request("PATCH", livenessPath, { token, body: { state: "ACTIVE" }, headers: { "if-match": '"999"' } }), 412);
    expectProblem(await mep.request("PUT", livenessPath, { token, body: { state: "ACTIVE" } }), 405);
    expectProblem(await mep.request("POST", livenessPath, { token, body: { state: "ACTIVE" } }), 405);
  });
});

describe.each(backends)("app registration on $name", (backend) => {
  let mep: Mep;
  let token: string;

  beforeAll(async () => {
    mep = await Mep.start(await backend.create());
    token = await mep.createApp("registrant");
    await mep.createApp("bystander");
  });
  afterAll(() => mep?.close());

  const appInfo = {
    appName: "registrant app",
    appProvider: "ACME",
    appServiceRequired: [{ serName: "rnis", version: "2.2.1" }],
    isInsByMec: true,
  };

  test("POST registers the caller (201, Location, AppInfo); a second POST gets 403; GET reads it", async () => {
    const created = await mep.request("POST", REG, { token, body: appInfo });
    expectStatus(created, 201);
    expectConforms("AppInfo", created.body);
    expect(created.body.appInstanceId).toBe("registrant");
    expect(created.headers.get("location")).toBe(`http://mep.test${REG}/registrant`);
    expectProblem(await mep.request("POST", REG, { token, body: appInfo }), 403);
    const read = await mep.request("GET", `${REG}/registrant`, { token });
    expectStatus(read, 200);
    expect(read.body).toEqual(created.body);
  });

  test("PUT updates the registration (204); DELETE deregisters it (204, then 404)", async () => {
    expectStatus(await mep.request("PUT", `${REG}/registrant`, { token, body: { ...appInfo, appProvider: "ACME Edge" } }), 204);
    expect((await mep.request("GET", `${REG}/registrant`, { token })).body.appProvider).toBe("ACME Edge");
    expectStatus(await mep.request("DELETE", `${REG}/registrant`, { token }), 204);
    expectProblem(await mep.request("GET", `${REG}/registrant`, { token }), 404);
    expectProblem(await mep.request("PUT", `${REG}/registrant`, { token, body: appInfo }), 404);
  });

  test("an app cannot register or read another app instance (403); bodies without appName get 400", async () => {
    expectProblem(await mep.request("POST", REG, { token, body: { ...appInfo, appInstanceId: "bystander" } }), 403);
    expectProblem(await mep.request("GET", `${REG}/bystander`, { token }), 403);
    expectProblem(await mep.request("POST", REG, { token, body: { appProvider: "x" } }), 400);
    expectProblem(await mep.request("PATCH", `${REG}/registrant`, { token, body: appInfo }), 405);
  });
});
