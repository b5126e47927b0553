/** A service under test as a process of its own (to be killed, signalled and restarted), run from its TypeScript. */
import { type ChildProcess, spawn } from "child_process";
import { dirname } from "path";
import type { HttpClient } from "./http-client";

/** Runs `node <entry> serve` with the environment added to this one; its stderr goes to the test's. */
export function runService(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--require", "ts-node/register/transpile-only", entry, "serve"], {
    cwd: dirname(dirname(entry)), env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d) => process.stderr.write(d));
  return child;
}

/** Resolves once GET /healthz answers 200; fails when the process exits first or 30 s pass. */
export async function waitUntilUp(client: HttpClient, child: ChildProcess) {
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await client.request("GET", "/healthz")).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the service did not start within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
