/**
 * Test support for charts/mec-app-instance: runs a registration hook job's script outside Kubernetes, exactly as
 * the chart renders it (script files from its ConfigMap, request body from its Secret, environment from its Job),
 * with dash and curl. Only what Kubernetes would provide is given here: the admin credential the secretKeyRefs
 * point at, an optional CA file, and (when the in-cluster MEP name cannot resolve here) the MEP URL.
 */
import { execFile } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Manifest, findManifest } from "../../test/support/helm";

export interface HookRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HookJobOptions {
  /** The admin credential (what the Job's secretKeyRefs resolve to). */
  readonly adminClientId: string;
  readonly adminClientSecret: string;
  /** Replaces the rendered MEP_URL (the in-cluster Service name does not resolve outside the cluster). */
  readonly mepUrl?: string;
  /** CA bundle, as the chart's caConfigMap mount would provide it. */
  readonly caFile?: string;
}

/** Runs the `<release>-register` or `<release>-deregister` job of rendered mec-app-instance manifests. */
export function runHookJob(manifests: Manifest[], job: "register" | "deregister", options: HookJobOptions): Promise<HookRun> {
  const dir = mkdtempSync(join(tmpdir(), "mecaas-job-"));
  for (const [name, text] of Object.entries(findManifest(manifests, "ConfigMap").data as Record<string, string>)) {
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, "body.json"), Buffer.from(findManifest(manifests, "Secret").data["body.json"], "base64"));
  const jobs = manifests.filter((m) => m.kind === "Job" && m.metadata.name.endsWith(`-${job}`));
  if (jobs.length !== 1) throw new Error(`expected one ${job} Job, found ${jobs.length}`);
  const container = jobs[0].spec.template.spec.containers[0];
  const env: Record<string, string> = {
    PATH: process.env.PATH!,
    MECAAS_SCRIPTS: dir,
    REQUEST_FILE: join(dir, "body.json"),
    TMPDIR: dir,
  };
  for (const e of container.env) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.name === "ADMIN_CLIENT_ID") env[e.name] = options.adminClientId;
    else if (e.name === "ADMIN_CLIENT_SECRET") env[e.name] = options.adminClientSecret;
  }
  if (options.mepUrl !== undefined) env.MEP_URL = options.mepUrl;
  if (options.caFile !== undefined) env.MEP_CA_FILE = options.caFile;
  const script = String(container.command[1]).replace("/opt/mecaas", dir);
  return new Promise((resolve) => {
    execFile("dash", [script], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
