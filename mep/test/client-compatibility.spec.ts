/**
 * What third-party Mp1 clients send and how they read answers, on the raw wire (node:http, headers exactly as
 * given): body-less requests whatever their Content-Type, JSON under wildcard, missing or parameterized content
 * types, non-JSON refused with 415, and response header names in their usual capitalization everywhere.
 * Parsing and response heads do not depend on the database, so this runs on SQLite only.
 */
import { backends } from "./support/backends";
import { expectConforms } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { ADMIN, Mep } from "./support/mep";
import { rawRequest, type RawResponse } from "./support/raw-http";

const SM = "/mec_service_mgmt/v1";
const AS = "/mec_app_support/v1";
const MGMT = "/mecaas_mgmt/v1";

/** The content types clients were seen sending on requests that carry no body. */
const BODYLESS_CONTENT_TYPES = ["*/*", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"];

function expectStatus(response: RawResponse, status: number) {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
}

function expectProblem(response: RawResponse, status: number, detail?: RegExp) {
  expectStatus(response, status);
  expect(response.headers["Content-Type"]).toMatch(/^application\/problem\+json/);
  expectConforms("ProblemDetails", response.body);
  if (detail) expect(response.body.detail).toMatch(detail);
}

describe("requests as third-party Mp1 clients send them", () => {
  let mep: Mep;
  let token: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    mep = await Mep.start(await backends[0].create());
    token = await mep.createApp("client-app");
    auth = { authorization: `Bearer ${token}` };
  });
  afterAll(() => mep?.close());

  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    rawRequest(`${mep.url}${path}`, method, { ...auth, ...headers }, body);
  const register = async (serName: string, extra: Record<string, unknown> = {}) => {
    const response = await call("POST", `${SM}/applications/client-app/services`, { "Content-Type": "application/json" }, JSON.stringify(serviceBody(serName, extra)));
    expectStatus(response, 201);
    return response.body;
  };
  const subscribe = async (root: string, subscriptionType: string) => {
    const response = await call("POST", `${root}/applications/client-app/subscriptions`, { "Content-Type": "application/json" },
      JSON.stringify({ subscriptionType, callbackReference: "http://127.0.0.1:9/cb", appInstanceId: "client-app" }));
    expectStatus(response, 201);
    return response.headers.Location.replace(mep.config.apiRoot, "");
  };

  test.each(BODYLESS_CONTENT_TYPES)("DELETE with Content-Type %s and Content-Length 0 succeeds on both roots and the management API", async (contentType) => {
    const headers = { "Content-Type": contentType, "Content-Length": "0" };
    const service = await register(`doomed-${contentType}`);
    expectStatus(await call("DELETE", `${SM}/applications/client-app/services/${service.serInstanceId}`, headers), 204);
    expectStatus(await call("DELETE", await subscribe(SM, "SerAvailabilityNotificationSubscription"), headers), 204);
    expectStatus(await call("DELETE", await subscribe(AS, "AppTerminationNotificationSubscription"), headers), 204);
    const admin = { authorization: `Bearer ${await mep.adminToken()}` };
    await mep.createApp("short-lived");
    expectStatus(await rawRequest(`${mep.url}${MGMT}/app_instances/short-lived`, "DELETE", { ...admin, ...headers }), 204);
  });

  test("DELETE with a Content-Type and no Content-Length at all succeeds too", async () => {
    const service = await register("doomed-without-length");
    expectStatus(await call("DELETE", `${SM}/applications/client-app/services/${service.serInstanceId}`, { "Content-Type": "*/*" }), 204);
  });

  test("JSON bodies are accepted under */*, without a Content-Type, and with parameters or a +json type", async () => {
    const post = (contentType: string | undefined, serName: string) =>
      call("POST", `${SM}/applications/client-app/services`, contentType === undefined ? {} : { "Content-Type": contentType }, JSON.stringify(serviceBody(serName)));
    for (const [contentType, serName] of [["*/*", "wild"], [undefined, "undeclared"], ["application/json;charset=UTF-8", "parameterized"], ["application/*", "half-wild"], ["application/vnd.etsi.mec+json", "suffixed"]] as const) {
      const response = await post(contentType, serName);
      expectStatus(response, 201);
      expect([contentType, response.body.serName]).toEqual([contentType, serName]);
    }
  });

  test("the liveness heartbeat under */* answers 200 with the updated ServiceLivenessInfo and its ETag", async () => {
    const service = await register("beating", { livenessInterval: 30 });
    const livenessPath = mep.local(service._links.liveness.href).replace(mep.url, "");
    const before = await call("GET", livenessPath);
    for (const contentType of ["*/*", "application/merge-patch+json; charset=utf-8", "application/json"]) {
      const beat = await call("PATCH", livenessPath, { "Content-Type": contentType }, JSON.stringify({ state: "ACTIVE" }));
      expectStatus(beat, 200);
      expectConforms("ServiceLivenessInfo", beat.body);
      expect(beat.body).toMatchObject({ state: "ACTIVE", interval: 30 });
      expect(beat.headers.ETag).toBe((await call("GET", livenessPath)).headers.ETag);
    }
    expect(Number(before.headers.ETag.replace(/"/g, ""))).toBeLessThan(Number((await call("GET", livenessPath)).headers.ETag.replace(/"/g, "")));
  });

  test("non-JSON bodies are refused with a 415 ProblemDetails that says what to send; malformed JSON is a 400", async () => {
    const path = `${SM}/applications/client-app/services`;
    expectProblem(await call("POST", path, { "Content-Type": "application/xml" }, "<serviceInfo/>"), 415, /application\/xml is not supported: send application\/json/);
    expectProblem(await call("POST", path, { "Content-Type": "text/plain" }, JSON.stringify(serviceBody("as-text"))), 415, /text\/plain is not supported/);
    expectProblem(await call("POST", path, { "Content-Type": "*/*" }, "<serviceInfo/>"), 415, /not JSON: send application\/json/);
    expectProblem(await call("POST", path, {}, "serName=x"), 415, /Content-Type not given\) is not JSON/);
    expectProblem(await call("POST", path, { "Content-Type": "application/json" }, '{"serName": '), 400);
    // A POST whose body the route needs, sent empty, is a malformed request, not a parsing failure.
    expectProblem(await call("POST", path, { "Content-Type": "application/json", "Content-Length": "0" }), 400, /body/);
  });

  test("the token endpoint still takes forms, and refuses JSON with an OAuth error", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: ADMIN.id, client_secret: ADMIN.secret }).toString();
    expectStatus(await rawRequest(`${mep.url}/oauth/token`, "POST", { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" }, form), 200);
    const json = await rawRequest(`${mep.url}/oauth/token`, "POST", { "Content-Type": "text/xml" }, "<x/>");
    expectStatus(json, 400);
    expect(json.body.error).toBe("invalid_request");
  });

  describe("response header names on the wire", () => {
    /** Every name as servers usually spell it: each word capitalized, ETag and WWW-Authenticate as such. */
    const USUAL = /^(ETag|WWW-Authenticate|[A-Z][a-z]*(-[A-Z][a-z]*)*)$/;
    const expectUsualNames = (response: RawResponse, ...required: string[]) => {
      expect(response.headerNames.filter((name) => !USUAL.test(name))).toEqual([]);
      expect(response.headerNames).toEqual(expect.arrayContaining(["Content-Type", ...required]));
    };

    test("Mp1 service management: 201 with Location and ETag, reads with ETag, lists, errors with Allow", async () => {
      const created = await call("POST", `${SM}/applications/client-app/services`, { "Content-Type": "application/json" }, JSON.stringify(serviceBody("spelled")));
      expectUsualNames(created, "Location", "ETag", "Content-Length");
      expectUsualNames(await call("GET", `${SM}/services/${created.body.serInstanceId}`), "ETag");
      expectUsualNames(await call("GET", `${SM}/services?ser_name=spelled`), "Content-Length");
      expectUsualNames(await call("GET", `${SM}/transports`));
      expectUsualNames(await call("PATCH", `${SM}/services`), "Allow");
      expectUsualNames(await call("GET", `${SM}/services/ghost`));
    });

    test("Mp1 app support, the 3.x registrations, the management API, the token endpoint and operations", async () => {
      expectUsualNames(await call("POST", `${AS}/applications/client-app/subscriptions`, { "Content-Type": "application/json" },
        JSON.stringify({ subscriptionType: "AppTerminationNotificationSubscription", callbackReference: "http://127.0.0.1:9/cb", appInstanceId: "client-app" })), "Location");
      expectUsualNames(await call("GET", `${AS}/timing/current_time`));
      expectUsualNames(await call("POST", "/mec_app_support/v2/registrations", { "Content-Type": "application/json" }, JSON.stringify({ appName: "client" })), "Location");
      const admin = { authorization: `Bearer ${await mep.adminToken()}` };
      expectUsualNames(await rawRequest(`${mep.url}${MGMT}/app_instances/spelled-app`, "PUT", { ...admin, "Content-Type": "application/json" },
        JSON.stringify({ appName: "spelled", clientSecret: "spelled-secret-0123456789" })), "Location");
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: ADMIN.id, client_secret: ADMIN.secret }).toString();
      expectUsualNames(await rawRequest(`${mep.url}/oauth/token`, "POST", { "Content-Type": "application/x-www-form-urlencoded" }, form), "Cache-Control");
      expectUsualNames(await rawRequest(`${mep.url}/oauth/token`, "POST", { "Content-Type": "application/x-www-form-urlencoded" }, "grant_type=client_credentials"), "WWW-Authenticate", "Cache-Control");
      for (const path of ["/healthz", "/readyz", "/metrics", "/openapi.json"]) expectUsualNames(await rawRequest(`${mep.url}${path}`, "GET", {}));
    });

    test("errors: 401 with WWW-Authenticate, 404, 415, 413, and the 414 Node refuses before Fastify", async () => {
      expectUsualNames(await rawRequest(`${mep.url}${SM}/services`, "GET", {}), "WWW-Authenticate");
      expectUsualNames(await rawRequest(`${mep.url}/nowhere`, "GET", {}));
      expectUsualNames(await call("POST", `${SM}/applications/client-app/services`, { "Content-Type": "application/xml" }, "<x/>"), "Connection");
      expectUsualNames(await call("POST", `${SM}/applications/client-app/services`, { "Content-Type": "application/json" }, JSON.stringify(serviceBody("big", { version: "x".repeat(2 * 2 ** 20) }))));
      expectUsualNames(await rawRequest(`${mep.url}/${"x".repeat(20000)}`, "GET", {}));
    });
  });
});
