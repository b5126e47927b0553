import { InputError } from "./validation";
import * as fs from "fs";
import * as path from "path";
import { App, AssetType, Fn, TerraformAsset, Token } from "./cdk";
import { Construct } from "constructs";

/** The repository root: charts shipped with mecaas live in `<root>/charts/<name>`. */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** Content hashes of the chart directories each app has copied (a synth never sees a chart change). */
const chartHashes = new WeakMap<App, Map<string, string>>();

/** Directory of a chart shipped with mecaas, e.g. `projectChartDir("mep")`. */
export function projectChartDir(name: string): string {
  return path.join(REPO_ROOT, "charts", name);
}

/** Where a chart comes from, as the flat props of a construct spell it. */
export interface ChartLocation {
  /** A local chart directory. */
  readonly path?: string;
  /** An HTTP(S) chart repository URL or an `oci://` registry path. */
  readonly repository?: string;
  /** The chart's name in `repository`. */
  readonly name?: string;
  /** The chart version (required with a repository: an unpinned chart changes under a plan). */
  readonly version?: string;
}

/** The `chart`, `repository` and `version` arguments of a helm_release. */
export interface ReleaseChart {
  readonly chart: string;
  readonly repository?: string;
  readonly version?: string;
}

/**
 * Turns a chart location into helm_release arguments. A local chart is copied into the synthesized stack as a
 * TerraformAsset, so `cdktf.out` is self-contained and the path in the plan is relative and machine-independent.
 * `where` is the construct path and `field` the prop prefix, so errors say exactly what to fix.
 */
export function releaseChart(scope: Construct, id: string, loc: ChartLocation, where: string, field: string): ReleaseChart {
  if (loc.path !== undefined && loc.repository !== undefined) {
    throw new InputError(where, [
      `${field}Path "${loc.path}" and ${field}Repository "${loc.repository}" are both set; ` +
        `give a local chart directory or a repository, not both`,
    ]);
  }
  if (loc.repository !== undefined) {
    if (!Token.isUnresolved(loc.repository) && !/^(https?|oci):\/\/\S+$/.test(loc.repository)) {
      throw new InputError(where, [
        `${field}Repository "${loc.repository}" is not a chart repository URL; ` +
          `use "https://charts.example.org" or "oci://registry.example.org/charts"`,
      ]);
    }
    if (!loc.name) {
      throw new InputError(where, [`${field}Name is required with ${field}Repository "${loc.repository}" (the chart's name in it)`]);
    }
    if (!loc.version) {
      throw new InputError(where, [
        `${field}Version is required with ${field}Repository "${loc.repository}"; ` +
          `pin the chart version (e.g. "1.2.3") so a plan never picks up a new chart by itself`,
      ]);
    }
    return { chart: loc.name, repository: loc.repository, version: loc.version };
  }
  if (loc.path === undefined) {
    throw new InputError(where, [`no chart given; set ${field}Path (a local chart directory) or ${field}Repository, ${field}Name and ${field}Version`]);
  }
  const abs = path.resolve(loc.path);
  if (!fs.existsSync(path.join(abs, "Chart.yaml"))) {
    throw new InputError(where, [`${field}Path "${loc.path}" is not a Helm chart (no Chart.yaml in ${abs}); point it at the chart's directory`]);
  }
  // Hashing a chart reads every file of it: once per chart and app, however many releases install it.
  const hashes = chartHashes.get(App.of(scope)) ?? new Map<string, string>();
  chartHashes.set(App.of(scope), hashes);
  const asset = new TerraformAsset(scope, id, { path: abs, type: AssetType.DIRECTORY, assetHash: hashes.get(abs) });
  hashes.set(abs, asset.assetHash);
  return { chart: asset.path, version: loc.version };
}

/**
 * Helm values as the single YAML document of a helm_release's `values`. Plain JSON (which is YAML) when every
 * value is known at synth, so the plan shows readable values and tests can feed them to `helm template`;
 * `jsonencode()` when some are Terraform references.
 */
export function helmValues(values: object): string {
  return jsonDocument(values);
}

/** A JSON document for Terraform: literal JSON when fully known at synth, `jsonencode()` (which escapes PEMs and
 * other references correctly) when some values are Terraform references. */
export function jsonDocument(value: object): string {
  return hasToken(value) ? Fn.jsonencode(value) : JSON.stringify(value);
}

function hasToken(v: unknown): boolean {
  if (Token.isUnresolved(v)) return true;
  if (Array.isArray(v)) return v.some(hasToken);
  if (v !== null && typeof v === "object") return Object.values(v).some(hasToken);
  return false;
}

/** Merges `over` into `base` recursively (for Helm values); `over` wins, arrays are replaced. */
export function deepMerge(base: Record<string, any>, over: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
