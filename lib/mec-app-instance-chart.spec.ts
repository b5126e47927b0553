/**
 * The registration jobs of charts/mec-app-instance, run for real: the scripts and request body the chart renders
 * are executed with a POSIX shell (dash) and curl against a stand-in MEP that speaks the management API contract
 * (OAuth2 client credentials with HTTP Basic, then PUT/DELETE /mecaas_mgmt/v1/app_instances/{id} with the bearer
 * token), over HTTP and over HTTPS with a private CA.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from "http";
import { createServer as createHttpsServer } from "https";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { projectChartDir } from "./helm-chart-source";
import { findManifest, lintChart, renderChart, renderChartFailure } from "../test/support/helm";
import { validateManifests } from "../test/support/kubernetes-schema";
import { HookRun, runHookJob } from "./testing/hook-jobs";

jest.setTimeout(60_000); // the jobs run as real processes (dash, curl, openssl); machines here are shared

const CHART = projectChartDir("mec-app-instance");
const ID = "3d7c1f0e-5b2a-4c8d-9e6f-1a2b3c4d5e6f";
const ADMIN = { id: "mecaas-admin", secret: "adminSecret0123456789abcdefABCDEF" };
const TOKEN = "tok-7f3e9a";

function values(mepUrl: string, extra: Record<string, unknown> = {}): any {
  return {
    mep: { url: mepUrl, adminSecret: { name: "mep-auth" }, ...extra },
    appInstance: {
      id: ID,
      appName: "Video Analytics",
      appProvider: "ACME Edge",
      appDId: "7c3f5a52-3b1d-4b8e-9d55-2f0c6f1e9a01",
      clientSecret: "Zq8xY2vB7nM4kL1pR6tW9sD3fG5hJ0aC",
      requiredServices: ["RNIS"],
      appDnsRule: [{ dnsRuleId: "d1", domainName: "video.mec.example.net", ipAddressType: "IP_V4", ipAddress: "10.20.0.15", state: "ACTIVE" }],
      appTrafficRule: [],
    },
  };
}

interface StandInMep {
  url: string;
  instances: Map<string, any>;
  calls: string[];
  /** Answer the next PUT with this status and body instead. */
  failNextPut?: { status: number; body: object };
  close(): Promise<void>;
}

/** A stand-in for the MEP's management API, with the behaviour the contract gives it. */
async function startMep(tls?: { key: string; cert: string }): Promise<StandInMep> {
  const mep: StandInMep = { url: "", instances: new Map(), calls: [], close: async () => undefined };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    mep.calls.push(`${req.method} ${req.url}`);
    const reply = (status: number, json?: object) => {
      res.writeHead(status, json ? { "content-type": "application/json" } : {});
      res.end(json ? JSON.stringify(json) : undefined);
    };
    if (req.method === "POST" && req.url === "/oauth/token") {
      const basic = `Basic ${Buffer.from(`${ADMIN.id}:${ADMIN.secret}`).toString("base64")}`;
      if (req.headers.authorization !== basic) return reply(401, { status: 401, detail: "bad client credentials" });
      if (new URLSearchParams(body).get("grant_type") !== "client_credentials") return reply(400, { status: 400 });
      return reply(200, { access_token: TOKEN, token_type: "Bearer", expires_in: 300 });
    }
    const m = /^\/mecaas_mgmt\/v1\/app_instances\/([^/]+)$/.exec(req.url ?? "");
    if (!m) return reply(404, { status: 404 });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { status: 401 });
    if (req.method === "PUT") {
      if (mep.failNextPut) {
        const f = mep.failNextPut;
        mep.failNextPut = undefined;
        return reply(f.status, f.body);
      }
      if (req.headers["content-type"] !== "application/json") return reply(415, { status: 415 });
      const existed = mep.instances.has(m[1]);
      mep.instances.set(m[1], JSON.parse(body));
      return reply(existed ? 200 : 201, { appInstanceId: m[1] });
    }
    if (req.method === "DELETE") {
      if (!mep.instances.delete(m[1])) return reply(404, { status: 404, detail: "no such app instance" });
      return reply(204);
    }
    return reply(405, { status: 405 });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  mep.url = `${tls ? "https://localhost" : "http://127.0.0.1"}:${port}`;
  mep.close = () => new Promise((resolve) => server.close(() => resolve()));
  return mep;
}

/** Renders the chart for `mepUrl` and runs one of its jobs against it. */
function runJob(job: "register" | "deregister", mepUrl: string, opts: { adminSecret?: string; caFile?: string } = {}): Promise<HookRun> {
  const manifests = renderChart(CHART, values(mepUrl), { releaseName: "video", namespace: "mec-platform" });
  return runHookJob(manifests, job, { adminClientId: ADMIN.id, adminClientSecret: opts.adminSecret ?? ADMIN.secret, caFile: opts.caFile });
}

describe("charts/mec-app-instance", () => {
  describe("renders", () => {
    test("helm lint --strict passes with the values MecAppCnf gives", () => {
      const result = lintChart(CHART, values("http://mep.mec-platform.svc:8080"));
      expect([result.ok, result.stderr]).toEqual([true, ""]);
    });

    test("valid Kubernetes objects, jobs meeting the restricted Pod Security Standard", () => {
      const manifests = renderChart(CHART, values("https://mep.mec-platform.svc:8443", { caConfigMap: "mep-ca" }), { namespace: "mec-platform" });
      expect(validateManifests(manifests)).toEqual([]);
      for (const name of ["test-register", "test-deregister"]) {
        const pod = findManifest(manifests, "Job", name).spec.template.spec;
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(pod.containers[0].securityContext).toEqual({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        });
        expect(pod.containers[0].env).toContainEqual({ name: "MEP_CA_FILE", value: "/etc/mecaas/mep-ca/ca.crt" });
      }
    });

    test("only the registration job can read the request body (it holds the app's client secret)", () => {
      const manifests = renderChart(CHART, values("http://mep:8080"));
      const volumes = (job: string) => findManifest(manifests, "Job", job).spec.template.spec.volumes.map((v: any) => v.name);
      expect(volumes("test-register")).toContain("request");
      expect(volumes("test-deregister")).not.toContain("request");
    });

    test.each<[string, (v: any) => void, RegExp]>([
      ["no MEP URL", (v) => (v.mep.url = ""), /at '\/mep\/url': '' does not match pattern/],
      ["an app instance id that is no UUID", (v) => (v.appInstance.id = "video"), /at '\/appInstance\/id': 'video' does not match pattern/],
      ["a short client secret", (v) => (v.appInstance.clientSecret = "short"), /at '\/appInstance\/clientSecret': minLength/],
      ["a traffic rule without state", (v) => (v.appInstance.appTrafficRule = [{ trafficRuleId: "r", filterType: "FLOW", priority: 1, action: "DROP", trafficFilter: [{ tag: ["x"] }] }]), /at '\/appInstance\/appTrafficRule\/0': missing property 'state'/],
      ["a misspelt value", (v) => (v.mep.adminSecretName = "x"), /additional propert(y|ies) 'adminSecretName' not allowed/],
    ])("refuses %s", (_name, change, message) => {
      const v = values("http://mep:8080");
      change(v);
      expect(renderChartFailure(CHART, v)).toMatch(message);
    });

    test("its scripts pass shellcheck", () => {
      const files = ["common.sh", "register.sh", "deregister.sh"].map((f) => join(CHART, "files", f));
      const result = spawnSync("shellcheck", ["-s", "sh", "-x", "-P", "SCRIPTDIR", ...files], { encoding: "utf8" });
      expect([result.status, result.stdout]).toEqual([0, ""]);
    });
  });

  describe("its jobs against a MEP over HTTP", () => {
    let mep: StandInMep;
    beforeEach(async () => {
      mep = await startMep();
    });
    afterEach(() => mep.close());

    test("register PUTs the request body with an admin token: 201, then 200 on a re-run (idempotent)", async () => {
      const first = await runJob("register", mep.url);
      expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining(`app instance ${ID} registered`) });
      expect(first.stdout).toContain("HTTP 201");
      expect(mep.instances.get(ID)).toEqual({
        appName: "Video Analytics",
        appProvider: "ACME Edge",
        appDId: "7c3f5a52-3b1d-4b8e-9d55-2f0c6f1e9a01",
        clientSecret: "Zq8xY2vB7nM4kL1pR6tW9sD3fG5hJ0aC",
        requiredServices: ["RNIS"],
        appDnsRule: values("").appInstance.appDnsRule,
      });
      const second = await runJob("register", mep.url);
      expect([second.code, second.stdout]).toEqual([0, expect.stringContaining("HTTP 200")]);
      expect(mep.calls).toEqual([
        "POST /oauth/token", `PUT /mecaas_mgmt/v1/app_instances/${ID}`,
        "POST /oauth/token", `PUT /mecaas_mgmt/v1/app_instances/${ID}`,
      ]);
    });

    test("register fails, with the MEP's problem details, when the MEP refuses the instance", async () => {
      mep.failNextPut = { status: 400, body: { status: 400, detail: "appTrafficRule[0].priority must be <= 255" } };
      const run = await runJob("register", mep.url);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("failed with HTTP 400");
      expect(run.stderr).toContain("priority must be <= 255");
    });

    test("a wrong admin credential fails the job with a message saying so", async () => {
      const run = await runJob("register", mep.url, { adminSecret: "wrong" });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("could not get an admin token");
      expect(mep.instances.size).toBe(0);
    });

    test("deregister DELETEs the instance: 204, and a second run (404) still succeeds", async () => {
      await runJob("register", mep.url);
      const first = await runJob("deregister", mep.url);
      expect([first.code, first.stdout]).toEqual([0, expect.stringContaining("HTTP 204")]);
      expect(mep.instances.has(ID)).toBe(false);
      const second = await runJob("deregister", mep.url);
      expect([second.code, second.stdout]).toEqual([0, expect.stringContaining("HTTP 404")]);
    });
  });

  describe("its jobs against a MEP over HTTPS: TLS is verified", () => {
    let dir: string;
    let mep: StandInMep;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "mecaas-ca-"));
      const ssl = (args: string[]) => {
        const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
      };
      ssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=test CA", "-keyout", "ca.key", "-out", "ca.crt"]);
      ssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-keyout", "mep.key", "-out", "mep.csr"]);
      writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost\n");
      ssl(["x509", "-req", "-in", "mep.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "mep.crt"]);
      mep = await startMep({ key: readFileSync(join(dir, "mep.key"), "utf8"), cert: readFileSync(join(dir, "mep.crt"), "utf8") });
    });
    afterAll(async () => {
      await mep.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test("with the MEP's CA, registration succeeds", async () => {
      const run = await runJob("register", mep.url, { caFile: join(dir, "ca.crt") });
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(mep.instances.has(ID)).toBe(true);
    });

    test("without it, curl refuses the unknown certificate and nothing reaches the MEP", async () => {
      const calls = mep.calls.length;
      const run = await runJob("register", mep.url);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/certificate/i);
      expect(mep.calls.length).toBe(calls);
    });
  });
});
