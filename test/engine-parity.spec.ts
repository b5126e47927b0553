import { spawn } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { exampleCatalogs } from "./synth";

/*
 * CDK for Terraform 0.21.0 (HashiCorp's last) and CDK Terrain 0.24.0 (its maintained fork) synthesize every example
 * catalog to the same Terraform JSON: the same files, the same stacks, the same chart assets byte for byte. They
 * differ only where each names itself: the `version` of every stack's metadata, and the stack traces of the
 * manifest's annotations (paths into the engine's own sources). Each engine runs in a process of its own, as a user's
 * app would with one or the other installed.
 */
const REPO = join(__dirname, "..");
const ENGINES = { cdktf: "0.21.0", cdktn: "0.24.0" } as const;
type Engine = keyof typeof ENGINES;

let work: string;
const synthesized = {} as Record<Engine, Map<string, Buffer>>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "mecaas-engines-"));
  await Promise.all((Object.keys(ENGINES) as Engine[]).map(async (engine) => {
    const outroot = join(work, engine);
    await synthesizeExamples(engine, outroot);
    synthesized[engine] = new Map(files(outroot).map((file) => [relative(outroot, file), readFileSync(file)]));
  }));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("both engines write the same files for every example", () => {
  const names = exampleCatalogs().map((catalog) => catalog.split("/").pop()!);
  expect([...new Set([...synthesized.cdktf.keys()].map((file) => file.split("/")[0]))].sort()).toEqual(names);
  expect([...synthesized.cdktn.keys()].sort()).toEqual([...synthesized.cdktf.keys()].sort());
});

test("every stack is the same Terraform JSON, and every manifest lists the same stacks, dependencies and annotations", () => {
  const stacks = [...synthesized.cdktf.keys()].filter((file) => file.endsWith("/cdk.tf.json"));
  const manifests = [...synthesized.cdktf.keys()].filter((file) => file.endsWith("/manifest.json"));
  expect(stacks.length).toBeGreaterThan(20);
  expect(manifests).toHaveLength(exampleCatalogs().length);
  for (const file of [...stacks, ...manifests]) {
    const [cdktf, cdktn] = (Object.keys(ENGINES) as Engine[]).map((engine) => {
      const json = JSON.parse(synthesized[engine].get(file)!.toString("utf8"), (key, value) => (key === "stacktrace" ? undefined : value));
      // Where each engine names its own version: a stack's metadata, the manifest's top level.
      const named = file.endsWith("/manifest.json") ? json : json["//"].metadata;
      expect({ file, version: named.version }).toEqual({ file, version: ENGINES[engine] });
      delete named.version;
      return json;
    });
    expect({ file, json: cdktn }).toEqual({ file, json: cdktf });
  }
});

test("every other file (the charts' assets) is the same bytes", () => {
  const others = [...synthesized.cdktf.keys()].filter((file) => !/\/(cdk\.tf|manifest)\.json$/.test(file));
  expect(others.length).toBeGreaterThan(0);
  for (const file of others) expect({ file, same: synthesized.cdktn.get(file)?.equals(synthesized.cdktf.get(file)!) }).toEqual({ file, same: true });
});

function synthesizeExamples(engine: Engine, outroot: string): Promise<void> {
  const hook = engine === "cdktn" ? ["-r", join(__dirname, "support", "cdktn-engine.js")] : [];
  const child = spawn(process.execPath, [...hook, "-r", "ts-node/register/transpile-only", join(__dirname, "support", "synth-examples.ts"), outroot],
    { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => child.on("close", (status) =>
    (status === 0 ? resolve() : reject(new Error(`${engine} synth of the examples failed (exit ${status}):\n${output}`)))));
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}
