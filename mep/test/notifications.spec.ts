/**
 * Service availability subscriptions (clauses 8.2.8, 8.2.9) and their notifications (8.1.4.2), delivered through the
 * durable outbox to a real HTTP receiver: ordering, retries, giving up, and surviving a restart.
 */
import { backends } from "./support/backends";
import { expectConforms, expectProblem, expectStatus } from "./support/conformance";
import { Mep } from "./support/mep";
import { Receiver, freePort } from "./support/receiver";
import { serviceBody } from "./support/fixtures";

const SM = "/mec_service_mgmt/v1";
const subscription = (callbackReference: string, filteringCriteria?: Record<string, unknown>) => ({
  subscriptionType: "SerAvailabilityNotificationSubscription",
  callbackReference,
  ...(filteringCriteria ? { filteringCriteria } : {}),
});

describe.each(backends)("service availability notifications on $name", (backend) => {
  let mep: Mep;
  let producer: string;
  let consumer: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    mep = await Mep.start(await backend.create(), { MEP_MAX_SUBSCRIPTIONS_PER_APP: "5" });
    producer = await mep.createApp("producer");
    consumer = await mep.createApp("consumer");
  });
  afterAll(async () => {
    await mep?.close();
    await receiver.stop();
  });

  const subscribe = async (path: string, filteringCriteria?: Record<string, unknown>, token = consumer, app = "consumer") => {
    const response = await mep.request("POST", `${SM}/applications/${app}/subscriptions`, { token, body: subscription(receiver.url(path), filteringCriteria) });
    expectStatus(response, 201);
    return response;
  };
  const register = async (serName: string) => {
    const response = await mep.request("POST", `${SM}/applications/producer/services`, { token: producer, body: serviceBody(serName) });
    expectStatus(response, 201);
    return response.body;
  };

  test("POST creates a subscription (201, Location, _links.self); GET reads it; the list is a SubscriptionLinkList; DELETE removes it", async () => {
    const created = await subscribe("/crud", undefined);
    expectConforms("SerAvailabilityNotificationSubscription", created.body);
    expect(created.body._links.self.href).toBe(created.headers.get("location"));
    const one = await mep.request("GET", mep.local(created.headers.get("location")!), { token: consumer });
    expectStatus(one, 200);
    expect(one.body).toEqual(created.body);
    const list = await mep.request("GET", `${SM}/applications/consumer/subscriptions`, { token: consumer });
    expectStatus(list, 200);
    expectConforms("SubscriptionLinkList", list.body);
    expect(list.body._links.subscriptions).toContainEqual({ href: created.body._links.self.href, subscriptionType: "SerAvailabilityNotificationSubscription" });
    expectStatus(await mep.request("DELETE", mep.local(created.body._links.self.href), { token: consumer }), 204);
    expectProblem(await mep.request("GET", mep.local(created.body._links.self.href), { token: consumer }), 404);
    expectProblem(await mep.request("DELETE", mep.local(created.body._links.self.href), { token: consumer }), 404);
  });

  test("subscription requests are validated: wrong type, mutually exclusive criteria, refused callback targets", async () => {
    const post = (body: unknown) => mep.request("POST", `${SM}/applications/consumer/subscriptions`, { token: consumer, body });
    expectProblem(await post({ ...subscription(receiver.url()), subscriptionType: "AppTerminationNotificationSubscription" }), 400);
    expectProblem(await post(subscription(receiver.url(), { serNames: ["a"], serInstanceIds: ["b"] })), 400);
    expectProblem(await post(subscription("http://169.254.169.254/latest/meta-data")), 400);
    expectProblem(await post(subscription("http://localhost:9/x")), 400);
    expectProblem(await post(subscription("http://[::1]:9/x")), 400);
    expectProblem(await post(subscription("ftp://127.0.0.1/x")), 400);
    expectProblem(await post(subscription("not a uri")), 400);
  });

  test("an app may hold at most MEP_MAX_SUBSCRIPTIONS_PER_APP subscriptions (403 beyond)", async () => {
    const limited = await mep.createApp("limited");
    for (let i = 0; i < 5; i++) await subscribe(`/limit-${i}`, undefined, limited, "limited");
    const refused = await mep.request("POST", `${SM}/applications/limited/subscriptions`, { token: limited, body: subscription(receiver.url("/limit-x")) });
    expectProblem(refused, 403);
  });

  test("ADDED, ATTRIBUTES_CHANGED, STATE_CHANGED and REMOVED are notified in order, matching filteringCriteria", async () => {
    const sub = (await subscribe("/lifecycle", { serNames: ["lifecycle"] })).body;
    await subscribe("/unrelated", { serNames: ["something-else"] });
    const service = await register("lifecycle");
    const path = `${SM}/applications/producer/services/${service.serInstanceId}`;
    expectStatus(await mep.request("PUT", path, { token: producer, body: serviceBody("lifecycle", { version: "2" }) }), 200);
    expectStatus(await mep.request("PUT", path, { token: producer, body: serviceBody("lifecycle", { version: "2", state: "INACTIVE" }) }), 200);
    expectStatus(await mep.request("DELETE", path, { token: producer }), 204);
    await receiver.waitFor(() => receiver.on("/lifecycle").length === 4);
    const notifications = receiver.on("/lifecycle");
    for (const n of notifications) {
      expectConforms("ServiceAvailabilityNotification", n);
      expect(n._links.subscription.href).toBe(sub._links.self.href);
    }
    expect(notifications.map((n) => n.serviceReferences[0].changeType)).toEqual(["ADDED", "ATTRIBUTES_CHANGED", "STATE_CHANGED", "REMOVED"]);
    expect(notifications[0].serviceReferences[0]).toEqual({
      link: { href: `http://mep.test${SM}/services/${service.serInstanceId}` },
      serName: "lifecycle", serInstanceId: service.serInstanceId, state: "ACTIVE", changeType: "ADDED",
    });
    expect(notifications[2].serviceReferences[0].state).toBe("INACTIVE");
    expect(notifications[3].serviceReferences[0].link).toBeUndefined();
    expect(receiver.on("/unrelated")).toEqual([]);
  });

  test("a failing receiver gets retries with backoff, and later notifications still arrive in order", async () => {
    await subscribe("/retry", { serNames: ["retry-1", "retry-2"] });
    receiver.failNext = 3;
    await register("retry-1");
    await register("retry-2");
    await receiver.waitFor(() => receiver.on("/retry").length === 2, 10000);
    expect(receiver.on("/retry").map((n) => n.serviceReferences[0].serName)).toEqual(["retry-1", "retry-2"]);
  });
});

describe.each(backends)("outbox durability on $name", (backend) => {
  test("a notification is given up after MEP_NOTIFICATION_MAX_ATTEMPTS and counted in the metrics", async () => {
    const receiver = await new Receiver().start();
    const mep = await Mep.start(await backend.create(), { MEP_NOTIFICATION_MAX_ATTEMPTS: "3", MEP_NOTIFICATION_RETRY_BASE_MS: "10" });
    try {
      const app = await mep.createApp("app");
      receiver.failNext = 1000;
      expectStatus(await mep.request("POST", `${SM}/applications/app/subscriptions`, { token: app, body: subscription(receiver.url("/never")) }), 201);
      expectStatus(await mep.request("POST", `${SM}/applications/app/services`, { token: app, body: serviceBody("doomed") }), 201);
      const deadline = Date.now() + 10000;
      let metrics = "";
      while (!/mep_notifications_given_up_total 1\b/.test(metrics)) {
        if (Date.now() > deadline) throw new Error(`not given up:\n${metrics}`);
        await new Promise((r) => setTimeout(r, 50));
        metrics = (await mep.request("GET", "/metrics")).text;
      }
      expect(metrics).toMatch(/mep_outbox_notifications\{status="given_up"\} 1\b/);
      expect(metrics).toMatch(/mep_notification_attempts_failed_total 3\b/);
      expect(receiver.received).toEqual([]);
    } finally {
      await mep.close();
      await receiver.stop();
    }
  });

  test("notifications pending when the MEP stops are delivered after it restarts on the same database", async () => {
    const db = await backend.create();
    // The receiver is down while the first MEP runs; it comes up on the same port for the second.
    const port = await freePort();
    const first = await Mep.start(db);
    const app = await first.createApp("app");
    const callback = `http://127.0.0.1:${port}/restart`;
    expectStatus(await first.request("POST", `${SM}/applications/app/subscriptions`, { token: app, body: subscription(callback) }), 201);
    expectStatus(await first.request("POST", `${SM}/applications/app/services`, { token: app, body: serviceBody("survivor") }), 201);
    await first.close();

    const receiver = await new Receiver().start(port);
    const second = await Mep.start(db);
    try {
      await receiver.waitFor(() => receiver.on("/restart").length === 1);
      expect(receiver.on("/restart")[0].serviceReferences[0]).toMatchObject({ serName: "survivor", changeType: "ADDED" });
    } finally {
      await second.close();
      await receiver.stop();
    }
  });
});

describe("replicas sharing one PostgreSQL database", () => {
  test("two MEPs deliver each notification once, in order per subscription", async () => {
    const db = await backends.find((b) => b.name === "postgres")!.create();
    const receiver = await new Receiver().start();
    const [a, b] = [await Mep.start(db), await Mep.start(db)];
    try {
      const token = await a.createApp("shared");
      for (let i = 0; i < 5; i++) {
        expectStatus(await a.request("POST", `${SM}/applications/shared/subscriptions`, { token, body: subscription(receiver.url(`/replica-${i}`)) }), 201);
      }
      // Changes arrive through both replicas; either dispatcher may deliver any of them.
      for (let i = 0; i < 10; i++) {
        const via = i % 2 ? a : b;
        expectStatus(await via.request("POST", `${SM}/applications/shared/services`, { token, body: serviceBody(`replicated-${i}`) }), 201);
      }
      await receiver.waitFor(() => receiver.received.length >= 50, 10000);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(50);
      for (let i = 0; i < 5; i++) {
        expect(receiver.on(`/replica-${i}`).map((n) => n.serviceReferences[0].serName)).toEqual(Array.from({ length: 10 }, (_, j) => `replicated-${j}`));
      }
    } finally {
      await a.close();
      await b.close();
      await receiver.stop();
    }
  });
});
