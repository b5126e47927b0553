/**
 * How an app instance gets onto the CSP's cluster. The Edge MANO knows only this interface; `HelmDeployer` is the
 * real one: it runs the helm CLI against the cluster of the configured kubeconfig.
 */
import { execFile } from "child_process";
import type { HelmConfig } from "../config";

/** One app instance's release: its name, the package's chart (MCIOP), and the worker pool it runs on. */
export interface AppDeployment {
  readonly release: string;
  readonly chart: string;
  /** The MEC host: a worker pool, whose nodes carry the label `mecaas.io/pool` (K8sClusterVnf). */
  readonly pool: string;
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
  install({ release, chart, pool }: AppDeployment) {
    return this.run(["upgrade", "--install", release, chart, "--create-namespace", "--wait", "--set-json", `nodeSelector=${JSON.stringify({ [POOL_LABEL]: pool })}`]);
  }

  uninstall({ release }: AppDeployment) {
    return this.run(["uninstall", release, "--ignore-not-found", "--wait"]);
  }

  private run(args: string[]): Promise<void> {
    const { binary, kubeconfig, namespace, timeoutSeconds } = this.helm;
    const full = [...args, "--namespace", namespace, "--kubeconfig", kubeconfig, "--timeout", `${timeoutSeconds}s`];
    return new Promise((resolve, reject) => {
      // helm's own --timeout bounds its waits; the process is killed if it outlives that by a margin.
      execFile(binary, full, { timeout: (timeoutSeconds + 30) * 1000, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) => {
        if (!error) return resolve();
        const said = stderr.trim().slice(-STDERR_TAIL) || error.message;
        reject(new Error(`helm ${args[0]} ${args[args[0] === "upgrade" ? 2 : 1]} failed (${error.signal ?? `exit ${error.code}`}): ${said}`));
      });
    });
  }
}
