import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import { createReadStream, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { homedir, tmpdir } from "os";
import { join } from "path";
import { CatalogDeployment } from "./deployment";

/*
 * Boots the servers Terraform made on the test bed's OpenStack as real nodes (testbed/nodes/node.sh: systemd-nspawn,
 * systemd as PID 1, real cloud-init on exactly the user_data Nova holds for the server, its fixed address from its
 * Neutron port). Nova's fake driver boots nothing: these nodes are what a VM would run.
 *
 * k3s is a STAND-IN here (testbed/nodes/k3s-stand-in): the mirror below serves it at the release URL in place of
 * the k3s binary, and it runs the upstream Kubernetes components. README "What is verified here" says what it does not prove.
 */

const REPO_ROOT = join(__dirname, "../../..");
const NODE_SH = join(REPO_ROOT, "testbed/nodes/node.sh");
export const TOOLS = process.env.MECAAS_TOOLS ?? join(homedir(), ".cache/mecaas/tools");
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

function nodeSh(...args: string[]): string {
  return execFileSync("bash", [NODE_SH, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** What install-k3s.sh fetches: `<base>/<version with + escaped>/k3s` and its `sha256sum-amd64.txt`. */
export class K3sMirror {
  private server?: Server;
  private readonly dir = mkdtempSync(join(tmpdir(), "mecaas-k3s-mirror-"));
  private readonly files = new Map<string, string>();

  /** Builds the stand-in and publishes it as the release `version`. */
  publish(version: string): void {
    const binary = join(this.dir, "k3s");
    execFileSync("bash", [join(REPO_ROOT, "testbed/nodes/k3s-stand-in/build.sh"), binary], { stdio: "inherit" });
    const sha256 = createHash("sha256").update(readFileSync(binary)).digest("hex");
    writeFileSync(join(this.dir, "sha256sum-amd64.txt"), `${sha256}  k3s\n`);
    this.files.set(`/${version}/k3s`, binary);
    this.files.set(`/${version}/sha256sum-amd64.txt`, join(this.dir, "sha256sum-amd64.txt"));
  }

  /** Listens on every address (the nodes reach it through their network's gateway); returns the port. */
  async listen(): Promise<number> {
    this.server = createServer((request, response) => {
      const file = this.files.get(decodeURIComponent(new URL(request.url ?? "/", "http://mirror").pathname));
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "Content-Length": statSync(file).size });
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "0.0.0.0", resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The stand-ins of charts/openstack-integration's images (the CCM, the Cinder CSI plugin and its provisioner). */
const OPENSTACK_INTEGRATION_IMAGES = ["openstack-cloud-controller-manager", "cinder-csi-plugin", "csi-provisioner"];

/**
 * The image archives every node imports at boot (k3s's air-gap images folder): the project's images (the MEP, the
 * Edge MANO's STAND-IN, the sample app), pause, and the
 * stand-ins of curl (the hook Jobs), PostgreSQL and the OpenStack integration's.
 */
export function nodeImages(): string {
  const built = join(TOOLS, "images");
  execFileSync("bash", [join(REPO_ROOT, "images/build.sh"), "all", built], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "mecaas-node-images-"));
  for (const image of ["mep", "mano", "mec-app-sample", "pause", "curl", "postgres", ...OPENSTACK_INTEGRATION_IMAGES]) linkSync(join(built, `${image}.oci.tar`), join(dir, `${image}.tar`));
  writeFileSync(join(dir, "sandbox-image"), `${PAUSE_IMAGE}\n`);
  return dir;
}

export interface BootedNode {
  readonly name: string;
  readonly address: string;
  readonly floatingIp?: string;
}

/** The nodes of one deployment, booted from its servers; `destroyAll` leaves nothing of them on the host. */
export class TestbedNodes {
  private readonly booted = new Map<string, BootedNode>();
  /** node.sh start's arguments per node, to start a stopped one again. */
  private readonly startArgs = new Map<string, string[]>();
  private readonly bridges = new Set<string>();
  /** Floating IPs the host DNATs to a virtual IP. */
  private readonly dnats = new Set<string>();
  private prepared = false;

  constructor(private readonly deployment: CatalogDeployment, private readonly images: string) {}

  /** Boots every server of `csp-<csp>` not booted yet; returns the nodes booted now. */
  async bootServers(csp: string, vim: string): Promise<BootedNode[]> {
    const admin = await this.deployment.adminClient();
    const project = await admin.findProject(`csp-${csp}`, await this.deployment.vimDomain(vim));
    const started: BootedNode[] = [];
    if (!this.prepared) {
      nodeSh("host-prepare");
      this.prepared = true;
    }
    for (const server of await admin.servers(project.id)) {
      if (this.booted.has(server.name)) continue;
      const userData = server["OS-EXT-SRV-ATTR:user_data"];
      if (!userData) throw new Error(`Nova holds no user_data for ${server.name}`);
      const { ports } = await admin.get("network", `/v2.0/ports?device_id=${server.id}`);
      if (ports.length !== 1) throw new Error(`${server.name} has ${ports.length} ports, the nodes here take one`);
      const [fixed] = ports[0].fixed_ips;
      const { subnet } = await admin.get("network", `/v2.0/subnets/${fixed.subnet_id}`);
      const { floatingips } = await admin.get("network", `/v2.0/floatingips?port_id=${ports[0].id}`);
      const bridge = `mb${createHash("sha256").update(subnet.network_id).digest("hex").slice(0, 8)}`;
      if (!this.bridges.has(bridge)) {
        nodeSh("network-up", bridge, `${subnet.gateway_ip}/${subnet.cidr.split("/")[1]}`);
        this.bridges.add(bridge);
      }
      const file = join(mkdtempSync(join(tmpdir(), "mecaas-user-data-")), "user-data");
      writeFileSync(file, Buffer.from(userData, "base64"));
      const floatingIp: string | undefined = floatingips[0]?.floating_ip_address;
      this.startArgs.set(server.name, [server.name, bridge, `${fixed.ip_address}/${subnet.cidr.split("/")[1]}`,
        subnet.gateway_ip, file, ...(floatingIp ? [floatingIp] : [])]);
      this.start(server.name);
      const node = { name: server.name, address: fixed.ip_address, floatingIp };
      this.booted.set(server.name, node);
      started.push(node);
    }
    return started;
  }

  /**
   * Floating IPs of `csp-<csp>` on a port no server has (a virtual IP, in servers' allowed address pairs): DNATed
   * by the host to that port's address, as Neutron's router would, so whichever node holds it answers. Returns each
   * floating IP with its address.
   */
  async routeVirtualIps(csp: string, vim: string): Promise<Record<string, string>> {
    const admin = await this.deployment.adminClient();
    const project = await admin.findProject(`csp-${csp}`, await this.deployment.vimDomain(vim));
    const { floatingips } = await admin.get("network", `/v2.0/floatingips?project_id=${project.id}`);
    const routed: Record<string, string> = {};
    for (const fip of floatingips) {
      if (!fip.port_id) continue;
      const { port } = await admin.get("network", `/v2.0/ports/${fip.port_id}`);
      if (port.device_id) continue;
      nodeSh("dnat-up", fip.floating_ip_address, port.fixed_ips[0].ip_address);
      this.dnats.add(fip.floating_ip_address);
      routed[fip.floating_ip_address] = port.fixed_ips[0].ip_address;
    }
    return routed;
  }

  /** Every IPv4 address on a node's interface now, e.g. `10.78.0.5/32` for a virtual IP it holds. */
  addresses(name: string): string[] {
    return nodeSh("addresses", name).split("\n").filter(Boolean);
  }

  private start(name: string): void {
    execFileSync("bash", [NODE_SH, "start", ...this.startArgs.get(name)!], { stdio: "inherit", env: { ...process.env, MECAAS_NODE_IMAGES: this.images } });
  }

  /** Powers a node off cleanly, as Nova's stop does, keeping its disk; returns the seconds it took. */
  stop(name: string): number {
    const started = Date.now();
    nodeSh("stop", name);
    return (Date.now() - started) / 1000;
  }

  /** Starts a stopped node again from its disk: a VM's reboot (cloud-init does not run its user-data again). */
  restart(name: string): void {
    this.start(name);
  }

  /** Runs a command inside a running node as root (an operator's ssh session to the VM); its exit status and output. */
  exec(name: string, ...command: string[]): { status: number; output: string } {
    const run = spawnSync("bash", [NODE_SH, "exec", name, ...command], { encoding: "utf8" });
    return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
  }

  /** Powers a node off cleanly, as Nova's stop does (its shutdown units run), and removes it from the host. */
  powerOff(name: string): number {
    const started = Date.now();
    nodeSh("destroy", name);
    this.booted.delete(name);
    return (Date.now() - started) / 1000;
  }

  /** A node's boot log and journal lines of one unit, for a failing spec's message. */
  console(name: string): string {
    const log = join(process.env.MECAAS_NODES_DIR ?? "/var/tmp/mecaas-testbed/nodes", name, "console.log");
    return existsSync(log) ? readFileSync(log, "utf8").slice(-4000) : "";
  }

  destroyAll(): void {
    try {
      for (const fip of this.dnats) nodeSh("dnat-down", fip);
      this.dnats.clear();
      // Workers first: their shutdown drains them through the API, which goes with the servers.
      const isServer = (name: string) => Number(/-controller(-\d+)?$/.test(name));
      const names = [...this.booted.keys()].sort((a, b) => isServer(a) - isServer(b));
      for (const name of names) this.powerOff(name);
      for (const bridge of this.bridges) nodeSh("network-down", bridge);
      this.bridges.clear();
    } finally {
      if (this.prepared) nodeSh("host-restore");
      this.prepared = false;
      rmSync(this.images, { recursive: true, force: true });
    }
  }
}

/**
 * Deploy timings of the node test bed, for bench/nodes: recorded when MECAAS_NODE_TIMINGS names a file (one JSON
 * object, step to seconds), never asserted on.
 */
export function recordTiming(step: string, seconds: number): void {
  const file = process.env.MECAAS_NODE_TIMINGS;
  if (!file) return;
  const timings = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  timings[step] = Math.round(seconds * 10) / 10;
  writeFileSync(file, JSON.stringify(timings, null, 2));
}

/** kubectl of the test bed's toolchain, with a kubeconfig written from a stack output. */
export class Kubectl {
  readonly kubeconfig: string;

  constructor(kubeconfigYaml: string) {
    this.kubeconfig = join(mkdtempSync(join(tmpdir(), "mecaas-kubeconfig-")), "config");
    writeFileSync(this.kubeconfig, kubeconfigYaml, { mode: 0o600 });
  }

  run(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
    const result = spawnSync(join(TOOLS, "bin/kubectl"), ["--kubeconfig", this.kubeconfig, "--request-timeout=10s", ...args],
      { encoding: "utf8", input });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  apply(manifest: object): void {
    const result = this.run(["apply", "-f", "-"], JSON.stringify(manifest));
    if (result.status !== 0) throw new Error(`kubectl apply: ${result.stderr}`);
  }

  /** Deletes the object and waits until it is gone (a namespace: with everything in it). */
  delete(manifest: object): void {
    const result = this.run(["delete", "-f", "-", "--wait"], JSON.stringify(manifest));
    if (result.status !== 0) throw new Error(`kubectl delete: ${result.stderr}`);
  }

  json(...args: string[]): any {
    const result = this.run([...args, "-o", "json"]);
    if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  }

  /** Retries `probe` every second until it returns a value, or fails with the last error after `seconds`. */
  async waitFor<T>(what: string, seconds: number, probe: () => T | undefined): Promise<{ value: T; seconds: number }> {
    const started = Date.now();
    let last: unknown;
    while (Date.now() - started < seconds * 1000) {
      try {
        const value = probe();
        if (value !== undefined) return { value, seconds: (Date.now() - started) / 1000 };
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`${what} within ${seconds}s: ${last ?? "not yet"}`);
  }
}
