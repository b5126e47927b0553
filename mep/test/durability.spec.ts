/**
 * The MEP as a process: SIGKILL under write load loses nothing that was acknowledged, and the export/import
 * commands carry the whole state (with its ids) to another database.
 */
import { type ChildProcess, execFile } from "child_process";
import { request as httpRequest } from "http";
import { join } from "path";
import { promisify } from "util";
import { backends } from "./support/backends";
import { expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep, testEnv } from "./support/mep";
import { exited, runService, waitUntilUp } from "./support/process";
import { Receiver, freePort } from "./support/receiver";
import { scratchDir } from "./support/scratch";

const SM = "/mec_service_mgmt/v1";
const MEP_DIR = join(__dirname, "..");
const NODE_ARGS = ["--require", "ts-node/register/transpile-only", join(MEP_DIR, "src", "main.ts")];

const runMep = (env: Record<string, string>): ChildProcess => runService(join(MEP_DIR, "src", "main.ts"), env);

async function cli(env: Record<string, string>, ...args: string[]) {
  return (await promisify(execFile)(process.execPath, [...NODE_ARGS, ...args], { cwd: MEP_DIR, env: { ...process.env, ...env } })).stdout;
}

describe.each(backends)("process durability on $name", (backend) => {
  test("after SIGKILL in the middle of a write load, every acknowledged service is still there", async () => {
    const db = await backend.create();
    const port = await freePort();
    const env = { ...testEnv(db), MEP_LISTEN_HOST: "127.0.0.1", MEP_LISTEN_PORT: String(port), MEP_API_ROOT: `http://127.0.0.1:${port}` };
    const mep = Mep.remote(`http://127.0.0.1:${port}`, env);
    let child = runMep(env);
    try {
      await waitUntilUp(mep, child);
      const token = await mep.createApp("writer");
      const acknowledged: string[] = [];
      let killed = false;
      const worker = async (w: number) => {
        for (let i = 0; !killed; i++) {
          try {
            const response = await mep.request("POST", `${SM}/applications/writer/services`, { token, body: serviceBody(`load-${w}-${i}`) });
            if (response.status === 201) acknowledged.push(response.body.serInstanceId);
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      await new Promise((r) => setTimeout(r, 1500));
      child.kill("SIGKILL");
      killed = true;
      await exited(child);
      await Promise.all(workers);
      expect(acknowledged.length).toBeGreaterThan(20);

      child = runMep(env);
      await waitUntilUp(mep, child);
      const stored = await mep.request("GET", `${SM}/applications/writer/services`, { token: await mep.adminToken() });
      expectStatus(stored, 200);
      const storedIds = new Set(stored.body.map((s: { serInstanceId: string }) => s.serInstanceId));
      const lost = acknowledged.filter((id) => !storedIds.has(id));
      expect(lost).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  });

  test("SIGTERM lets the request in flight finish, then the process exits with 0", async () => {
    const db = await backend.create();
    const port = await freePort();
    const env = { ...testEnv(db), MEP_LISTEN_HOST: "127.0.0.1", MEP_LISTEN_PORT: String(port), MEP_API_ROOT: `http://127.0.0.1:${port}` };
    const mep = Mep.remote(`http://127.0.0.1:${port}`, env);
    const child = runMep(env);
    try {
      await waitUntilUp(mep, child);
      const body = JSON.stringify({ appName: "late", clientSecret: "late-secret-0123456789" });
      // Half the body is sent before the signal and half after, so the request is certainly in flight.
      const request = httpRequest(`${mep.url}/mecaas_mgmt/v1/app_instances/late`, {
        method: "PUT",
        headers: { authorization: `Bearer ${await mep.adminToken()}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      const status = new Promise<number>((resolve, reject) => request.on("response", (res) => (res.resume(), resolve(res.statusCode!))).on("error", reject));
      request.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 200));
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 200));
      request.end(body.slice(10));
      expect(await status).toBe(201);
      await exited(child);
      expect(child.exitCode).toBe(0);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  });

  test("export writes a snapshot that import restores into an empty database, ids included", async () => {
    const source = await backend.create();
    const receiver = await new Receiver().start();
    const mep = await Mep.start(source);
    let original: unknown;
    try {
      const token = await mep.createApp("exported", {
        appDnsRule: [{ dnsRuleId: "d-1", domainName: "a.example", ipAddressType: "IP_V4", ipAddress: "10.0.0.9", state: "ACTIVE" }],
      });
      expectStatus(await mep.request("POST", `${SM}/applications/exported/services`, { token, body: serviceBody("kept") }), 201);
      expectStatus(await mep.request("POST", `${SM}/applications/exported/subscriptions`, {
        token, body: { subscriptionType: "SerAvailabilityNotificationSubscription", callbackReference: receiver.url("/after-import") },
      }), 201);
      original = (await mep.request("GET", `${SM}/services`, { token })).body;
    } finally {
      await mep.close();
    }
    const file = join(scratchDir("snapshot"), "snapshot.json");
    expect(await cli(testEnv(source), "export", file)).toMatch(/exported 1 app instances, 1 services, 1 subscriptions, 1 rules/);

    const target = await backend.create();
    expect(await cli(testEnv(target), "import", file)).toMatch(/imported/);
    const restored = await Mep.start(target);
    try {
      const token = await restored.token("exported", "secret-of-exported-0123456789");
      expect((await restored.request("GET", `${SM}/services`, { token })).body).toEqual(original);
      expect((await restored.request("GET", "/mec_app_support/v1/applications/exported/dns_rules/d-1", { token })).status).toBe(200);
      // The imported subscription is live: a new service is notified to it.
      expectStatus(await restored.request("POST", `${SM}/applications/exported/services`, { token, body: serviceBody("new") }), 201);
      await receiver.waitFor(() => receiver.on("/after-import").length === 1);
    } finally {
      await restored.close();
      await receiver.stop();
    }
  });
});

describe("the command line", () => {
  test("serve without its required settings exits with 2 and names the variable and the fix", async () => {
    const env = { ...testEnv({ sqlitePath: join(scratchDir("cli"), "mep.db") }), MEP_TOKEN_SIGNING_KEY: "" };
    const failure = await cli(env, "serve").then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^mep: MEP_TOKEN_SIGNING_KEY is required: set a random secret/m);
  });

  test("an unknown command exits with 2 and prints the usage", async () => {
    const failure = await cli({}, "frobnicate").then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/unknown command frobnicate; usage: mep \[serve \| migrate \| export <file> \| import <file> \| backup \| backups \| restore \[name\|latest\]\]/);
  });
});
