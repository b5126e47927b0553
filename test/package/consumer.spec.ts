import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative } from "path";

/*
 * mecaas as a platform engineer gets it: `npm pack`, the tarball installed into a fresh project outside this
 * repository together with the peers a user installs, the README's snippets compiled there under strict compiler
 * options, synthesized by the cdktf CLI, and the README's Testing-API spec run by jest. The install is `npm ci
 * --offline` from npm's cache, with a lockfile taken from this repository's (the versions it pins), so no registry
 * is asked. TypeScript, the cdktf CLI and jest are this repository's. A second user's project switches the engine to
 * CDK Terrain the way README.md says (`"cdktf": "npm:cdktn@0.24.0"` and an override) and gets the same Terraform
 * JSON. Its app is run as a CLI runs it (`CDKTF_OUTDIR` set): the cdktn CLI 0.24 needs Node 22.19 or later, and this
 * machine has Node 20.
 */
const REPO = join(__dirname, "..", "..");
const BIN = join(REPO, "node_modules", ".bin");
const REGISTRY = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim().replace(/\/?$/, "/");
/** What a user installs besides mecaas and its peers: the types of jest, for the README's spec. */
const USER_TOOLS = ["@types/jest"];

interface PackedFile { readonly path: string }
interface Packed { readonly filename: string; readonly entryCount: number; readonly size: number; readonly files: PackedFile[] }

let work: string;
let project: string;
let terrainProject: string;
let packed: Packed;
let snippets: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mecaas-consumer-"));
  project = join(work, "project");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO, stdio: "pipe" });
  // prepack would build again: the build above is the one under test.
  [packed] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO, encoding: "utf8" }));
  mkdirSync(project);
  mkdirSync(join(work, "tmp"));
  writeInstall(project, join(work, packed.filename), "cdktf");
  execFileSync("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: project, stdio: "pipe" });
  snippets = writeReadmeSnippets(project);
  terrainProject = join(work, "project-cdktn");
  mkdirSync(terrainProject);
  writeInstall(terrainProject, join(work, packed.filename), "cdktn");
  execFileSync("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: terrainProject, stdio: "pipe" });
  writeReadmeSnippets(terrainProject);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the tarball holds the compiled library, its types and the files it reads at run time, nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  const compiled = /^dist\/(lib|\.gen\/providers\/openstack)\/.+\.(js|d\.ts)$/;
  const assets = runtimeAssets().map((file) => `dist/${file}`);
  expect(files.filter((f) => !["package.json", "README.md"].includes(f) && !compiled.test(f) && !assets.includes(f))).toEqual([]);
  expect(assets.filter((f) => !files.includes(f))).toEqual([]);
  expect(files).toEqual(expect.arrayContaining(["dist/lib/index.js", "dist/lib/index.d.ts", "dist/lib/openstack.js", "dist/lib/openstack.d.ts"]));
  expect(files.filter((f) => /\.spec\.|\/(testing|testdata)\/|^(dist\/)?(test|bench|mep|testbed|examples|stacks|main)\b/.test(f))).toEqual([]);
  // The counts README.md gives ("Using mecaas as a library").
  console.log(`npm pack: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB packed`);
});

test("README.md's snippets compile in the user's project under strict options, against the package's types", () => {
  expect(snippets.sort()).toEqual(["src/edge-cluster.spec.ts", "src/main.ts"]);
  execTool("tsc", ["-p", "."]);
  expect(existsSync(join(project, "dist", "main.js"))).toBe(true);
});

test("the cdktf CLI synthesizes the README's app: three stacks, the charts found beside the compiled constructs", () => {
  const output = execTool("cdktf", ["synth"]);
  expect(output).toContain("Generated Terraform code for the stacks");
  const stacks = join(project, "cdktf.out", "stacks");
  expect(readdirSync(stacks).sort()).toEqual(["infra", "pki", "platform"]);
  const infra = JSON.parse(readFileSync(join(stacks, "infra", "cdk.tf.json"), "utf8"));
  expect(Object.values(infra.resource.openstack_compute_instance_v2).map((server: any) => server.name).sort())
    .toEqual(["edge-controller", "edge-main-0", "edge-main-1", "edge-meh-0"]);
  const platform = JSON.parse(readFileSync(join(stacks, "platform", "cdk.tf.json"), "utf8"));
  const charts = Object.values(platform.resource.helm_release).map((release: any) => release.chart as string);
  const local = charts.filter((chart) => chart.startsWith("assets/"));
  expect(local.map((chart) => readFileSync(join(stacks, "platform", chart, "Chart.yaml"), "utf8").match(/^name: (\S+)$/m)?.[1]).sort())
    .toEqual(["mec-app-instance", "mep"]);
});

test("the README's Testing-API spec passes under jest in the user's project", () => {
  const config = { rootDir: project, roots: ["<rootDir>/dist"], testMatch: ["**/*.spec.js"], transform: {} };
  const output = execTool("jest", ["--ci", "--config", JSON.stringify(config)]);
  expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
});

test("switched to CDK Terrain as README.md says, the user's app synthesizes the same Terraform JSON, and its spec passes", () => {
  expect(JSON.parse(readFileSync(join(terrainProject, "node_modules", "cdktf", "package.json"), "utf8"))).toMatchObject({ name: "cdktn", version: "0.24.0" });
  execTool("tsc", ["-p", "."], terrainProject);
  execFileSync(process.execPath, ["dist/main.js"], { cwd: terrainProject, stdio: "pipe", env: { ...process.env, CDKTF_OUTDIR: "cdktf.out", TMPDIR: join(work, "tmp") } });
  for (const stack of ["infra", "pki", "platform"]) {
    const [cdktf, cdktn] = [project, terrainProject].map((dir) => {
      // Local state files are named by the project's folder.
      const json = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8").split(dir).join("<project>"));
      const version = json["//"].metadata.version;
      delete json["//"].metadata.version;
      return { json, version };
    });
    expect([cdktf.version, cdktn.version]).toEqual(["0.21.0", "0.24.0"]);
    expect({ stack, json: cdktn.json }).toEqual({ stack, json: cdktf.json });
  }
  const config = { rootDir: terrainProject, roots: ["<rootDir>/dist"], testMatch: ["**/*.spec.js"], transform: {} };
  expect(execTool("jest", ["--ci", "--config", JSON.stringify(config)], terrainProject)).toMatch(/Tests:\s+1 passed, 1 total/);
});

/**
 * Runs one of this repository's tools in the user's project; returns its output, stdout then stderr. Its temporary
 * files (the Testing API's outdirs, jest's cache) go to the work folder, which afterAll removes.
 */
function execTool(tool: string, args: string[], cwd = project): string {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", TMPDIR: join(work, "tmp") };
  const run = spawnSync(join(BIN, tool), args, { cwd, encoding: "utf8", env });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed in the user's project (${run.error ?? `exit ${run.status}`}):\n${output}`);
  return output;
}

/**
 * The user's package.json, tsconfig.json (strict, with the checks libraries most often fail: unchecked index access,
 * exact optional properties, and the package's .d.ts checked too), cdktf.json, and a lockfile: mecaas from the
 * tarball, everything else at the version and place this repository's lockfile has it, so `npm ci --offline` takes
 * it from npm's cache. With the engine `cdktn`, `cdktf` is CDK Terrain under cdktf's name, for mecaas and the provider
 * packages alike, as README.md tells a user to switch.
 */
function writeInstall(dir: string, tarball: string, engine: "cdktf" | "cdktn"): void {
  const manifest = JSON.parse(execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" }));
  const repoLock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")).packages as Record<string, any>;
  const userDependencies: Record<string, string> = {};
  for (const name of [...Object.keys(manifest.peerDependencies), ...USER_TOOLS]) userDependencies[name] = repoLock[`node_modules/${name}`].version;
  const terrain = engine === "cdktn";
  if (terrain) userDependencies.cdktf = `npm:cdktn@${repoLock["node_modules/cdktn"].version}`;
  const dependencies = { mecaas: `file:${relative(dir, tarball)}`, ...userDependencies };
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies },
    "node_modules/mecaas": {
      version: manifest.version,
      resolved: dependencies.mecaas,
      integrity: `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`,
      dependencies: manifest.dependencies,
      peerDependencies: manifest.peerDependencies,
    },
  };
  const locked = lockClosure(repoLock, [...Object.keys(manifest.dependencies), ...Object.keys(userDependencies)], terrain ? { cdktf: "cdktn" } : {});
  for (const key of locked) {
    const { dev, devOptional, peer, ...entry } = repoLock[key];
    // The alias: cdktn's files at cdktf's place, under its own name. Its tarball's address is written out (npm here
    // omits registry addresses from lockfiles), or npm would ask the registry what cdktn@0.24.0 is.
    if (terrain && key === "node_modules/cdktn") {
      packages["node_modules/cdktf"] = { name: "cdktn", resolved: `${REGISTRY}cdktn/-/cdktn-${entry.version}.tgz`, ...entry };
    }
    else packages[key] = entry;
  }
  writeJson(join(dir, "package.json"), {
    name: "consumer", version: "0.0.0", private: true, dependencies, ...(terrain ? { overrides: { cdktf: "$cdktf" } } : {}),
  });
  writeJson(join(dir, "package-lock.json"), { name: "consumer", version: "0.0.0", lockfileVersion: 3, requires: true, packages });
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: {
      target: "ES2022",
      module: "node16",
      moduleResolution: "node16",
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      skipLibCheck: false,
      types: ["jest"],
      rootDir: "src",
      outDir: "dist",
    },
    include: ["src"],
  });
  writeJson(join(dir, "cdktf.json"), { language: "typescript", app: "node dist/main.js", projectId: "mecaas-consumer-test", sendCrashReports: "false" });
}

/**
 * The lockfile keys of `roots` and everything they need, resolved as Node does in the lockfile's layout; `aliases`
 * maps a package name to the package installed under it.
 */
function lockClosure(lock: Record<string, any>, roots: string[], aliases: Record<string, string>): Set<string> {
  const closure = new Set<string>();
  const visit = (from: string, wanted: string) => {
    const dependency = aliases[wanted] ?? wanted;
    let dir = from;
    let key = `${dir ? `${dir}/` : ""}node_modules/${dependency}`;
    while (!lock[key] && dir) {
      dir = dir.includes("/node_modules/") ? dir.slice(0, dir.lastIndexOf("/node_modules/")) : "";
      key = `${dir ? `${dir}/` : ""}node_modules/${dependency}`;
    }
    if (!lock[key] || closure.has(key)) return; // an optional dependency not installed, or seen
    closure.add(key);
    const entry = lock[key];
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((peer) => !entry.peerDependenciesMeta?.[peer]?.optional);
    for (const next of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) visit(key, next);
  };
  for (const root of roots) visit("", root);
  return closure;
}

/** Writes each README.md block marked `<!-- consumer-test: <path> -->` into the user's project; returns the paths. */
function writeReadmeSnippets(dir: string): string[] {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const marked = [...readme.matchAll(/<!-- consumer-test: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)];
  for (const [, path, code] of marked) {
    mkdirSync(dirname(join(dir, path!)), { recursive: true });
    writeFileSync(join(dir, path!), `${code}\n`);
  }
  return marked.map(([, path]) => path!);
}

/** The files of lib/ and charts/ the compiled constructs read, as scripts/build.sh copies them into dist/. */
function runtimeAssets(): string[] {
  const walk = (dir: string): string[] => readdirSync(join(REPO, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(REPO, path)).isDirectory() ? walk(path) : [path];
  });
  const libFiles = walk("lib").filter((f) => (!f.endsWith(".ts") || f.endsWith(".d.ts")) && !f.startsWith("lib/testdata/"));
  return [...libFiles, ...walk("charts/mep"), ...walk("charts/mec-app-instance"), ...walk("charts/openstack-integration"), ...walk("charts/mecaas")].sort();
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
