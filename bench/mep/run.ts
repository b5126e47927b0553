/**
 * MEP benchmarks on one backend (SQLite, or PostgreSQL from MEP_TEST_POSTGRES_URL as scripts/with-postgres.sh
 * exports it). Prints the figures beside the targets of issues 3 and 13; asserts nothing (timings vary with the machine).
 *   node -r ts-node/register/transpile-only bench/mep/run.ts [--backend sqlite|postgres] [--seconds 10]
 *     [--log-level LEVEL] (MEP_LOG_LEVEL; default: unset, the MEP's own default) [--profile DIR]   (DIR: where the MEP process writes a V8 CPU profile, --cpu-prof)
 *     [--mep-node-flags "..."]   (instead of the start script's Node flags, to try others)
 *     [--freshness notify|snapshot]   (PostgreSQL: MEP_DISCOVERY_FRESHNESS of the MEP; default notify)
 * bench/mep/run.sh runs both backends.
 */
import { randomBytes } from "crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { compileBenchTargets, startBenchTarget } from "./child-protocol";
import { measureFanout } from "./fanout";
import { measureGets, measureSideBySide, postMany, ThroughputFigures } from "./load";
import { MepAdmin, serviceInfo } from "./mp1";
import { cpuSeconds, postgresPids } from "./cpu";

interface DiscoveryFigures {
  readonly mep: ThroughputFigures;
  readonly bare: ThroughputFigures;
  /** Server CPU time per request, µs: the MEP process, PostgreSQL's processes (0 on SQLite), the bare route's process. */
  readonly cpuPerRequestUs: { readonly mep: number; readonly postgres: number; readonly bare: number };
  /** Discovery requests answered per read of the database version (mep_database_version_reads_total). */
  readonly requestsPerVersionRead?: number;
}

const TARGETS = { discoveryRatio: 0.9, p99Ms: 10, registrationsPerSecondSqlite: 3000, fanoutMs: 1000, rssMb: 100, fullListRequestsPerSecond: 490 };

/** A batch of registrations, the same POSTs to the bare route's /echo, and each server's CPU time per request (µs). */
interface RegistrationFigures extends ThroughputFigures {
  readonly seconds: number;
  readonly bare: ThroughputFigures & { readonly seconds: number };
  readonly cpuPerRequestUs: { readonly mep: number; readonly bare: number };
}

/** The full list GET /services at 1k services, beside the bare route answering as many bytes. */
interface FullListFigures {
  readonly bytes: number;
  readonly mep: ThroughputFigures;
  readonly bare: ThroughputFigures;
}

/** Lines in a file, read in chunks (a log at info level can be large). */
function countLines(path: string): number {
  const fd = openSync(path, "r");
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
      for (let i = chunk.indexOf(10); i !== -1 && i < read; i = chunk.indexOf(10, i + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}
const CONNECTIONS = 10;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * How production starts the MEP: the mep package's start script (`VAR=value … node FLAGS… dist/src/main.js serve`),
 * which the image's ENV and ENTRYPOINT repeat (test/charts/mep-image.spec.ts holds them equal). The bench starts
 * the MEP with the same environment and Node flags, so its memory figure is the deployed one.
 */
function productionStart(): { env: Record<string, string>; nodeFlags: string[] } {
  const start: string = JSON.parse(readFileSync(join(__dirname, "..", "..", "mep", "package.json"), "utf8")).scripts.start;
  const words = start.split(/\s+/);
  const node = words.indexOf("node");
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
  return { env, nodeFlags: words.slice(node + 1, words.indexOf("dist/src/main.js")) };
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));
const verdict = (ok: boolean) => (ok ? "meets" : "MISSES");

async function main() {
  const backend = option("backend", "sqlite");
  const seconds = Number(option("seconds", "10"));
  // Unset by default: the bench measures the MEP as it runs when nobody configured its logging.
  const logLevel = option("log-level", "");
  const profileDir = option("profile", "");
  // PostgreSQL: how the MEP keeps cached discovery answers fresh (MEP_DISCOVERY_FRESHNESS).
  const freshness = option("freshness", "notify");
  if (freshness !== "notify" && freshness !== "snapshot") throw new Error("--freshness must be notify or snapshot");
  const production = productionStart();
  // --mep-node-flags "…" replaces the production flags, to try others; the report names the flags used.
  const mepNodeFlags = option("mep-node-flags", production.nodeFlags.join(" ")).split(/\s+/).filter(Boolean);
  const mepStartEnv = production.env;
  if (backend !== "sqlite" && backend !== "postgres") throw new Error("--backend must be sqlite or postgres");
  const databaseUrl = process.env.MEP_TEST_POSTGRES_URL;
  if (backend === "postgres" && !databaseUrl) throw new Error("--backend postgres needs MEP_TEST_POSTGRES_URL: run it under scripts/with-postgres.sh");

  const workDir = mkdtempSync(join(tmpdir(), "mep-bench-"));
  const compiled = join(workDir, "js");
  compileBenchTargets(compiled);
  const mepPort = await freePort();
  const mepUrl = `http://127.0.0.1:${mepPort}`;
  const adminSecret = randomBytes(16).toString("hex");
  // The MEP's logs go to a file, as a container's go to its runtime: written for real, counted in the report.
  const logPath = join(workDir, "mep.log");
  const logFd = openSync(logPath, "w");
  const mep = await startBenchTarget(compiled, "mep-server.ts", {
    ...mepStartEnv,
    MEP_LISTEN_HOST: "127.0.0.1",
    MEP_LISTEN_PORT: String(mepPort),
    MEP_API_ROOT: mepUrl,
    MEP_ADMIN_CLIENT_ID: "bench-admin",
    MEP_ADMIN_CLIENT_SECRET: adminSecret,
    MEP_TOKEN_SIGNING_KEY: randomBytes(32).toString("hex"),
    MEP_CALLBACK_ALLOWLIST: "127.0.0.1",
    ...(logLevel ? { MEP_LOG_LEVEL: logLevel } : {}),
    ...(backend === "postgres" ? { MEP_DATABASE_URL: databaseUrl!, MEP_DISCOVERY_FRESHNESS: freshness } : { MEP_SQLITE_PATH: join(workDir, "mep.db") }),
  }, [...mepNodeFlags, ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])], logFd);
  const barePort = await freePort();
  const bare = await startBenchTarget(compiled, "bare-fastify.ts", { BENCH_PORT: String(barePort) });
  const bareUrl = `http://127.0.0.1:${barePort}`;

  try {
    const mb = (bytes: number) => bytes / 2 ** 20;
    const idle = await mep.memory();
    const admin = await MepAdmin.connect(mepUrl, "bench-admin", adminSecret);
    const producerId = "bench-producer";
    const producerToken = await admin.createApp(producerId);
    const consumerToken = await admin.createApp("bench-consumer");
    const auth = { authorization: `Bearer ${consumerToken}` };
    // CPU time the servers spend during a measurement (the MEP, its PostgreSQL, the bare route).
    const withCpu = async <F>(pids: () => number[], cpu: { seconds: number }, work: () => Promise<F>) => {
      const before = cpuSeconds(pids());
      const result = await work();
      cpu.seconds += cpuSeconds(pids()) - before;
      return result;
    };
    // Each batch of registrations is followed by as many POSTs of the same bodies to the bare route's /echo (the
    // ceiling: HTTP and JSON in and out, nothing stored), with the CPU time each server spent per request.
    const register = async (from: number, amount: number): Promise<RegistrationFigures> => {
      const posts = (url: string, headers: Record<string, string>) =>
        postMany(url, amount, { connections: CONNECTIONS, headers, firstIndex: from, bodyFor: (n) => serviceInfo(`bench-service-${n}`) });
      const mepCpu = { seconds: 0 };
      const bareCpu = { seconds: 0 };
      const mepFigures = await withCpu(() => [mep.child.pid!], mepCpu,
        () => posts(`${mepUrl}/mec_service_mgmt/v1/applications/${producerId}/services`, { authorization: `Bearer ${producerToken}` }));
      const bareFigures = await withCpu(() => [bare.child.pid!], bareCpu, () => posts(`${bareUrl}/echo`, {}));
      const perRequestUs = (cpu: { seconds: number }) => round((cpu.seconds * 1e6) / amount, 1);
      return { ...mepFigures, bare: bareFigures, cpuPerRequestUs: { mep: perRequestUs(mepCpu), bare: perRequestUs(bareCpu) } };
    };
    // 100 names spread over the registered ones, each query matching exactly one service.
    const discoveryPaths = (registered: number) =>
      Array.from({ length: 100 }, (_, i) => `/mec_service_mgmt/v1/services?ser_name=bench-service-${Math.floor((i * registered) / 100)}`);

    // Warm both servers up (JIT, connection pools) before anything is measured.
    await measureGets(bareUrl, ["/ping"], { connections: CONNECTIONS, seconds: 2 });
    const firstRegistrations = await register(0, 1000);
    await measureGets(mepUrl, discoveryPaths(1000), { connections: CONNECTIONS, seconds: 2, headers: auth });

    const discovery: Record<string, DiscoveryFigures> = {};
    // The MEP and the bare route alternate in windows of about 2 s, so both see the same machine.
    // How many discovery requests share one read of the database version (the MEP counts its reads).
    const versionReads = async () => {
      const text = await (await fetch(`${mepUrl}/metrics`)).text();
      return Number(/^mep_database_version_reads_total (\d+)$/m.exec(text)?.[1] ?? NaN);
    };
    const sideBySide = async (registered: number) => {
      const readsBefore = await versionReads();
      const mepCpu = { seconds: 0 };
      const postgresCpu = { seconds: 0 };
      const bareCpu = { seconds: 0 };
      const [mepFigures, bareFigures] = await measureSideBySide(
        (s) => withCpu(() => [mep.child.pid!], mepCpu, () => withCpu(() => (backend === "postgres" ? postgresPids() : []), postgresCpu,
          () => measureGets(mepUrl, discoveryPaths(registered), { connections: CONNECTIONS, seconds: s, headers: auth }))),
        (s) => withCpu(() => [bare.child.pid!], bareCpu, () => measureGets(bareUrl, ["/ping"], { connections: CONNECTIONS, seconds: s })),
        { seconds, rounds: Math.max(1, Math.round(seconds / 2)) },
      );
      const perRequestUs = (cpu: { seconds: number }, f: ThroughputFigures) => round((cpu.seconds * 1e6) / Math.max(1, f.requests), 1);
      const reads = (await versionReads()) - readsBefore;
      return {
        mep: mepFigures, bare: bareFigures,
        requestsPerVersionRead: reads > 0 ? round(mepFigures.requests / reads, 1) : undefined,
        cpuPerRequestUs: { mep: perRequestUs(mepCpu, mepFigures), postgres: perRequestUs(postgresCpu, mepFigures), bare: perRequestUs(bareCpu, bareFigures) },
      };
    };
    discovery["1k"] = await sideBySide(1000);
    // The full list (no filter) is one large answer, so the ceiling is the bare route sending as many bytes.
    const fullListPath = "/mec_service_mgmt/v1/services";
    const fullListBytes = (await (await fetch(`${mepUrl}${fullListPath}`, { headers: auth })).arrayBuffer()).byteLength;
    const [fullListMep, fullListBare] = await measureSideBySide(
      (s) => measureGets(mepUrl, [fullListPath], { connections: CONNECTIONS, seconds: s, headers: auth }),
      (s) => measureGets(bareUrl, [`/bytes/${fullListBytes}`], { connections: CONNECTIONS, seconds: s }),
      { seconds, rounds: Math.max(1, Math.round(seconds / 2)) },
    );
    const fullList: FullListFigures = { bytes: fullListBytes, mep: fullListMep, bare: fullListBare };
    const registrationsAt1k = await register(1000, 1000);
    const upTo10k = await register(2000, 8000);
    discovery["10k"] = await sideBySide(10000);
    const loaded = await mep.memory();
    const memory = {
      idleRssMb: mb(idle.rss), rssMb: mb(loaded.rss), heapUsedMb: mb(loaded.heapUsed), heapTotalMb: mb(loaded.heapTotal),
      externalMb: mb(loaded.external),
      // The floor: a Node process running bare Fastify after the same GET load.
      bareRssMb: mb((await bare.memory()).rss),
    };
    const registrationsAt10k = await register(10000, 1000);
    const fanout = await measureFanout(admin, producerToken, producerId, { subscribers: 1000, subscriptionsPerApp: 100, timeoutMs: 30_000 });

    const registrations = {
      "0 → 1k (cold, includes JIT warm-up)": firstRegistrations, "at 1k (1k → 2k)": registrationsAt1k, "2k → 10k": upTo10k, "at 10k (10k → 11k)": registrationsAt10k,
    };
    closeSync(logFd);
    const logLines = countLines(logPath);
    const report = {
      backend: backend === "postgres" ? `postgres (discovery freshness ${freshness})` : backend, seconds, connections: CONNECTIONS,
      logLevel: logLevel || "default (MEP_LOG_LEVEL unset)", logLines, mepNodeFlags, mepStartEnv, discovery, fullList, registrations, memory, fanout, node: process.version,
    };
    print(report);
    mkdirSync(join(__dirname, "..", "results"), { recursive: true });
    const file = join(__dirname, "..", "results", `mep-${backend}${backend === "postgres" ? `-${freshness}` : ""}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nfigures written to ${file}`);
  } finally {
    await bare.stop();
    await mep.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function print(r: {
  backend: string; seconds: number; logLevel: string; logLines: number; mepNodeFlags: string[]; mepStartEnv: Record<string, string>;
  discovery: Record<string, DiscoveryFigures>; fullList: FullListFigures;
  registrations: Record<string, RegistrationFigures>;
  memory: { idleRssMb: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; bareRssMb: number }; fanout: { subscribers: number; notified: number; allNotifiedMs: number; registrationMs: number };
}) {
  console.log(`\nMEP bench, ${r.backend}, ${CONNECTIONS} connections, ${r.seconds} s per measurement, MEP log level ${r.logLevel}, Node ${process.version}, ` +
    `MEP started as ${[...Object.entries(r.mepStartEnv).map(([k, v]) => `${k}=${v}`), "node", ...r.mepNodeFlags].join(" ")}`);
  console.log("\nGET /mec_service_mgmt/v1/services?ser_name=…  vs  bare Fastify GET /ping (same run, alternating windows of ~2 s)");
  console.log(`services | MEP req/s | bare req/s | ratio (target ≥ ${TARGETS.discoveryRatio}) | MEP p50 ms | MEP p99 ms (target ≤ 10) | errors | CPU µs/request: MEP + PostgreSQL vs bare`);
  for (const [size, { mep, bare, cpuPerRequestUs: cpu, requestsPerVersionRead: shared }] of Object.entries(r.discovery)) {
    const ratio = mep.requestsPerSecond / bare.requestsPerSecond;
    console.log(
      `${size.padEnd(8)} | ${String(round(mep.requestsPerSecond)).padStart(9)} | ${String(round(bare.requestsPerSecond)).padStart(10)} | ` +
        `${round(ratio, 2)} ${verdict(ratio >= TARGETS.discoveryRatio)}`.padEnd(21) + ` | ${String(mep.p50Ms).padStart(10)} | ` +
        `${mep.p99Ms} ${verdict(mep.p99Ms <= TARGETS.p99Ms)}`.padEnd(24) + ` | ${String(mep.errors + bare.errors).padEnd(6)} | ` +
        `${cpu.mep} + ${cpu.postgres} vs ${cpu.bare}` + (shared === undefined ? "" : `, ${shared} requests per version read`),
    );
  }
  const l = r.fullList;
  console.log(
    `\nfull list GET /mec_service_mgmt/v1/services at 1k services (${round(l.bytes / 1024)} KiB) vs bare /bytes/${l.bytes}: ` +
      `${round(l.mep.requestsPerSecond)} / ${round(l.bare.requestsPerSecond)} req/s = ${round(l.mep.requestsPerSecond / l.bare.requestsPerSecond, 2)}; ` +
      `MEP p50 ${l.mep.p50Ms} ms, p99 ${l.mep.p99Ms} ms, errors ${l.mep.errors + l.bare.errors} ` +
      `(target ≥ ${TARGETS.fullListRequestsPerSecond} req/s, 10× issue 13's 49: ${verdict(l.mep.requestsPerSecond >= TARGETS.fullListRequestsPerSecond)})`,
  );
  console.log("\nregistrations (POST …/applications/{id}/services, 201 each) vs the same POSTs to the bare route's /echo");
  for (const [phase, f] of Object.entries(r.registrations)) {
    const target = r.backend === "sqlite" ? ` (target ≥ ${TARGETS.registrationsPerSecondSqlite}: ${verdict(f.requestsPerSecond >= TARGETS.registrationsPerSecondSqlite)})` : "";
    console.log(
      `${phase}: ${round(f.requestsPerSecond)}/s${target}, p99 ${f.p99Ms} ms, errors ${f.errors + f.bare.errors}; bare ${round(f.bare.requestsPerSecond)}/s ` +
        `= ${round(f.requestsPerSecond / f.bare.requestsPerSecond, 2)}; CPU µs/request: MEP ${f.cpuPerRequestUs.mep} vs bare ${f.cpuPerRequestUs.bare}`,
    );
  }
  const f = r.fanout;
  console.log(
    `\nfan-out: ${f.notified}/${f.subscribers} subscribers notified, all within ${round(f.allNotifiedMs)} ms of the registration ` +
      `(target ≤ ${TARGETS.fanoutMs}: ${verdict(f.allNotifiedMs <= TARGETS.fanoutMs)}); the registration itself took ${round(f.registrationMs)} ms`,
  );
  const m = r.memory;
  console.log(
    `resident memory of the MEP at 10k services, after the discovery load: ${round(m.rssMb, 1)} MB ` +
      `(target ≤ ${TARGETS.rssMb}: ${verdict(m.rssMb <= TARGETS.rssMb)}); V8 heap in use ${round(m.heapUsedMb, 1)} MB ` +
      `of ${round(m.heapTotalMb, 1)} MB reserved, ${round(m.externalMb, 1)} MB external; ` +
      `${round(m.idleRssMb, 1)} MB when started, before any service; bare Fastify ${round(m.bareRssMb, 1)} MB`,
  );
  console.log(`log lines the MEP wrote during the run (log level ${r.logLevel}): ${r.logLines}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
