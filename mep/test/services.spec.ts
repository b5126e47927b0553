/** Service management (GS MEC 011 clauses 8.2.3-8.2.7): every method and status code, on SQLite and PostgreSQL. */
import { backends } from "./support/backends";
import { expectConforms, expectProblem, expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep } from "./support/mep";

const SM = "/mec_service_mgmt/v1";

describe.each(backends)("services on $name", (backend) => {
  let mep: Mep;
  let producer: string;
  let other: string;

  beforeAll(async () => {
    mep = await Mep.start(await backend.create());
    producer = await mep.createApp("producer-1");
    other = await mep.createApp("other-1");
  });
  afterAll(() => mep?.close());

  const register = async (serName: string, extra: Record<string, unknown> = {}) => {
    const response = await mep.request("POST", `${SM}/applications/producer-1/services`, { token: producer, body: serviceBody(serName, extra) });
    expectStatus(response, 201);
    return response;
  };

  test("POST registers a service: 201, Location, ETag, _links.self and the platform-assigned serInstanceId", async () => {
    const response = await register("rnis", { serInstanceId: "ignored-by-the-platform", _links: { self: { href: "http://x" } } });
    expectConforms("ServiceInfo", response.body);
    expect(response.body.serInstanceId).not.toBe("ignored-by-the-platform");
    expect(response.headers.get("location")).toBe(`http://mep.test${SM}/applications/producer-1/services/${response.body.serInstanceId}`);
    expect(response.body._links.self.href).toBe(response.headers.get("location"));
    expect(response.headers.get("etag")).toBe('"1"');
  });

  test("GET /services/{id} and the app-scoped GET return the registered service", async () => {
    const created = (await register("location")).body;
    const global = await mep.request("GET", `${SM}/services/${created.serInstanceId}`, { token: other });
    expectStatus(global, 200);
    expectConforms("ServiceInfo", global.body);
    expect(global.body.serName).toBe("location");
    const scoped = await mep.request("GET", `${SM}/applications/producer-1/services/${created.serInstanceId}`, { token: producer });
    expectStatus(scoped, 200);
    expect(scoped.body).toEqual(created);
  });

  test("GET /services filters by ser_name, ser_instance_id (repeated or comma-separated) and ser_category_id", async () => {
    const a = (await register("filter-a", { serCategory: { href: "http://cat/1", id: "cat-1", name: "RNI", version: "1" } })).body;
    const b = (await register("filter-b")).body;
    const byName = await mep.request("GET", `${SM}/services?ser_name=filter-a`, { token: other });
    expectStatus(byName, 200);
    expectConforms("ServiceInfo[]", byName.body);
    expect(byName.body.map((s: { serInstanceId: string }) => s.serInstanceId)).toEqual([a.serInstanceId]);
    const byIds = await mep.request("GET", `${SM}/services?ser_instance_id=${a.serInstanceId}&ser_instance_id=${b.serInstanceId}`, { token: other });
    expect(byIds.body).toHaveLength(2);
    const byCommaIds = await mep.request("GET", `${SM}/services?ser_instance_id=${a.serInstanceId},${b.serInstanceId}`, { token: other });
    expect(byCommaIds.body).toHaveLength(2);
    const byCategory = await mep.request("GET", `${SM}/services?ser_category_id=cat-1`, { token: other });
    expect(byCategory.body.map((s: { serName: string }) => s.serName)).toEqual(["filter-a"]);
  });

  test("GET /services filters by locality attributes, with their defaults when absent", async () => {
    await register("locality-system", { scopeOfLocality: "MEC_SYSTEM", consumedLocalOnly: false, isLocal: false });
    const system = await mep.request("GET", `${SM}/services?scope_of_locality=MEC_SYSTEM`, { token: other });
    expect(system.body.map((s: { serName: string }) => s.serName)).toEqual(["locality-system"]);
    const notLocalOnly = await mep.request("GET", `${SM}/services?consumed_local_only=false`, { token: other });
    expect(notLocalOnly.body.map((s: { serName: string }) => s.serName)).toEqual(["locality-system"]);
    const remote = await mep.request("GET", `${SM}/services?is_local=false`, { token: other });
    expect(remote.body.map((s: { serName: string }) => s.serName)).toEqual(["locality-system"]);
    const host = await mep.request("GET", `${SM}/services?scope_of_locality=MEC_HOST`, { token: other });
    expect(host.body.map((s: { serName: string }) => s.serName)).not.toContain("locality-system");
  });

  test("GET /services rejects conflicting filters, unknown parameters and bad enum values with 400", async () => {
    expectProblem(await mep.request("GET", `${SM}/services?ser_name=a&ser_category_id=b`, { token: other }), 400);
    expectProblem(await mep.request("GET", `${SM}/services?ser_name=a&ser_instance_id=b`, { token: other }), 400);
    expectProblem(await mep.request("GET", `${SM}/services?colour=blue`, { token: other }), 400);
    expectProblem(await mep.request("GET", `${SM}/services?scope_of_locality=MOON`, { token: other }), 400);
    expectProblem(await mep.request("GET", `${SM}/services?is_local=perhaps`, { token: other }), 400);
  });

  test("an over-long URI gets 414, also beyond the 16 KiB that Node parses; over-long header fields get 431", async () => {
    expectProblem(await mep.request("GET", `${SM}/services?ser_name=${"x".repeat(5000)}`, { token: other }), 414);
    expectProblem(await mep.request("GET", `${SM}/services?ser_name=${"x".repeat(20000)}`, { token: other }), 414);
    expectProblem(await mep.request("GET", `${SM}/services`, { token: other, headers: { "x-padding": "x".repeat(20000) } }), 431);
  });

  test("the app-scoped list shows only that app's services", async () => {
    const otherService = await mep.request("POST", `${SM}/applications/other-1/services`, { token: other, body: serviceBody("other-only") });
    expectStatus(otherService, 201);
    const list = await mep.request("GET", `${SM}/applications/producer-1/services`, { token: producer });
    expectStatus(list, 200);
    expectConforms("ServiceInfo[]", list.body);
    expect(list.body.map((s: { serName: string }) => s.serName)).not.toContain("other-only");
    expect(list.body.length).toBeGreaterThan(0);
  });

  test("POST with a platform transportId gets that transport's TransportInfo; an unknown one gets 400", async () => {
    const transports = await mep.request("GET", `${SM}/transports`, { token: producer });
    expectStatus(transports, 200);
    expectConforms("TransportInfo[]", transports.body);
    const { transportInfo: _t, ...withoutTransport } = serviceBody("via-platform");
    const created = await mep.request("POST", `${SM}/applications/producer-1/services`, { token: producer, body: { ...withoutTransport, transportId: transports.body[0].id } });
    expectStatus(created, 201);
    expect(created.body.transportInfo).toEqual(transports.body[0]);
    const unknown = await mep.request("POST", `${SM}/applications/producer-1/services`, { token: producer, body: { ...withoutTransport, transportId: "nope" } });
    expectProblem(unknown, 400);
  });

  test("POST rejects malformed bodies with 400: missing fields, both transportId and transportInfo, bad enums, bad JSON", async () => {
    const post = (body: unknown) => mep.request("POST", `${SM}/applications/producer-1/services`, { token: producer, body });
    expectProblem(await post({ serName: "x" }), 400);
    expectProblem(await post({ ...serviceBody("x"), transportId: "mep-rest-http" }), 400);
    expectProblem(await post(serviceBody("x", { serializer: "YAML" })), 400);
    expectProblem(await post(serviceBody("x", { state: "SUSPENDED" })), 400);
    expectProblem(await post(serviceBody("x", { version: 2 })), 400);
    expectProblem(await post(serviceBody("x", { consumedLocalOnly: "yes" })), 400);
    expectProblem(await mep.request("POST", `${SM}/applications/producer-1/services`, { token: producer, raw: "{not json", headers: { "content-type": "application/json" } }), 400);
  });

  test("PUT replaces a service and returns 200 with the new ETag; a stale If-Match gets 412", async () => {
    const created = await register("replace-me");
    const path = `${SM}/applications/producer-1/services/${created.body.serInstanceId}`;
    const replaced = await mep.request("PUT", path, {
      token: producer,
      headers: { "if-match": created.headers.get("etag")! },
      body: serviceBody("replace-me", { version: "2.0.0", serInstanceId: "path-wins" }),
    });
    expectStatus(replaced, 200);
    expectConforms("ServiceInfo", replaced.body);
    expect(replaced.body.version).toBe("2.0.0");
    expect(replaced.body.serInstanceId).toBe(created.body.serInstanceId);
    expect(replaced.headers.get("etag")).toBe('"2"');
    const stale = await mep.request("PUT", path, { token: producer, headers: { "if-match": created.headers.get("etag")! }, body: serviceBody("replace-me") });
    expectProblem(stale, 412);
    expect((await mep.request("GET", path, { token: producer })).body.version).toBe("2.0.0");
  });

  test("DELETE removes a service: 204, then 404; a stale If-Match gets 412", async () => {
    const created = await register("delete-me");
    const path = `${SM}/applications/producer-1/services/${created.body.serInstanceId}`;
    expectProblem(await mep.request("DELETE", path, { token: producer, headers: { "if-match": '"0"' } }), 412);
    const deleted = await mep.request("DELETE", path, { token: producer, headers: { "if-match": created.headers.get("etag")! } });
    expectStatus(deleted, 204);
    expect(deleted.text).toBe("");
    expectProblem(await mep.request("GET", path, { token: producer }), 404);
    expectProblem(await mep.request("GET", `${SM}/services/${created.body.serInstanceId}`, { token: producer }), 404);
    expectProblem(await mep.request("DELETE", path, { token: producer }), 404);
  });

  test("an app instance whose descriptor lists produced services may register only those (403 otherwise)", async () => {
    const token = await mep.createApp("narrow", { producedServices: ["allowed-service"] });
    expectStatus(await mep.request("POST", `${SM}/applications/narrow/services`, { token, body: serviceBody("allowed-service") }), 201);
    expectProblem(await mep.request("POST", `${SM}/applications/narrow/services`, { token, body: serviceBody("rnis") }), 403);
    const created = (await mep.request("POST", `${SM}/applications/narrow/services`, { token, body: serviceBody("allowed-service") })).body;
    expectProblem(await mep.request("PUT", `${SM}/applications/narrow/services/${created.serInstanceId}`, { token, body: serviceBody("rnis") }), 403);
  });

  test("unknown app instances and services get 404", async () => {
    const admin = await mep.adminToken();
    expectProblem(await mep.request("GET", `${SM}/applications/ghost/services`, { token: admin }), 404);
    expectProblem(await mep.request("POST", `${SM}/applications/ghost/services`, { token: admin, body: serviceBody("x") }), 404);
    expectProblem(await mep.request("GET", `${SM}/applications/producer-1/services/ghost`, { token: producer }), 404);
    expectProblem(await mep.request("GET", `${SM}/no/such/resource`, { token: producer }), 404);
  });

  test("unsupported methods get 405 with an Allow header", async () => {
    for (const [method, path] of [
      ["POST", `${SM}/services`], ["PUT", `${SM}/services`], ["PATCH", `${SM}/services`], ["DELETE", `${SM}/services`],
      ["PUT", `${SM}/services/x`], ["DELETE", `${SM}/services/x`], ["POST", `${SM}/services/x`],
      ["PUT", `${SM}/applications/producer-1/services`], ["DELETE", `${SM}/applications/producer-1/services`],
      ["POST", `${SM}/applications/producer-1/services/x`], ["PATCH", `${SM}/applications/producer-1/services/x`],
      ["POST", `${SM}/transports`], ["DELETE", `${SM}/transports`],
    ]) {
      const response = await mep.request(method, path, { token: producer });
      expectProblem(response, 405);
      expect(response.headers.get("allow")).toBeTruthy();
    }
  });

  test("requests without a valid token get 401; an app acting on another app's resources gets 403", async () => {
    expectProblem(await mep.request("GET", `${SM}/services`), 401);
    expectProblem(await mep.request("GET", `${SM}/services`, { token: "not.a.token" }), 401);
    const response = await mep.request("POST", `${SM}/applications/producer-1/services`, { token: other, body: serviceBody("hijack") });
    expectProblem(response, 403);
    expectProblem(await mep.request("GET", `${SM}/applications/producer-1/services`, { token: other }), 403);
  });
});
