import { readFileSync, writeFileSync } from "fs";
import { join } from "path";

/*
 * Turns our app's synthesized output into the input of the plain-cdktf baseline: per stack, every provider,
 * resource, data source and output with its configuration already resolved. Runs outside any timed region.
 */

export interface AssetSpec {
  readonly stack: string;
  readonly scopes: string[];
  readonly sourcePath: string;
  readonly type: number;
}

export interface BaselineStack {
  readonly name: string;
  readonly dependencies: string[];
  readonly providers: { type: string; source?: string; version?: string; alias?: string; attrs: Record<string, unknown> }[];
  readonly resources: { type: string; name: string; attrs: Record<string, unknown> }[];
  readonly data: { type: string; name: string; attrs: Record<string, unknown> }[];
  readonly outputs: { name: string; attrs: Record<string, unknown> }[];
  readonly variables: { name: string; attrs: Record<string, unknown> }[];
  readonly locals: { name: string; value: unknown }[];
  readonly assets: AssetSpec[];
  /** Path of the stack's local state file, when it has one. */
  readonly localStatePath?: string;
}

/** Blocks a stack's JSON may have that the baseline rebuilds; anything else fails loudly instead of being dropped. */
const KNOWN_BLOCKS = new Set(["//", "terraform", "provider", "resource", "data", "output", "variable", "locals"]);

function withoutMetadata(o: Record<string, unknown>): Record<string, unknown> {
  const { ["//"]: _meta, ...rest } = o;
  return rest;
}

export function readSynthOutput(outdir: string): { name: string; dependencies: string[]; json: any }[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks).map((s: any) => ({
    name: s.name,
    dependencies: s.dependencies,
    json: JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")),
  }));
}

export function buildBaselineInput(outdir: string, assets: AssetSpec[]): BaselineStack[] {
  return readSynthOutput(outdir).map(({ name, dependencies, json }) => {
    for (const block of Object.keys(json)) {
      if (!KNOWN_BLOCKS.has(block)) throw new Error(`stack ${name}: block "${block}" has no baseline equivalent yet; add it to bench/synth`);
    }
    const required = json.terraform?.required_providers ?? {};
    const extraTerraform = Object.keys(json.terraform ?? {}).filter((k) => k !== "backend" && k !== "required_providers");
    if (extraTerraform.length) throw new Error(`stack ${name}: terraform.${extraTerraform.join(", ")} has no baseline equivalent yet`);
    const backend = Object.keys(json.terraform?.backend ?? {});
    // The baseline stack gets a local backend at the same path; other backends are not rebuilt yet.
    if (backend.length && backend[0] !== "local") throw new Error(`stack ${name}: backend ${backend[0]} is not rebuilt by the baseline`);
    const entries = (block: string) =>
      Object.entries(json[block] ?? {}).flatMap(([type, byName]) =>
        Object.entries(byName as Record<string, any>).map(([n, attrs]) => ({ type, name: n, attrs: withoutMetadata(attrs) })));
    return {
      name,
      dependencies,
      providers: Object.entries(json.provider ?? {}).flatMap(([type, list]) =>
        (list as Record<string, unknown>[]).map((cfg) => {
          const { alias, ...attrs } = cfg;
          return { type, source: required[type]?.source, version: required[type]?.version, alias: alias as string | undefined, attrs };
        })),
      resources: entries("resource"),
      data: entries("data"),
      outputs: Object.entries(json.output ?? {}).map(([n, attrs]) => ({ name: n, attrs: attrs as Record<string, unknown> })),
      variables: Object.entries(json.variable ?? {}).map(([n, attrs]) => ({ name: n, attrs: attrs as Record<string, unknown> })),
      locals: Object.entries(json.locals ?? {}).map(([n, value]) => ({ name: n, value })),
      assets: assets.filter((a) => a.stack === name),
      localStatePath: json.terraform?.backend?.local?.path,
    };
  });
}

export function writeBaselineInput(outdir: string, assetsFile: string, out: string): void {
  const assets = JSON.parse(readFileSync(assetsFile, "utf8")) as AssetSpec[];
  writeFileSync(out, JSON.stringify(buildBaselineInput(outdir, assets)));
}

/** Everything in a stack's JSON but cdktf's own "//" metadata (construct paths differ by design), keys sorted. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).filter((k) => k !== "//").sort().map((k) => [k, canonical((v as any)[k])]));
  }
  return v;
}
