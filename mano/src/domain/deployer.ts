/**
 * How an app instance gets onto the CSP's cluster. The Edge MANO knows only this interface; `HelmDeployer` is the
 * real one: it runs the helm CLI against the cluster of the configured kubeconfig.
 */
import { spawn } from "child_process";
import type { HelmConfig } from "../config";

/** One app instance's release: its name, the package's chart (MCIOP), and the worker pool it runs on. */
export interface AppDeployment {
  readonly release: string;
  readonly chart: string;
  /** The MEC host: a worker pool, whose nodes carry the label `mecaas.io/pool` (K8sClusterVnf). */
  readonly pool: string;
  /** The app's Mp1 identity Secret, given to the chart at this dotted value path (when the Edge MANO has a MEP). */
  readonly identity?: { readonly value: string; readonly secretName: string };
}

/** The node label K8sClusterVnf gives every node of a worker pool. */
export const POOL_LABEL = "mecaas.io/pool";

export interface Deployer {
  /** Installs or upgrades the release and waits until it is ready; repeating it is harmless. */
  install(deployment: AppDeployment): Promise<void>;
  /** Removes the release and waits until its resources are gone; a release that is not there is no error. */
  uninstall(deployment: AppDeployment): Promise<void>;
}

/** What helm printed last is what says why it failed; the rest would only bury it. */
const STDERR_TAIL = 2000;

export class HelmDeployer implements Deployer {
  constructor(private readonly helm: HelmConfig) {}

  /** The chart is given the pool as its `nodeSelector` (the usual chart value; charts/mec-app-sample takes it). */
  install({ release, chart, pool, identity }: AppDeployment) {
    return this.run([
      "upgrade", "--install", release, chart, ...(this.helm.createNamespace ? ["--create-namespace"] : []), "--wait", "--set-json", `nodeSelector=${JSON.stringify({ [POOL_LABEL]: pool })}`,
      ...(identity ? ["--set-string", `${identity.value}=${identity.secretName}`] : []),
    ]);
  }

  uninstall({ release }: AppDeployment) {
    return this.run(["uninstall", release, "--ignore-not-found", "--wait"]);
  }

  private async run(args: string[]): Promise<void> {
    const { binary, kubeconfig, namespace, timeoutSeconds } = this.helm;
    const full = [...args, "--namespace", namespace, "--kubeconfig", kubeconfig, "--timeout", `${timeoutSeconds}s`];
    // helm's own --timeout bounds its waits; the process is killed if it outlives that by a margin.
    await runTool(binary, full, (timeoutSeconds + 30) * 1000, `helm ${args[0]} ${args[args[0] === "upgrade" ? 2 : 1]}`);
  }
}

/**
 * Runs a CLI (helm, kubectl) to its end and resolves with what it printed on stdout (kubectl's `-o json`); `input`
 * goes to its standard input (how a Secret reaches kubectl: never on a command line, which /proc shows). Rejects
 * with the tail of what it printed on stderr.
 */
export function runTool(binary: string, args: string[], timeoutMs: number, what: string, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs, killSignal: "SIGKILL" });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-16 * STDERR_TAIL)));
    child.on("error", (err) => reject(new Error(`${what} could not run ${binary}: ${err.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(stdout).toString("utf8"));
      reject(new Error(`${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-STDERR_TAIL) || "no message"}`));
    });
    child.stdin.on("error", () => undefined); // a tool that exits without reading its input fails by its exit code
    child.stdin.end(input ?? "");
  });
}

/** Runs kubectl against the CSP's cluster with the Edge MANO's kubeconfig, bounded like helm; resolves with its stdout. */
export function runKubectl(kubectl: string, { kubeconfig, timeoutSeconds }: HelmConfig, args: string[], what: string, input?: string): Promise<string> {
  return runTool(kubectl, [...args, "--kubeconfig", kubeconfig, `--request-timeout=${timeoutSeconds}s`], (timeoutSeconds + 30) * 1000, what, input);
}
