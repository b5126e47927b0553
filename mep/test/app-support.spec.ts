/**
 * MEC application support (clause 7.2): confirm_ready, the graceful termination flow with its subscriptions and
 * notifications, traffic and DNS rules, timing.
 */
import { backends } from "./support/backends";
import { expectConforms, expectProblem, expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep } from "./support/mep";
import { Receiver } from "./support/receiver";

const AS = "/mec_app_support/v1";
const SM = "/mec_service_mgmt/v1";
const MGMT = "/mecaas_mgmt/v1";

const trafficRule = {
  trafficRuleId: "tr-1",
  filterType: "FLOW",
  priority: 1,
  trafficFilter: [{ srcAddress: ["10.0.0.0/24"], dstPort: ["80"] }],
  action: "FORWARD_DECAPSULATED",
  dstInterface: [{ interfaceType: "IP", dstIpAddress: "10.1.0.5" }],
  state: "ACTIVE",
};
const dnsRule = { dnsRuleId: "dns-1", domainName: "edge.example", ipAddressType: "IP_V4", ipAddress: "10.1.0.5", ttl: 60, state: "ACTIVE" };

describe.each(backends)("application support on $name", (backend) => {
  let mep: Mep;
  let admin: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    mep = await Mep.start(await backend.create());
    admin = await mep.adminToken();
  });
  afterAll(async () => {
    await mep?.close();
    await receiver.stop();
  });

  const terminationSubscription = (callbackReference: string) => ({ subscriptionType: "AppTerminationNotificationSubscription", callbackReference, appInstanceId: "ignored" });
  const terminate = (app: string, body: Record<string, unknown> = {}) => mep.request("POST", `${MGMT}/app_instances/${app}/terminate`, { token: admin, body });

  test("confirm_ready answers 204 (also when repeated), and 409 once the app is terminating", async () => {
    const token = await mep.createApp("ready-app");
    const ready = await mep.request("POST", `${AS}/applications/ready-app/confirm_ready`, { token, body: { indication: "READY" } });
    expectStatus(ready, 204);
    expect(ready.text).toBe("");
    expectStatus(await mep.request("POST", `${AS}/applications/ready-app/confirm_ready`, { token, body: { indication: "READY" } }), 204);
    expect((await mep.request("GET", `${MGMT}/app_instances/ready-app`, { token: admin })).body.state).toBe("READY");
    expectProblem(await mep.request("POST", `${AS}/applications/ready-app/confirm_ready`, { token, body: { indication: "NOT_READY" } }), 400);
    expectStatus(await terminate("ready-app"), 202);
    expectProblem(await mep.request("POST", `${AS}/applications/ready-app/confirm_ready`, { token, body: { indication: "READY" } }), 409);
  });

  test("AppTerminationNotificationSubscription: 201 with the path's appInstanceId, GET, list, DELETE", async () => {
    const token = await mep.createApp("subscriber");
    const created = await mep.request("POST", `${AS}/applications/subscriber/subscriptions`, { token, body: terminationSubscription(receiver.url("/t0")) });
    expectStatus(created, 201);
    expectConforms("AppTerminationNotificationSubscription", created.body);
    expect(created.body.appInstanceId).toBe("subscriber");
    expect(created.headers.get("location")).toBe(created.body._links.self.href);
    const one = await mep.request("GET", mep.local(created.body._links.self.href), { token });
    expect(one.body).toEqual(created.body);
    const list = await mep.request("GET", `${AS}/applications/subscriber/subscriptions`, { token });
    expectConforms("SubscriptionLinkList", list.body);
    expect(list.body._links.subscriptions).toEqual([{ href: created.body._links.self.href, subscriptionType: "AppTerminationNotificationSubscription" }]);
    // The two API roots keep their own subscription types apart.
    expect((await mep.request("GET", `${SM}/applications/subscriber/subscriptions`, { token })).body._links.subscriptions).toEqual([]);
    expectStatus(await mep.request("DELETE", mep.local(created.body._links.self.href), { token }), 204);
    expectProblem(await mep.request("GET", mep.local(created.body._links.self.href), { token }), 404);
  });

  test("termination: subscribers are notified, confirm_termination ends it (204), services are deregistered", async () => {
    const token = await mep.createApp("leaving");
    await mep.request("POST", `${AS}/applications/leaving/subscriptions`, { token, body: terminationSubscription(receiver.url("/leaving")) });
    const service = await mep.request("POST", `${SM}/applications/leaving/services`, { token, body: serviceBody("leaving-service") });
    expectStatus(service, 201);
    expectProblem(await mep.request("POST", `${AS}/applications/leaving/confirm_termination`, { token, body: { operationAction: "TERMINATING" } }), 409);

    const started = await terminate("leaving", { gracefulTimeoutSeconds: 30 });
    expectStatus(started, 202);
    expect(started.body.state).toBe("TERMINATING");
    const [notification] = await receiver.waitFor(() => receiver.on("/leaving").length === 1).then(() => receiver.on("/leaving"));
    expectConforms("AppTerminationNotification", notification);
    expect(notification).toMatchObject({ operationAction: "TERMINATING", maxGracefulTimeout: 30 });
    expectProblem(await terminate("leaving"), 409);

    expectProblem(await mep.request("POST", `${AS}/applications/leaving/confirm_termination`, { token, body: { operationAction: "STOPPING" } }), 409);
    const confirmed = await mep.request("POST", mep.local(notification._links.confirmTermination.href), { token, body: { operationAction: "TERMINATING" } });
    expectStatus(confirmed, 204);
    expect((await mep.request("GET", `${MGMT}/app_instances/leaving`, { token: admin })).body.state).toBe("TERMINATED");
    expectProblem(await mep.request("GET", `${SM}/services/${service.body.serInstanceId}`, { token }), 404);
    expectProblem(await mep.request("POST", `${SM}/applications/leaving/services`, { token, body: serviceBody("too-late") }), 403);
    expectProblem(await mep.request("POST", `${AS}/applications/leaving/confirm_termination`, { token, body: { operationAction: "TERMINATING" } }), 409);
  });

  test("without a confirmation the graceful timeout ends the stop flow (STOPPED)", async () => {
    await mep.createApp("slow");
    expectStatus(await terminate("slow", { operationAction: "STOPPING", gracefulTimeoutSeconds: 1 }), 202);
    const deadline = Date.now() + 5000;
    let state = "";
    while (state !== "STOPPED" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await mep.request("GET", `${MGMT}/app_instances/slow`, { token: admin })).body.state;
    }
    expect(state).toBe("STOPPED");
  });

  test("traffic rules: list, read with ETag, replace with If-Match (412 when stale), 404 for unknown rules", async () => {
    const token = await mep.createApp("router", { appTrafficRule: [trafficRule] });
    const list = await mep.request("GET", `${AS}/applications/router/traffic_rules`, { token });
    expectStatus(list, 200);
    expectConforms("TrafficRule[]", list.body);
    expect(list.body).toEqual([trafficRule]);
    const one = await mep.request("GET", `${AS}/applications/router/traffic_rules/tr-1`, { token });
    expectStatus(one, 200);
    expectConforms("TrafficRule", one.body);
    const etag = one.headers.get("etag")!;
    const replaced = await mep.request("PUT", `${AS}/applications/router/traffic_rules/tr-1`, {
      token, headers: { "if-match": etag }, body: { ...trafficRule, trafficRuleId: "body-id-loses", state: "INACTIVE" },
    });
    expectStatus(replaced, 200);
    expectConforms("TrafficRule", replaced.body);
    expect(replaced.body).toMatchObject({ trafficRuleId: "tr-1", state: "INACTIVE" });
    expectProblem(await mep.request("PUT", `${AS}/applications/router/traffic_rules/tr-1`, { token, headers: { "if-match": etag }, body: trafficRule }), 412);
    expectProblem(await mep.request("GET", `${AS}/applications/router/traffic_rules/nope`, { token }), 404);
    expectProblem(await mep.request("PUT", `${AS}/applications/router/traffic_rules/nope`, { token, body: trafficRule }), 404);
  });

  test("traffic rules accept dstInterface as one object and TrafficFilter token as tag; the count must fit the action", async () => {
    const token = await mep.createApp("lenient", { appTrafficRule: [trafficRule] });
    const path = `${AS}/applications/lenient/traffic_rules/tr-1`;
    const lenient = await mep.request("PUT", path, {
      token, body: { ...trafficRule, dstInterface: trafficRule.dstInterface[0], trafficFilter: [{ token: ["blue"] }] },
    });
    expectStatus(lenient, 200);
    expect(lenient.body.dstInterface).toEqual(trafficRule.dstInterface);
    expect(lenient.body.trafficFilter).toEqual([{ tag: ["blue"] }]);
    expectProblem(await mep.request("PUT", path, { token, body: { ...trafficRule, action: "DUPLICATE_ENCAPSULATED" } }), 400);
    expectProblem(await mep.request("PUT", path, { token, body: { ...trafficRule, priority: 256 } }), 400);
    expectProblem(await mep.request("PUT", path, { token, body: { ...trafficRule, action: "TELEPORT" } }), 400);
  });

  test("DNS rules: list, read, replace with If-Match, validation and 404", async () => {
    const token = await mep.createApp("resolver", { appDnsRule: [dnsRule] });
    const list = await mep.request("GET", `${AS}/applications/resolver/dns_rules`, { token });
    expectConforms("DnsRule[]", list.body);
    expect(list.body).toEqual([dnsRule]);
    const one = await mep.request("GET", `${AS}/applications/resolver/dns_rules/dns-1`, { token });
    expectConforms("DnsRule", one.body);
    const replaced = await mep.request("PUT", `${AS}/applications/resolver/dns_rules/dns-1`, { token, headers: { "if-match": one.headers.get("etag")! }, body: { ...dnsRule, state: "INACTIVE" } });
    expectStatus(replaced, 200);
    expectConforms("DnsRule", replaced.body);
    expect(replaced.body.state).toBe("INACTIVE");
    expectProblem(await mep.request("PUT", `${AS}/applications/resolver/dns_rules/dns-1`, { token, headers: { "if-match": '"1"' }, body: dnsRule }), 412);
    expectProblem(await mep.request("PUT", `${AS}/applications/resolver/dns_rules/dns-1`, { token, body: { ...dnsRule, ipAddressType: "IP_V5" } }), 400);
    expectProblem(await mep.request("GET", `${AS}/applications/resolver/dns_rules/nope`, { token }), 404);
  });

  test("timing: current_time and timing_caps", async () => {
    const token = await mep.createApp("clock");
    const before = Math.floor(Date.now() / 1000);
    const now = await mep.request("GET", `${AS}/timing/current_time`, { token });
    expectStatus(now, 200);
    expectConforms("CurrentTime", now.body);
    expect(now.body.seconds).toBeGreaterThanOrEqual(before);
    expect(now.body.timeSourceStatus).toBe("NONTRACEABLE");
    const caps = await mep.request("GET", `${AS}/timing/timing_caps`, { token });
    expectStatus(caps, 200);
    expectConforms("TimingCaps", caps.body);
  });

  test("unsupported methods on app support resources get 405", async () => {
    const token = await mep.createApp("methods", { appTrafficRule: [trafficRule], appDnsRule: [dnsRule] });
    for (const [method, path] of [
      ["GET", `${AS}/applications/methods/confirm_ready`], ["PUT", `${AS}/applications/methods/confirm_termination`],
      ["POST", `${AS}/applications/methods/traffic_rules`], ["DELETE", `${AS}/applications/methods/traffic_rules/tr-1`],
      ["POST", `${AS}/applications/methods/dns_rules/dns-1`], ["PATCH", `${AS}/applications/methods/dns_rules`],
      ["POST", `${AS}/timing/current_time`], ["DELETE", `${AS}/timing/timing_caps`],
      ["PUT", `${AS}/applications/methods/subscriptions`], ["PUT", `${AS}/applications/methods/subscriptions/x`],
    ]) {
      expectProblem(await mep.request(method, path, { token }), 405);
    }
  });
});
