import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseAllDocuments } from "yaml";
import { requireTool } from "./tools";
import { KUBERNETES_VERSION } from "./kubernetes-schema";

/** One rendered Kubernetes object, as parsed from `helm template`. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: any;
}

export interface RenderOptions {
  /** @default "test" */
  readonly releaseName?: string;
  /** @default "mecaas" */
  readonly namespace?: string;
}

export interface HelmResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the helm CLI with the chart's values passed as a file (JSON is YAML), so any value shape goes through; no
 * values (`undefined`) for the commands that take none (`helm get`, `helm status`). `env` adds variables, e.g.
 * KUBECONFIG for the commands that talk to a cluster.
 */
export function runHelm(args: string[], values?: object, env: Record<string, string> = {}): HelmResult {
  const helm = requireTool("helm");
  const dir = mkdtempSync(join(tmpdir(), "mecaas-helm-"));
  try {
    const valuesArgs: string[] = [];
    if (values !== undefined) {
      const valuesFile = join(dir, "values.json");
      writeFileSync(valuesFile, JSON.stringify(values));
      valuesArgs.push("-f", valuesFile);
    }
    // HELM_* dirs in the temp folder keep helm away from the user's repositories and plugins.
    const fullEnv = { ...process.env, ...env, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir };
    const result = spawnSync(helm, [...args, ...valuesArgs], { encoding: "utf8", env: fullEnv, maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function templateArgs(chartDir: string, options: RenderOptions): string[] {
  return [
    "template", options.releaseName ?? "test", chartDir,
    "--namespace", options.namespace ?? "mecaas",
    // Render for the Kubernetes release whose schemas validate the output.
    "--kube-version", KUBERNETES_VERSION,
  ];
}

/** `helm template` of a chart with the given values; throws with helm's message if the render fails. */
export function renderChart(chartDir: string, values: object = {}, options: RenderOptions = {}): Manifest[] {
  const result = runHelm(templateArgs(chartDir, options), values);
  if (!result.ok) throw new Error(`helm template ${chartDir} failed:\n${result.stderr}`);
  return parseManifests(result.stdout, `helm template ${chartDir}`);
}

/** The objects of a multi-document YAML stream helm printed (`helm template`, `helm get manifest`, `helm get hooks`). */
export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${source} printed invalid YAML: ${doc.errors[0].message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

/** The message helm prints when it refuses to render; throws if the render succeeds. */
export function renderChartFailure(chartDir: string, values: object, options: RenderOptions = {}): string {
  const result = runHelm(templateArgs(chartDir, options), values);
  if (result.ok) throw new Error(`helm template ${chartDir} rendered, but a failure was expected`);
  return result.stderr;
}

/** `helm lint --strict` of a chart with the given values. */
export function lintChart(chartDir: string, values: object = {}): HelmResult {
  return runHelm(["lint", "--strict", chartDir, "--kube-version", KUBERNETES_VERSION], values);
}

/** The spec every chart has: `helm lint --strict` with the values it needs passes, and prints nothing on stderr. */
export function itPassesHelmLint(chartDir: string, values: object = {}): void {
  test("passes helm lint --strict", () => {
    const result = lintChart(chartDir, values);
    expect(result.stderr).toBe("");
    expect(result.ok).toBe(true);
  });
}

/** The one manifest of a kind (and name, when several share the kind); throws if there is not exactly one. */
export function findManifest(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) {
    const seen = manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(", ");
    throw new Error(`expected one ${kind}${name ? `/${name}` : ""}, found ${found.length} among: ${seen}`);
  }
  return found[0];
}
