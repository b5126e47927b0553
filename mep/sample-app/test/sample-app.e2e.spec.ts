/**
 * The paper's mec-app-ns flow end to end: the real MEP (buildServer, SQLite in a temp dir) and two sample app
 * instances on loopback. "camera" runs as its own process from the compiled sample app (main.js), "analytics"
 * in this process, so the test can read what each one learnt.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/config";
import { buildServer } from "../../src/server";
import { jsonLogger } from "../src/config";
import { SampleApp } from "../src/sample-app";
import { freePort, waitFor, within } from "./loopback";

const ADMIN = { id: "mecaas-admin", secret: randomBytes(16).toString("hex") };
const camera = { id: "camera-0001", secret: randomBytes(16).toString("hex"), produces: "camera-feed", consumes: "analytics" };
const analytics = { id: "analytics-0001", secret: randomBytes(16).toString("hex"), produces: "analytics", consumes: "camera-feed" };

const LIVENESS_INTERVAL_SECONDS = 2;
let workDir: string;
let mep: FastifyInstance;
let mepUrl: string;
let adminToken: string;
let cameraProcess: ChildProcess;
let cameraExit: Promise<number | null>;
const cameraLogs: Array<Record<string, any>> = [];
let analyticsApp: SampleApp;
const analyticsNotified: string[] = [];

async function mepCall(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${mepUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenFor(clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${mepUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Compiles the sample app the way the image does (its own tsconfig) and returns the folder holding main.js. */
function compileSampleApp(outDir: string): string {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(__dirname, "..", "tsconfig.json"), "--outDir", outDir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`sample app does not compile:\n${result.stdout}${result.stderr}`);
  return outDir;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "mecaas-e2e-"));
  const port = await freePort();
  mepUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    MEP_LISTEN_HOST: "127.0.0.1",
    MEP_LISTEN_PORT: String(port),
    MEP_API_ROOT: mepUrl,
    MEP_SQLITE_PATH: join(workDir, "mep.db"),
    MEP_ADMIN_CLIENT_ID: ADMIN.id,
    MEP_ADMIN_CLIENT_SECRET: ADMIN.secret,
    MEP_TOKEN_SIGNING_KEY: randomBytes(32).toString("hex"),
    // The apps listen on loopback, which the MEP refuses as a callback target unless listed.
    MEP_CALLBACK_ALLOWLIST: "127.0.0.1",
    MEP_LOG_LEVEL: "silent",
    // Short, so the test sees several heartbeat periods; the apps beat twice per interval.
    MEP_LIVENESS_INTERVAL_SECONDS: String(LIVENESS_INTERVAL_SECONDS),
  });
  mep = await buildServer(config, { sweepIntervalMs: 100, dispatchPollMs: 50 });
  await mep.listen({ host: "127.0.0.1", port });
  adminToken = await tokenFor(ADMIN.id, ADMIN.secret);
  for (const app of [camera, analytics]) {
    const created = await mepCall("PUT", `/mecaas_mgmt/v1/app_instances/${app.id}`, adminToken, {
      appName: app.produces,
      clientSecret: app.secret,
      requiredServices: [app.consumes],
    });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  cameraProcess?.kill("SIGKILL");
  await analyticsApp?.stop();
  await mep?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("two sample MEC apps on the real MEP", () => {
  test("camera starts as a process: token, ready, termination subscription, availability subscription, registration", async () => {
    const dist = compileSampleApp(join(workDir, "sample-app"));
    cameraProcess = spawn(process.execPath, [join(dist, "main.js")], {
      env: {
        PATH: process.env.PATH,
        MEC_APP_INSTANCE_ID: camera.id,
        MEC_APP_CLIENT_SECRET: camera.secret,
        MEP_URL: mepUrl,
        MEC_APP_LISTEN_HOST: "127.0.0.1",
        MEC_APP_LISTEN_PORT: "0",
        MEC_APP_SERVICE_NAME: camera.produces,
        MEC_APP_CONSUMED_SERVICES: camera.consumes,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    cameraExit = new Promise((resolve) => cameraProcess.once("exit", (code) => resolve(code)));
    let pending = "";
    cameraProcess.stdout!.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop()!;
      for (const line of lines) if (line.trim()) cameraLogs.push(JSON.parse(line));
    });

    await waitFor("camera to start", () => cameraLogs.some((l) => l.message === "started"));
    const started = cameraLogs.find((l) => l.message === "started")!;
    expect(started.knownServices).toEqual([]); // nothing produces "analytics" yet

    const instance = await mepCall("GET", `/mecaas_mgmt/v1/app_instances/${camera.id}`, adminToken);
    expect(instance.body.state).toBe("READY");
    const cameraToken = await tokenFor(camera.id, camera.secret);
    const services = await mepCall("GET", `/mec_service_mgmt/v1/applications/${camera.id}/services`, cameraToken);
    expect(services.body).toEqual([expect.objectContaining({ serName: camera.produces, state: "ACTIVE", serInstanceId: started.serInstanceId })]);
    const availability = await mepCall("GET", `/mec_service_mgmt/v1/applications/${camera.id}/subscriptions`, cameraToken);
    expect(availability.body._links.subscriptions).toEqual([
      { href: expect.any(String), subscriptionType: "SerAvailabilityNotificationSubscription" },
    ]);
    const termination = await mepCall("GET", `/mec_app_support/v1/applications/${camera.id}/subscriptions`, cameraToken);
    expect(termination.body._links.subscriptions).toEqual([
      { href: expect.any(String), subscriptionType: "AppTerminationNotificationSubscription" },
    ]);
    const subscription = await mepCall("GET", new URL(availability.body._links.subscriptions[0].href).pathname, cameraToken);
    expect(subscription.body).toMatchObject({
      callbackReference: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/notifications\/service-availability$/),
      filteringCriteria: { serNames: [camera.consumes] },
    });
  });

  test("analytics starts in-process and discovers the camera's service", async () => {
    analyticsApp = new SampleApp(
      {
        appInstanceId: analytics.id,
        clientSecret: analytics.secret,
        mepUrl,
        listenHost: "127.0.0.1",
        listenPort: 0,
        serviceName: analytics.produces,
        serviceVersion: "1.0.0",
        consumedServices: [analytics.consumes],
        logLevel: "error",
      },
      jsonLogger("error"),
    );
    analyticsApp.on("availability", (n) => analyticsNotified.push(...n.serviceReferences.map((r) => `${r.changeType} ${r.serName}`)));
    await analyticsApp.start();
    expect([...analyticsApp.knownServices.values()]).toEqual([{ serName: camera.produces, state: "ACTIVE" }]);
    const health = await fetch(`${analyticsApp.callbackBaseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  test("camera is notified that analytics became available, on its own HTTP endpoint", async () => {
    await waitFor("camera's availability notification", () => cameraLogs.some((l) => l.message === "service availability changed"));
    const notified = cameraLogs.find((l) => l.message === "service availability changed")!;
    expect(notified.changes).toEqual([`ADDED ${analytics.produces} ${analyticsApp.producedService!.serInstanceId}`]);
  });

  test("heartbeats keep both services ACTIVE past several liveness intervals", async () => {
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, LIVENESS_INTERVAL_SECONDS * 2500));
    for (const app of [camera, analytics]) {
      const token = await tokenFor(app.id, app.secret);
      const [service] = (await mepCall("GET", `/mec_service_mgmt/v1/applications/${app.id}/services`, token)).body;
      expect(service.livenessInterval).toBe(LIVENESS_INTERVAL_SECONDS);
      const liveness = await mepCall("GET", new URL(service._links.liveness.href).pathname, token);
      expect(liveness.body.state).toBe("ACTIVE");
      expect(liveness.body.timeStamp.seconds * 1000).toBeGreaterThan(since);
    }
    expect(analyticsNotified).toEqual([]);
    expect(cameraLogs.filter((l) => l.message === "service availability changed")).toHaveLength(1);
  });

  test("a termination notification not sent by the MEP is refused and changes nothing", async () => {
    const forged = await fetch(`${analyticsApp.callbackBaseUrl}/notifications/app-termination`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        notificationType: "AppTerminationNotification",
        operationAction: "TERMINATING",
        maxGracefulTimeout: 10,
        _links: { subscription: { href: "http://elsewhere.example/subscriptions/1" } },
      }),
    });
    expect(forged.status).toBe(400);
    expect((await mepCall("GET", `/mecaas_mgmt/v1/app_instances/${analytics.id}`, adminToken)).body.state).toBe("READY");
  });

  test("terminating camera: it confirms termination and exits 0; analytics learns its service is gone", async () => {
    const started = await mepCall("POST", `/mecaas_mgmt/v1/app_instances/${camera.id}/terminate`, adminToken, {
      operationAction: "TERMINATING",
      gracefulTimeoutSeconds: 30,
    });
    expect(started.status).toBe(202);
    expect(await within("the camera process to exit", cameraExit)).toBe(0);
    expect(cameraLogs.map((l) => l.message)).toEqual(expect.arrayContaining(["termination requested", "termination confirmed"]));
    // Confirmed, not timed out: the graceful timeout is 30 s and the app is already gone.
    expect((await mepCall("GET", `/mecaas_mgmt/v1/app_instances/${camera.id}`, adminToken)).body.state).toBe("TERMINATED");

    await waitFor("analytics to forget the camera's service", () => analyticsApp.knownServices.size === 0);
    expect(analyticsNotified).toEqual([`REMOVED ${camera.produces}`]);
  });

  test("terminating analytics in-process: confirmed, stopped, and its service is deregistered", async () => {
    const terminated = new Promise((resolve) => analyticsApp.once("terminated", resolve));
    expect((await mepCall("POST", `/mecaas_mgmt/v1/app_instances/${analytics.id}/terminate`, adminToken, {})).status).toBe(202);
    expect(await within("analytics to terminate", terminated)).toBe("TERMINATING");
    expect((await mepCall("GET", `/mecaas_mgmt/v1/app_instances/${analytics.id}`, adminToken)).body.state).toBe("TERMINATED");
    const left = await mepCall("GET", `/mec_service_mgmt/v1/services?ser_name=${analytics.produces}`, adminToken);
    expect(left).toEqual({ status: 200, body: [] });
  });
});
