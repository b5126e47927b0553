/**
 * MecPlatformCnf and MecAppCnf against the real MEP (mep/src), end to end short of a cluster:
 *  1. the stack is synthesized;
 *  2. charts/mep is rendered with the MEP release's values, and the MEP process is started with exactly the
 *     environment its Deployment gets (secretKeyRefs resolved from the auth Secret the construct writes);
 *  3. charts/mec-app-instance is rendered with the registration release's values and its hook jobs run;
 *  4. the app's identity Secret is used as the app would use it: to get an Mp1 token and read its rules.
 * Stand-ins replace what only `terraform apply` knows (random_password/random_uuid results); the MEP URL the jobs
 * use is the local port instead of the in-cluster Service name.
 */
import { ChildProcess, spawn } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformStack, Testing } from "./cdk";
import { ClusterProviders } from "./cluster-providers";
import { MecPlatformCnf } from "./mec-platform-cnf";
import { MecAppCnf } from "./mec-app-cnf";
import { loadAppDescriptor } from "./app-descriptor";
import { REPO_ROOT, projectChartDir } from "./helm-chart-source";
import { findManifest, renderChart } from "../test/support/helm";
import { runHookJob } from "./testing/hook-jobs";
import { placeholderAccess } from "../test/support/cluster-credentials";

jest.setTimeout(120_000);

const access = placeholderAccess;

/** What `terraform apply` would produce for each random resource, by resource-key prefix. */
const STAND_INS: Record<string, string> = {
  "mep_admin-client-secret": "AdminSecret0123456789abcdefABCDEF",
  "mep_token-signing-key": "SigningKey0123456789abcdefABCDEFSigningKey0123456789abcdefABCDEF",
  "video_client-secret": "Zq8xY2vB7nM4kL1pR6tW9sD3fG5hJ0aC",
  "video_app-instance-id": "3d7c1f0e-5b2a-4c8d-9e6f-1a2b3c4d5e6f",
};

function applyTime(value: string): string {
  return value.replace(/\$\{random_(?:password|uuid)\.([^.]+)\.result\}/g, (ref, key: string) => {
    const prefix = Object.keys(STAND_INS).find((p) => key.startsWith(p));
    if (!prefix) throw new Error(`no stand-in for ${ref}`);
    return STAND_INS[prefix];
  });
}

function resources(json: any, type: string, prefix: string): any {
  const found = Object.entries(json.resource[type]).filter(([k]) => k.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${found.length}`);
  return found[0][1];
}

function withSets(release: any): any {
  const values = JSON.parse(release.values[0]);
  for (const s of [...(release.set ?? []), ...(release.set_sensitive ?? [])]) {
    const path = s.name.split(".");
    let node = values;
    for (const k of path.slice(0, -1)) node = node[k] ??= {};
    node[path[path.length - 1]] = applyTime(s.value);
  }
  return values;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function waitReady(url: string, mep: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (mep.exitCode !== null) throw new Error(`the MEP exited (${mep.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the MEP did not become ready:\n${log()}`);
}

async function token(url: string, id: string, secret: string): Promise<Response> {
  return fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
}

describe("MecPlatformCnf + MecAppCnf against the real MEP", () => {
  let json: any;
  let mep: ChildProcess;
  let url: string;
  let dir: string;
  let output = "";
  const admin = { id: "", secret: "" };

  beforeAll(async () => {
    const stack = new TerraformStack(Testing.app(), "csp1-platform");
    const cluster = new ClusterProviders(stack, "cluster", { access });
    const platform = new MecPlatformCnf(stack, "mep", { cluster, namespace: "mec-platform" });
    new MecAppCnf(stack, "video", {
      mep: platform,
      appDescriptor: loadAppDescriptor(join(__dirname, "testdata", "video-analytics.appd.yaml")),
      chartPath: projectChartDir("mec-app-sample"),
    });
    json = JSON.parse(Testing.synth(stack));

    // The MEP as its Deployment runs it.
    const release = resources(json, "helm_release", "mep_release");
    const rendered = renderChart(projectChartDir("mep"), withSets(release), { releaseName: release.name, namespace: release.namespace });
    const container = findManifest(rendered, "Deployment").spec.template.spec.containers[0];
    const authSecret = resources(json, "kubernetes_secret_v1", "mep_auth-secret");
    const env: Record<string, string> = { PATH: process.env.PATH!, TS_NODE_PROJECT: join(REPO_ROOT, "mep", "tsconfig.json") };
    for (const e of container.env) {
      if (e.value !== undefined) env[e.name] = e.value;
      else if (e.valueFrom.secretKeyRef.name === authSecret.metadata.name) env[e.name] = applyTime(authSecret.data[e.valueFrom.secretKeyRef.key]);
      else throw new Error(`unexpected reference ${JSON.stringify(e.valueFrom)}`);
    }
    admin.id = env.MEP_ADMIN_CLIENT_ID;
    admin.secret = env.MEP_ADMIN_CLIENT_SECRET;
    // Only where it listens and keeps its file change: the pod's /data volume is a temp folder here.
    dir = mkdtempSync(join(tmpdir(), "mep-e2e-"));
    const port = await freePort();
    Object.assign(env, { MEP_LISTEN_HOST: "127.0.0.1", MEP_LISTEN_PORT: String(port), MEP_SQLITE_PATH: join(dir, "mep.db"), MEP_LOG_LEVEL: "warn" });
    mep = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(REPO_ROOT, "mep", "src", "main.ts"), ...container.args], { env, cwd: REPO_ROOT });
    mep.stdout!.on("data", (d) => (output += d));
    mep.stderr!.on("data", (d) => (output += d));
    url = `http://127.0.0.1:${port}`;
    await waitReady(url, mep, () => output);
  });

  afterAll(async () => {
    if (mep && mep.exitCode === null) {
      mep.kill("SIGTERM");
      await new Promise((r) => mep.once("exit", r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function registration() {
    const release = resources(json, "helm_release", "video_registration");
    return renderChart(projectChartDir("mec-app-instance"), withSets(release), { releaseName: release.name, namespace: release.namespace });
  }

  function identity(): { appInstanceId: string; clientSecret: string; mepUrl: string } {
    const data = resources(json, "kubernetes_secret_v1", "video_identity").data;
    return { appInstanceId: applyTime(data.appInstanceId), clientSecret: applyTime(data.clientSecret), mepUrl: data.mepUrl };
  }

  test("the MEP runs with the credential MecPlatformCnf generated", async () => {
    expect(admin.id).toBe("mecaas-admin");
    expect((await token(url, admin.id, admin.secret)).status).toBe(200);
    expect((await token(url, admin.id, "wrong")).status).toBe(401);
  });

  test("before registration the app's identity is unknown to the MEP", async () => {
    const { appInstanceId, clientSecret } = identity();
    expect((await token(url, appInstanceId, clientSecret)).status).toBe(401);
  });

  test("the post-install job registers the app instance (201), a post-upgrade re-run replaces it (200)", async () => {
    const manifests = registration();
    const first = await runHookJob(manifests, "register", { adminClientId: admin.id, adminClientSecret: admin.secret, mepUrl: url });
    expect([first.code, first.stderr]).toEqual([0, ""]);
    expect(first.stdout).toContain("(HTTP 201)");
    const again = await runHookJob(manifests, "register", { adminClientId: admin.id, adminClientSecret: admin.secret, mepUrl: url });
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining("(HTTP 200)")]);
  });

  test("the app, with only its identity Secret, gets an Mp1 token and finds the AppD's rules and required services", async () => {
    const { appInstanceId, clientSecret, mepUrl } = identity();
    expect(mepUrl).toBe("http://mep.mec-platform.svc:8080");
    const response = await token(url, appInstanceId, clientSecret);
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}` };
    const traffic = await fetch(`${url}/mec_app_support/v1/applications/${appInstanceId}/traffic_rules`, { headers: auth });
    expect(traffic.status).toBe(200);
    expect(((await traffic.json()) as any[]).map((r) => [r.trafficRuleId, r.state])).toEqual(
      expect.arrayContaining([["cameras-to-app", "ACTIVE"], ["tap-gtp", "ACTIVE"], ["block-telnet", "ACTIVE"]]),
    );
    const dns = await fetch(`${url}/mec_app_support/v1/applications/${appInstanceId}/dns_rules`, { headers: auth });
    expect(((await dns.json()) as any[]).map((r) => [r.dnsRuleId, r.domainName, r.ipAddress])).toEqual([["video-local", "video.mec.example.net", "10.20.0.15"]]);
    const adminToken = ((await (await token(url, admin.id, admin.secret)).json()) as { access_token: string }).access_token;
    const instance = await fetch(`${url}/mecaas_mgmt/v1/app_instances/${appInstanceId}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(await instance.json()).toMatchObject({ appInstanceId, appName: "Video Analytics", appProvider: "ACME Edge", requiredServices: ["RNIS"] });
  });

  test("the pre-delete job removes the instance (204); the app's identity stops working; a repeat is harmless (404)", async () => {
    const manifests = registration();
    const removed = await runHookJob(manifests, "deregister", { adminClientId: admin.id, adminClientSecret: admin.secret, mepUrl: url });
    expect([removed.code, removed.stdout]).toEqual([0, expect.stringContaining("(HTTP 204)")]);
    const { appInstanceId, clientSecret } = identity();
    expect((await token(url, appInstanceId, clientSecret)).status).toBe(401);
    const again = await runHookJob(manifests, "deregister", { adminClientId: admin.id, adminClientSecret: admin.secret, mepUrl: url });
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining("(HTTP 404)")]);
  });
});
