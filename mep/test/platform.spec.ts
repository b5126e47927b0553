/** The platform side: management API, OAuth2 token endpoint, operations endpoints, limits, HTTPS, configuration errors. */
import { execFileSync } from "child_process";
import { writeFileSync } from "fs";
import { request as httpsRequest } from "https";
import { join } from "path";
import { ConfigError, loadConfig } from "../src/config";
import { backends } from "./support/backends";
import { expectConforms, expectProblem, expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { ADMIN, Mep, testEnv } from "./support/mep";
import { scratchDir } from "./support/scratch";

const MGMT = "/mecaas_mgmt/v1";
const SM = "/mec_service_mgmt/v1";
const AS = "/mec_app_support/v1";

describe.each(backends)("management API on $name", (backend) => {
  let mep: Mep;
  let admin: string;

  beforeAll(async () => {
    mep = await Mep.start(await backend.create(), { MEP_BODY_LIMIT_BYTES: "4096" });
    admin = await mep.adminToken();
  });
  afterAll(() => mep?.close());

  const put = (id: string, body: Record<string, unknown>, token = admin) => mep.request("PUT", `${MGMT}/app_instances/${id}`, { token, body });

  test("PUT creates an app instance (201 + Location) and is idempotent afterwards (200); GET lists and reads", async () => {
    const body = { appName: "one", appProvider: "ACME", appDId: "d-1", clientSecret: "first-secret-0123456789", requiredServices: ["rnis"] };
    const created = await put("mgmt-1", body);
    expectStatus(created, 201);
    expectConforms("AppInstance", created.body);
    expect(created.headers.get("location")).toBe(`http://mep.test${MGMT}/app_instances/mgmt-1`);
    const again = await put("mgmt-1", { ...body, appName: "one, renamed" });
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ appInstanceId: "mgmt-1", appName: "one, renamed", requiredServices: ["rnis"], state: "INSTANTIATED" });
    const list = await mep.request("GET", `${MGMT}/app_instances`, { token: admin });
    expectConforms("AppInstance[]", list.body);
    expect(list.body.map((a: { appInstanceId: string }) => a.appInstanceId)).toContain("mgmt-1");
    expect((await mep.request("GET", `${MGMT}/app_instances/mgmt-1`, { token: admin })).body.appName).toBe("one, renamed");
    expectProblem(await mep.request("GET", `${MGMT}/app_instances/ghost`, { token: admin }), 404);
  });

  test("PUT replaces the client secret: the old one no longer gets a token", async () => {
    await put("rotating", { appName: "r", clientSecret: "old-secret-0123456789" });
    await mep.token("rotating", "old-secret-0123456789");
    await put("rotating", { appName: "r", clientSecret: "new-secret-0123456789" });
    await expect(mep.token("rotating", "old-secret-0123456789")).rejects.toThrow(/invalid_client/);
    await mep.token("rotating", "new-secret-0123456789");
  });

  test("DELETE removes the app instance with its services, subscriptions and rules (204, then 404)", async () => {
    const token = await mep.createApp("doomed", {
      appDnsRule: [{ dnsRuleId: "d", domainName: "x.example", ipAddressType: "IP_V4", ipAddress: "10.0.0.1", state: "ACTIVE" }],
    });
    const service = await mep.request("POST", `${SM}/applications/doomed/services`, { token, body: serviceBody("doomed-service") });
    expectStatus(service, 201);
    expectStatus(await mep.request("DELETE", `${MGMT}/app_instances/doomed`, { token: admin }), 204);
    expectProblem(await mep.request("GET", `${MGMT}/app_instances/doomed`, { token: admin }), 404);
    expectProblem(await mep.request("GET", `${SM}/services/${service.body.serInstanceId}`, { token: admin }), 404);
    expectProblem(await mep.request("GET", `${AS}/applications/doomed/dns_rules`, { token: admin }), 404);
    expectProblem(await mep.request("DELETE", `${MGMT}/app_instances/doomed`, { token: admin }), 404);
  });

  test("the management API needs the admin credential (401 without a token, 403 with an app's)", async () => {
    const appToken = await mep.createApp("nosy");
    expectProblem(await mep.request("GET", `${MGMT}/app_instances`), 401);
    expectProblem(await mep.request("GET", `${MGMT}/app_instances`, { token: appToken }), 403);
    expectProblem(await put("nosy", { appName: "x", clientSecret: "0123456789abcdef" }, appToken), 403);
    expectProblem(await put("bad", { appName: "x", clientSecret: "short" }), 400);
  });

  test("the token endpoint: client credentials by Basic or form; wrong secrets, unknown clients and grants are refused", async () => {
    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      mep.request("POST", "/oauth/token", { raw: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
    const basic = await form({ grant_type: "client_credentials" }, { authorization: `Basic ${Buffer.from(`${ADMIN.id}:${ADMIN.secret}`).toString("base64")}` });
    expectStatus(basic, 200);
    expectConforms("TokenResponse", basic.body);
    expect(basic.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(basic.headers.get("cache-control")).toBe("no-store");
    expect((await form({ grant_type: "client_credentials", client_id: ADMIN.id, client_secret: "wrong" })).status).toBe(401);
    expect((await form({ grant_type: "client_credentials", client_id: "nobody", client_secret: "whatever" })).status).toBe(401);
    expect((await form({ grant_type: "client_credentials" })).status).toBe(401);
    const grant = await form({ grant_type: "password", client_id: ADMIN.id, client_secret: ADMIN.secret });
    expect(grant.status).toBe(400);
    expectConforms("OAuthError", grant.body);
    expect(grant.body.error).toBe("unsupported_grant_type");
  });

  test("expired tokens and tokens signed with another key are refused", async () => {
    const { TokenService } = await import("../src/auth/tokens");
    const expired = new TokenService(mep.config.tokenSigningKey, 60).issue({ clientId: ADMIN.id, admin: true }, Date.now() - 3600_000);
    expectProblem(await mep.request("GET", `${MGMT}/app_instances`, { token: expired }), 401);
    const forged = new TokenService("another-key-another-key-another-key", 60).issue({ clientId: ADMIN.id, admin: true });
    expectProblem(await mep.request("GET", `${MGMT}/app_instances`, { token: forged }), 401);
  });

  test("bodies over MEP_BODY_LIMIT_BYTES get 413; unsupported media types get 415", async () => {
    const token = await mep.createApp("bulky");
    const huge = serviceBody("huge", { version: "x".repeat(5000) });
    expectProblem(await mep.request("POST", `${SM}/applications/bulky/services`, { token, body: huge }), 413);
    expectProblem(await mep.request("POST", `${SM}/applications/bulky/services`, { token, raw: "<xml/>", headers: { "content-type": "application/xml" } }), 415);
  });

  test("every secured operation of the OpenAPI document answers 401 ProblemDetails without a token", async () => {
    const doc = (await mep.request("GET", "/openapi.json")).body;
    let checked = 0;
    for (const [path, operations] of Object.entries<Record<string, { security: unknown[] }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security.length) continue;
        expectProblem(await mep.request(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "probe")), 401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(35);
  });

  test("every path of the OpenAPI document answers 405 with Allow for the methods it does not document", async () => {
    const doc = (await mep.request("GET", "/openapi.json")).body;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      const documented = Object.keys(operations).map((m) => m.toUpperCase());
      for (const method of ["GET", "PUT", "POST", "PATCH", "DELETE"].filter((m) => !documented.includes(m))) {
        const response = await mep.request(method, path.replace(/\{[^}]+\}/g, "probe"), { token: admin });
        expectProblem(response, 405);
        expect(response.headers.get("allow")!.split(", ").sort()).toEqual(documented.sort());
      }
    }
  });

  test("operations: health, readiness, Prometheus metrics and the OpenAPI document", async () => {
    expectStatus(await mep.request("GET", "/healthz"), 200);
    expect((await mep.request("GET", "/readyz")).body).toEqual({ status: "ready" });
    const metrics = await mep.request("GET", "/metrics");
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/mep_http_request_duration_seconds_bucket/);
    const doc = (await mep.request("GET", "/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      `${SM}/services`, `${SM}/services/{serviceId}`, `${SM}/applications/{appInstanceId}/services/{serviceId}/liveness`,
      `${AS}/applications/{appInstanceId}/confirm_termination`, `${AS}/timing/current_time`, "/mec_app_support/v2/registrations",
      `${MGMT}/app_instances/{appInstanceId}/terminate`, "/oauth/token",
    ]));
    expect(doc.paths[`${SM}/services`].get.responses["200"].content["application/json"].schema.items.$ref).toBe("#/components/schemas/ServiceInfo");
    expect(doc.components.schemas.ServiceInfo).toBeDefined();
  });
});

describe("HTTPS and configuration", () => {
  test("with MEP_TLS_CERT_FILE and MEP_TLS_KEY_FILE the MEP serves HTTPS", async () => {
    const dir = scratchDir("tls");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    const mep = await Mep.start(await backends[0].create(), { MEP_TLS_CERT_FILE: join(dir, "cert.pem"), MEP_TLS_KEY_FILE: join(dir, "key.pem") });
    try {
      expect(mep.url).toMatch(/^https:/);
      const { status, headerNames } = await new Promise<{ status: number; headerNames: string[] }>((resolve, reject) => {
        httpsRequest(`${mep.url}/healthz`, { rejectUnauthorized: false }, (res) => resolve({ status: res.statusCode!, headerNames: res.rawHeaders.filter((_v, i) => i % 2 === 0) }))
          .on("error", reject).end();
      });
      expect(status).toBe(200);
      // Header names keep their usual capitalization over HTTPS too (see client-compatibility.spec.ts).
      expect(headerNames).toEqual(expect.arrayContaining(["Content-Type", "Content-Length"]));
    } finally {
      await mep.close();
    }
  });

  test("MEP_TRANSPORTS_FILE sets the transport registry and MEP_NTP_SERVERS the timing capabilities; a bad file is refused", async () => {
    const dir = scratchDir("transports");
    const transport = {
      id: "mqtt-broker", name: "edge MQTT", type: "MB_TOPIC_BASED", protocol: "MQTT", version: "3.1.1",
      endpoint: { addresses: [{ host: "broker.edge", port: 1883 }] }, security: {},
    };
    writeFileSync(join(dir, "transports.json"), JSON.stringify([transport]));
    const mep = await Mep.start(await backends[0].create(), { MEP_TRANSPORTS_FILE: join(dir, "transports.json"), MEP_NTP_SERVERS: "192.0.2.123,ntp.example" });
    try {
      const token = await mep.createApp("timekeeper");
      expect((await mep.request("GET", `${SM}/transports`, { token })).body).toEqual([transport]);
      const caps = await mep.request("GET", `${AS}/timing/timing_caps`, { token });
      expectConforms("TimingCaps", caps.body);
      expect(caps.body.ntpServers.map((s: { ntpServerAddrType: string; ntpServerAddr: string }) => [s.ntpServerAddrType, s.ntpServerAddr]))
        .toEqual([["IP_ADDRESS", "192.0.2.123"], ["DNS_NAME", "ntp.example"]]);
    } finally {
      await mep.close();
    }
    writeFileSync(join(dir, "bad.json"), JSON.stringify([{ id: "x" }]));
    await expect(Mep.start(await backends[0].create(), { MEP_TRANSPORTS_FILE: join(dir, "bad.json") })).rejects.toThrow(/MEP_TRANSPORTS_FILE=.*entry 0 is not a valid TransportInfo/);
  });

  test("missing or invalid settings fail with a message naming the variable and the fix", () => {
    const base = testEnv({ sqlitePath: "x.db" });
    const failure = (env: Record<string, string | undefined>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(failure({ ...base, MEP_ADMIN_CLIENT_SECRET: undefined })).toMatch(/^MEP_ADMIN_CLIENT_SECRET is required: set/);
    expect(failure({ ...base, MEP_TOKEN_SIGNING_KEY: "short" })).toMatch(/MEP_TOKEN_SIGNING_KEY is too short/);
    expect(failure({ ...base, MEP_LISTEN_PORT: "http" })).toMatch(/MEP_LISTEN_PORT="http" is invalid: set an integer from 0 to 65535/);
    expect(failure({ ...base, MEP_DATABASE_URL: "mysql://x" })).toMatch(/MEP_DATABASE_URL must start with postgres/);
    expect(failure({ ...base, MEP_TLS_CERT_FILE: "/c.pem" })).toMatch(/MEP_TLS_CERT_FILE and MEP_TLS_KEY_FILE must be set together/);
    expect(failure({ ...base, MEP_CLUSTER_CIDRS: "10.42.0.0/16,10.43.0.0/33" })).toMatch(/MEP_CLUSTER_CIDRS entry "10.43.0.0\/33" is not a CIDR/);
    expect(loadConfig({ ...base, MEP_CLUSTER_CIDRS: "" }).clusterCidrs).toEqual([]);
    expect(loadConfig(base)).toMatchObject({ listenHost: "0.0.0.0", listenPort: 8080, apiRoot: "http://localhost:8080", maxSubscriptionsPerApp: 100, clusterCidrs: ["10.42.0.0/16", "10.43.0.0/16"] });
  });
});
