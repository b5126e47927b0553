import { ChildProcess, spawn } from "child_process";
import { createHash } from "crypto";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/*
 * The test bed's OpenStack listens on the host's 127.0.0.1 only, and its Keystone catalog names 127.0.0.1 URLs; a
 * node (its own network namespace) cannot reach them. For pods in a node's network (hostNetwork: the CCM, and the
 * CSI controller on the test bed) this relays each API port from the node's 127.0.0.1 to the host's, through a Unix
 * socket of the host (a relay process inside the node's namespace, another on the host), so the catalog's URLs work
 * there as on the host. A real cloud's nodes reach its APIs over the network: this stands in for that route only.
 */

/** Keystone, Nova, Cinder, Neutron: what the CCM and the Cinder CSI controller call. */
export const OPENSTACK_API_PORTS = [5000, 8774, 8776, 9696];
const RELAY = join(__dirname, "tcp-relay.js");

/** The network namespace testbed/nodes/node.sh gives a node: mecaas-<first 8 hex of sha256(name)>. */
export const netnsOf = (node: string) => `mecaas-${createHash("sha256").update(node).digest("hex").slice(0, 8)}`;

export class OpenStackApiRelay {
  private readonly dir = mkdtempSync(join(tmpdir(), "mecaas-os-relay-"));
  private readonly processes: ChildProcess[] = [];
  private host?: Promise<void>;

  /** Relays the API ports into each node's namespace (the host side once). */
  async into(nodes: readonly string[]): Promise<void> {
    this.host ??= this.start(process.execPath, [], OPENSTACK_API_PORTS.map((p) => `unix:${this.socket(p)}=tcp:127.0.0.1:${p}`));
    await this.host;
    for (const node of nodes) {
      await this.start("ip", ["netns", "exec", netnsOf(node), process.execPath], OPENSTACK_API_PORTS.map((p) => `tcp:127.0.0.1:${p}=unix:${this.socket(p)}`));
    }
  }

  /** Stops every relay (before the nodes stop: a process in a namespace keeps it alive). */
  close(): void {
    for (const child of this.processes) child.kill("SIGTERM");
    this.processes.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private socket(port: number): string {
    return join(this.dir, `${port}.sock`);
  }

  private start(command: string, prefix: string[], pairs: string[]): Promise<void> {
    const child = spawn(command, [...prefix, RELAY, ...pairs], { stdio: ["ignore", "pipe", "pipe"] });
    this.processes.push(child);
    let said = "";
    return new Promise((resolve, reject) => {
      const fail = () => reject(new Error(`tcp-relay ${pairs.join(" ")} did not start: ${said}`));
      child.stdout!.on("data", (d) => { said += d; if (said.includes("ready")) resolve(); });
      child.stderr!.on("data", (d) => { said += d; });
      child.once("exit", fail);
    });
  }
}
