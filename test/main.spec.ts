import { execFile } from "child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { promisify } from "util";

/*
 * The Main MANO app's entry point (main.ts, as cdktf.json runs it) with a bad catalog: every kind of bad input
 * (the catalog's YAML, its schema, an AppD it names, a construct's prop it fills, a check a construct leaves to synth) is printed once, exactly, without
 * a stack trace, and the app exits 1 before synthesizing anything.
 */

const REPO = join(__dirname, "..");
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "mecaas-main-"));

const VIMS = "vims:\n  core: { cloud: nsp-core, externalNetwork: public }\n";
const cluster = (extra = "") => `{ vim: core, controllerSchedulable: true, apiAllowedCidrs: ["198.51.100.0/24"]${extra} }`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function synth(catalog: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["-r", "ts-node/register/transpile-only", "main.ts"], {
      cwd: REPO,
      env: { ...process.env, MECAAS_CATALOG: catalog, CDKTF_OUTDIR: join(dir, "out") },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

mkdirSync(join(dir, "chart"));
writeFileSync(join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
write("bad.appd.yaml", [
  "appDId: 0d9a2c6e-8c1f-4c0e-b1c4-3f1a2b3c4d5e", "appName: video", "appProvider: acme", "appSoftVersion: 1.0.0",
  'appDVersion: "1.0"', 'mecVersion: ["2.2.1"]', "appDescription: counts cars",
  "appTrafficRule:", "  - { trafficRuleId: r1, filterType: FLOW, priority: 300, action: DROP, trafficFilter: [{ dstPort: [\"80\"] }] }",
].join("\n"));

const cases: [string, string, string][] = [
  [
    "YAML that does not parse",
    write("broken.yaml", "csps: [\n"),
    "catalog %DIR%/broken.yaml is invalid:\n  - cannot be read as YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1",
  ],
  [
    "a misspelt field (the catalog's schema)",
    write("schema.yaml", `${VIMS}csps:\n  - { name: acme, mode: b2c, cluster: ${cluster(', nodeCdir: "10.20.0.0/24"')} }\n`),
    'catalog %DIR%/schema.yaml is invalid:\n  - csps[0] (acme).cluster: unknown field "nodeCdir"; remove it or fix its spelling',
  ],
  [
    "a bad AppD, named by the catalog entry that names it",
    write("appd.yaml", `${VIMS}csps:\n  - name: acme\n    mode: b2c\n    cluster: ${cluster()}\n    apps: [{ name: video, descriptor: bad.appd.yaml, chart: chart }]\n`),
    "catalog %DIR%/appd.yaml is invalid:\n  - csps[0] (acme).apps[0].descriptor bad.appd.yaml: appD.appTrafficRule[0].priority 300: must be <= 255 (at /appTrafficRule/0/priority)",
  ],
  [
    "a value the schema lets through and a construct refuses",
    write("construct.yaml", `${VIMS}csps:\n  - { name: acme, mode: b2c, cluster: ${cluster(', nodeCidr: "10.20.0.0/33"')} }\n`),
    'acme-infra/acme: nodeCidr "10.20.0.0/33" is invalid: give an IPv4 network in CIDR form with no host bits set (e.g. "10.10.0.0/16")',
  ],
  [
    "a check a construct leaves to synth (a cluster with no worker: a pool could still be added)",
    write("deferred.yaml", `${VIMS}csps:\n  - { name: acme, mode: b2c, cluster: { vim: core, apiAllowedCidrs: ["198.51.100.0/24"] } }\n`),
    "the app is invalid:\n  - acme-infra/acme: workerPools [] is invalid: no worker would run workloads; add a pool with size >= 1 " +
      "(workerPools or addWorkerPool) or set controllerSchedulable: true",
  ],
];

describe("main.ts with a bad catalog", () => {
  // One ts-node start each (about 5 s): started together.
  const results = Promise.all(cases.map(([, catalog]) => synth(catalog)));

  test.each(cases.map(([name, , message], i) => [name, message, i] as const))(
    "%s: the message alone on stderr, exit 1",
    async (_name, message, i) => {
      const result = (await results)[i];
      expect(result.stderr).toBe(`${message.replace(/%DIR%/g, dir)}\n`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
    },
    120_000,
  );
});
