import { spawn } from "child_process";
import { join } from "path";
import { Kubectl, TOOLS } from "./nodes";

/** mano/src/cli.ts as the Edge MANO's image (images/build.sh mano, a STAND-IN) ships it. */
const CLI = "/app/dist/mano/src/cli.js";
/** The CLI with the OSS credential the pod holds: read from its environment, never put on a command line. */
const WITH_POD_CREDENTIAL = "process.env.MANO_CLIENT_ID=process.env.MANO_ADMIN_CLIENT_ID;"
  + `process.env.MANO_CLIENT_SECRET=process.env.MANO_ADMIN_CLIENT_SECRET;require(${JSON.stringify(CLI)}).main(process.argv.slice(1))`;

/**
 * `mecaas-mano`, the CSP operator's CLI, run inside the Edge MANO's pod against its Mm1 on localhost: what an operator
 * with `kubectl exec` rights does. A package file is handed over on stdin (the image's root is read-only).
 */
export class EdgeManoCli {
  constructor(private readonly kubectl: Kubectl, private readonly namespace: string, private readonly deployment: string) {}

  /** Runs one command and returns what it printed (JSON); throws with its stderr when it exits non-zero. */
  run(args: string[], stdin?: string): any {
    // The exec outlives Kubectl's 10 s request timeout: an instantiation waits for the app's confirm_ready.
    const result = this.kubectl.run(["--request-timeout=0", "exec", ...(stdin === undefined ? [] : ["-i"]), "-n", this.namespace,
      `deploy/${this.deployment}`, "--", "node", "-e", WITH_POD_CREDENTIAL, ...args], stdin);
    if (result.status !== 0) throw new Error(`mecaas-mano ${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  }
}

/** Seconds from an occurrence's start (the request that made it) to the state it is in (a MEC 010-2 TimeStamp each). */
export function occurrenceSeconds(occ: { startTime: TimeStamp; stateEnteredTime: TimeStamp }): number {
  const at = (t: TimeStamp) => t.seconds + t.nanoSeconds / 1e9;
  return at(occ.stateEnteredTime) - at(occ.startTime);
}
interface TimeStamp { readonly seconds: number; readonly nanoSeconds: number }

/**
 * Follows a pod's log until the pod is gone (or `seconds` pass): what the app said while being terminated, which
 * nobody can read once its release is uninstalled. Resolves with the JSON lines it logged.
 */
export function followLog(kubectl: Kubectl, namespace: string, pod: string, seconds: number): Promise<any[]> {
  return new Promise((resolve) => {
    const child = spawn(join(TOOLS, "bin/kubectl"), ["--kubeconfig", kubectl.kubeconfig, "logs", "--follow", "-n", namespace, pod],
      { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk) => { out += chunk; });
    const timer = setTimeout(() => child.kill(), seconds * 1000);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)));
    });
  });
}
