import { readdirSync, statSync } from "fs";
import { join } from "path";
import { isDeepStrictEqual } from "util";
import { canonical, readSynthOutput } from "./baseline-input";

/*
 * Checks that the baseline synthesized the same thing as our app: the same count of every provider, resource, data
 * source and output type, and (stronger) the same JSON per stack once cdktf's "//" metadata is set aside.
 */

export type Counts = Map<string, number>;

export interface Comparison {
  readonly stacks: number;
  readonly ours: Counts;
  readonly baseline: Counts;
  readonly countsMatch: boolean;
  /** Stacks whose JSON differs (metadata aside), or that are missing on one side. */
  readonly differingStacks: string[];
  readonly dependenciesMatch: boolean;
  readonly assetFiles: { ours: number; baseline: number };
  /** Occurrences of cross-stack references (remote state outputs) in our stacks' JSON. */
  readonly crossStackRefs: number;
}

/** "resource openstack_networking_port_v2" -> count, summed over all stacks. */
function countBlocks(stacks: { json: any }[]): Counts {
  const counts: Counts = new Map();
  const add = (k: string, n: number) => counts.set(k, (counts.get(k) ?? 0) + n);
  for (const { json } of stacks) {
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) add(`${kind} ${type}`, Object.keys(byName as object).length);
    }
    for (const [type, list] of Object.entries(json.provider ?? {})) add(`provider ${type}`, (list as unknown[]).length);
    add("output", Object.keys(json.output ?? {}).length);
    for (const block of ["variable", "locals"]) if (json[block]) add(block, Object.keys(json[block]).length);
  }
  return counts;
}

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    n += statSync(p).isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

export function compareOutputs(oursDir: string, baselineDir: string): Comparison {
  const ours = readSynthOutput(oursDir);
  const base = new Map(readSynthOutput(baselineDir).map((s) => [s.name, s]));
  const differingStacks: string[] = [];
  let dependenciesMatch = ours.length === base.size;
  for (const s of ours) {
    const b = base.get(s.name);
    if (!b || !isDeepStrictEqual(canonical(s.json), canonical(b.json))) differingStacks.push(s.name);
    if (!b || !isDeepStrictEqual([...s.dependencies].sort(), [...b.dependencies].sort())) dependenciesMatch = false;
  }
  for (const name of base.keys()) if (!ours.some((s) => s.name === name)) differingStacks.push(name);
  const oursCounts = countBlocks(ours);
  const baseCounts = countBlocks([...base.values()]);
  const keys = new Set([...oursCounts.keys(), ...baseCounts.keys()]);
  return {
    stacks: ours.length,
    ours: oursCounts,
    baseline: baseCounts,
    countsMatch: [...keys].every((k) => oursCounts.get(k) === baseCounts.get(k)),
    differingStacks,
    dependenciesMatch,
    assetFiles: { ours: countFiles(join(oursDir, "stacks")), baseline: countFiles(join(baselineDir, "stacks")) },
    crossStackRefs: ours.reduce((a, s) => a + (JSON.stringify(s.json).match(/data\.terraform_remote_state\./g)?.length ?? 0), 0),
  };
}

export function total(counts: Counts, prefix: string): number {
  return [...counts].filter(([k]) => k.startsWith(prefix)).reduce((a, [, n]) => a + n, 0);
}
