/**
 * Subscriptions under both Mm1 roots and the notifications they bring, POSTed to a real HTTP receiver through the
 * durable outbox: AppPkgNotification (MEC 010-2 clause 6.2.3.6) on onboarding, disabling, enabling and deletion;
 * AppInstanceIdentifierCreation/DeletionNotification, AppInstNotification and AppLcmOpOccNotification (clauses
 * 6.2.2.11-6.2.2.30) along an instance's life; retried while the receiver fails, and bounded per subscription.
 */
import { Receiver, freePort } from "../../mep/test/support/receiver";
import { FakeHelm } from "./support/fake-helm";
import { LCM, Mano, PKGM, expectConforms, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

const host = { selectedMECHostInfo: [{ hostId: "edge-1" }] };

describe("notifications", () => {
  const helm = new FakeHelm();
  const receiver = new Receiver();
  let mano: Mano;

  beforeAll(async () => {
    await receiver.start();
    mano = await Mano.start(manoEnv(helm));
  });
  afterAll(async () => {
    await mano?.close();
    await receiver.stop();
  });

  const subscribe = async (root: string, body: Record<string, unknown>, infoSchema: string) => {
    const created = await mano.as("POST", `${root}/subscriptions`, body);
    expectStatus(created, 201);
    expectConforms(infoSchema, created.body);
    expect(created.headers.get("location")).toBe(created.body._links.self.href);
    return created.body;
  };
  const onboard = async (appDId: string) => {
    const created = await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId })));
    expectStatus(created, 201);
    return created.body;
  };

  test("package subscriptions: POST (201 AppPkgSubscriptionInfo), GET one, GET the AppPkgSubscriptionLinkList, DELETE (204, then 404)", async () => {
    const created = await subscribe(PKGM, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: receiver.url("/crud") }, "AppPkgSubscriptionInfo");
    expect(await (await mano.as("GET", created._links.self.href)).body).toEqual(created);
    const list = await mano.as("GET", `${PKGM}/subscriptions`);
    expectStatus(list, 200);
    expectConforms("AppPkgSubscriptionLinkList", list.body);
    expect(list.body._links.subscriptions).toContainEqual({ href: created._links.self.href, subscriptionType: "AppPackageOnBoardingSubscription" });
    expectStatus(await mano.as("DELETE", created._links.self.href), 204);
    expectProblem(await mano.as("GET", created._links.self.href), 404);
    expectProblem(await mano.as("DELETE", created._links.self.href), 404);
  });

  test("a callbackUri the callback policy refuses, an unknown subscriptionType or a missing callbackUri get 400", async () => {
    for (const body of [
      { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: "http://169.254.169.254/latest" },
      { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: "ftp://127.0.0.1/x" },
      { subscriptionType: "AppPackageEverything", callbackUri: receiver.url() },
      { subscriptionType: "AppPackageOnBoardingSubscription" },
    ]) expectProblem(await mano.as("POST", `${PKGM}/subscriptions`, body), 400);
    expectProblem(await mano.as("POST", `${LCM}/subscriptions`, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: receiver.url() }), 400);
  });

  test("onboarding, disabling, enabling and deleting a package are each notified to the subscriptions of that kind whose filter matches", async () => {
    const filter = [{ appDId: "notified-pkg" }];
    const onboarding = await subscribe(PKGM, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: receiver.url("/pkg/onboarding"), appPkgFilter: filter }, "AppPkgSubscriptionInfo");
    await subscribe(PKGM, { subscriptionType: "AppPackageChangeSubscription", callbackUri: receiver.url("/pkg/change"), appPkgFilter: filter }, "AppPkgSubscriptionInfo");
    await subscribe(PKGM, { subscriptionType: "AppPackageDeletionSubscription", callbackUri: receiver.url("/pkg/deletion"), appPkgFilter: filter }, "AppPkgSubscriptionInfo");
    await subscribe(PKGM, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: receiver.url("/pkg/other"), appPkgFilter: [{ appProvider: "someone else" }] }, "AppPkgSubscriptionInfo");
    const pkg = await onboard("notified-pkg");
    const self = pkg._links.self.href;
    expectStatus(await mano.as("PATCH", self, { operationalState: "DISABLED" }), 200);
    expectStatus(await mano.as("PATCH", self, { operationalState: "ENABLED" }), 200);
    expectStatus(await mano.as("PATCH", self, { operationalState: "DISABLED" }), 200);
    expectStatus(await mano.as("DELETE", self), 204);
    await receiver.waitFor(() => receiver.on("/pkg/deletion").length === 1 && receiver.on("/pkg/change").length === 3);
    const all = [...receiver.on("/pkg/onboarding"), ...receiver.on("/pkg/change"), ...receiver.on("/pkg/deletion")];
    for (const n of all) expectConforms("AppPkgNotification", n);
    expect(receiver.on("/pkg/onboarding")).toEqual([expect.objectContaining({
      notificationType: "AppPackageOnBoarded", subscriptionId: onboarding.id, appPkgId: pkg.id, appDId: "notified-pkg", operationalState: "ENABLED",
      _links: { subscription: { href: onboarding._links.self.href } },
    })]);
    expect(receiver.on("/pkg/change").map((n) => [n.notificationType, n.operationalState])).toEqual([
      ["AppPackageDisabled", "DISABLED"], ["AppPackageEnabled", "ENABLED"], ["AppPackageDisabled", "DISABLED"],
    ]);
    expect(receiver.on("/pkg/deletion")[0]).toMatchObject({ notificationType: "AppPackageDeleted", appPkgId: pkg.id });
    expect(receiver.on("/pkg/other")).toEqual([]);
  });

  test("an instance's life is told: identifier created, the operation occurrence's every state, the instance's state, identifier deleted", async () => {
    const created = await subscribe(LCM, { subscriptionType: "AppIdentifierCreationSubscription", callbackUri: receiver.url("/lcm/created"),
      appInstanceSubscriptionFilter: { appInstSelectorType: 3, appInstances: ["told-app"] } }, "AppInstIdCreationSubscriptionInfo");
    await subscribe(LCM, { subscriptionType: "AppIdentifierDeletionSubscription", callbackUri: receiver.url("/lcm/deleted") }, "AppInstIdDeletionSubscriptionInfo");
    await subscribe(LCM, { subscriptionType: "AppInstanceStateChangeSubscription", callbackUri: receiver.url("/lcm/state"),
      appInstanceSubscriptionFilter: { appInstSelectorType: 4, appsFromProviders: [{ appProvider: "mecaas" }] } }, "AppInstSubscriptionInfo");
    await subscribe(LCM, { subscriptionType: "AppInstanceStateChangeSubscription", callbackUri: receiver.url("/lcm/stopped"), appInstanceState: "STOPPED" }, "AppInstSubscriptionInfo");
    await subscribe(LCM, { subscriptionType: "AppLcmOpOccStateChangeSubscription", callbackUri: receiver.url("/lcm/occ") }, "AppLcmOpOccSubscriptionInfo");
    await subscribe(LCM, { subscriptionType: "AppLcmOpOccStateChangeSubscription", callbackUri: receiver.url("/lcm/occ-done"),
      appLcmOpOccSubscriptionFilter: { operationTypes: ["INSTANTIATE"], operationStates: "COMPLETED" } }, "AppLcmOpOccSubscriptionInfo");
    const list = await mano.as("GET", `${LCM}/subscriptions?subscriptiontype=AppLcmOpOccStateChangeSubscription`);
    expectConforms("AppInstanceSubscriptionLinkList", list.body);
    expect(list.body._links.subscriptions).toHaveLength(2);

    await onboard("told-app");
    const instance = (await mano.as("POST", `${LCM}/app_instances`, { appDId: "told-app" })).body;
    const instantiate = await mano.as("POST", `${instance._links.self.href}/instantiate`, host);
    await mano.opOccIn(instantiate.headers.get("location")!, ["COMPLETED"]);
    const terminate = await mano.as("POST", `${instance._links.self.href}/terminate`, { terminationType: "FORCEFUL" });
    await mano.opOccIn(terminate.headers.get("location")!, ["COMPLETED"]);
    expectStatus(await mano.as("DELETE", instance._links.self.href), 204);
    await receiver.waitFor(() => receiver.on("/lcm/deleted").length === 1 && receiver.on("/lcm/occ").length === 6 && receiver.on("/lcm/state").length === 2);

    const [creation] = receiver.on("/lcm/created");
    expectConforms("AppInstanceIdentifierCreationNotification", creation);
    expect(creation).toMatchObject({ subscriptionId: created.id, appInstanceId: instance.id, _links: { appInstance: { href: instance._links.self.href } } });
    expectConforms("AppInstanceIdentifierDeletionNotification", receiver.on("/lcm/deleted")[0]);
    const occs = receiver.on("/lcm/occ");
    for (const n of occs) expectConforms("AppLcmOpOccNotification", n);
    expect(occs.map((n) => `${n.operationType} ${n.operationState}`)).toEqual([
      "INSTANTIATE STARTING", "INSTANTIATE PROCESSING", "INSTANTIATE COMPLETED", "TERMINATE STARTING", "TERMINATE PROCESSING", "TERMINATE COMPLETED",
    ]);
    expect(occs[0]._links.appLcmOpOcc.href).toBe(instantiate.headers.get("location"));
    expect(receiver.on("/lcm/occ-done").map((n) => `${n.operationType} ${n.operationState}`)).toEqual(["INSTANTIATE COMPLETED"]);
    const states = receiver.on("/lcm/state");
    for (const n of states) expectConforms("AppInstNotification", n);
    expect(states.map((n) => n.appInstanceState)).toEqual(["STARTED", "NOT_INSTANTIATED"]);
    expect(states[0]).toMatchObject({ appInstanceId: instance.id, appPkgId: instance.appPkgId, appDId: "told-app" });
    expect(receiver.on("/lcm/stopped")).toEqual([]);
  });

  test("a receiver that fails is retried until it answers; notifications of one subscription arrive in order", async () => {
    await subscribe(PKGM, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: receiver.url("/retried"), appPkgFilter: [{ appDId: "retried-1" }, { appDId: "retried-2" }] }, "AppPkgSubscriptionInfo");
    receiver.failNext = 3;
    await onboard("retried-1");
    await onboard("retried-2");
    await receiver.waitFor(() => receiver.on("/retried").length === 2);
    expect(receiver.on("/retried").map((n) => n.appDId)).toEqual(["retried-1", "retried-2"]);
  });
});

describe("a subscriber that stays away", () => {
  test("keeps only the newest MANO_NOTIFICATION_QUEUE_LIMIT notifications pending; they arrive when it comes back", async () => {
    const port = await freePort();
    const absent = new Receiver();
    const mano = await Mano.start(manoEnv(new FakeHelm(), { MANO_NOTIFICATION_QUEUE_LIMIT: "2", MANO_NOTIFICATION_RETRY_BASE_MS: "20" }));
    try {
      const subscription = await mano.as("POST", `${PKGM}/subscriptions`, { subscriptionType: "AppPackageOnBoardingSubscription", callbackUri: `http://127.0.0.1:${port}/away` });
      expectStatus(subscription, 201);
      for (const n of [1, 2, 3, 4]) expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId: `queued-${n}` }))), 201);
      await absent.start(port);
      await absent.waitFor(() => absent.on("/away").length === 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(absent.on("/away").map((n) => n.appDId)).toEqual(["queued-3", "queued-4"]);
    } finally {
      await mano.close();
      await absent.stop();
    }
  });
});
