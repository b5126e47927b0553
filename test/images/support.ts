/** Reading the OCI archives images/build.js writes, and running an image's rootfs with runc, for images.spec.ts. */
import { ChildProcess, spawn, spawnSync, SpawnSyncOptions } from "child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from "fs";
import { join } from "path";

/** Runs a command to its end; fails with its output unless it exits 0. */
export function sh(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message} (scripts/setup.sh installs it)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return String(result.stdout);
}

export interface Descriptor { mediaType: string; digest: string; size: number; annotations?: Record<string, string>; platform?: { architecture: string; os: string } }

/** An extracted OCI layout: its index, the one manifest, its config and the path of its layer blob. */
export function readLayout(layout: string) {
  const blob = (d: Descriptor) => join(layout, "blobs", ...d.digest.split(":"));
  const index = JSON.parse(readFileSync(join(layout, "index.json"), "utf8")) as { manifests: Descriptor[] };
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0]), "utf8")) as { mediaType: string; config: Descriptor; layers: Descriptor[] };
  const config = JSON.parse(readFileSync(blob(manifest.config), "utf8"));
  return { index, manifest, config, blob, layer: blob(manifest.layers[0]) };
}

export interface TarEntry { name: string; type: string; mode: number; uid: number; gid: number; uname: string; gname: string; mtime: number; size: number; linkname: string; magic: string }

/** Every entry of a tar file in archive order, as its headers say (pax extended headers applied). */
export function readTar(file: string): TarEntry[] {
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(512);
  const fd = openSync(file, "r");
  try {
    let offset = 0;
    let pax: Record<string, string> = {};
    for (;;) {
      if (readSync(fd, header, 0, 512, offset) < 512) throw new Error(`${file}: truncated at ${offset}`);
      if (header.every((b) => b === 0)) break;
      const text = (start: number, length: number) => {
        const field = header.subarray(start, start + length);
        const end = field.indexOf(0);
        return field.subarray(0, end < 0 ? length : end).toString("utf8");
      };
      const octal = (start: number, length: number) => parseInt(text(start, length).trim() || "0", 8);
      const type = text(156, 1) || "0";
      const size = Number(pax.size ?? octal(124, 12));
      offset += 512;
      if (type === "x" || type === "g") {
        const data = Buffer.alloc(size);
        readSync(fd, data, 0, size, offset);
        pax = {};
        for (let at = 0; at < size;) {
          const space = data.indexOf(" ", at);
          const length = Number(data.subarray(at, space).toString());
          const record = data.subarray(space + 1, at + length - 1).toString("utf8");
          pax[record.slice(0, record.indexOf("="))] = record.slice(record.indexOf("=") + 1);
          at += length;
        }
        if (type === "g") throw new Error(`${file}: a global pax header (not written by images/build.js)`);
      } else {
        const prefix = text(345, 155);
        entries.push({
          name: pax.path ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100)),
          type,
          mode: octal(100, 8),
          uid: Number(pax.uid ?? octal(108, 8)),
          gid: Number(pax.gid ?? octal(116, 8)),
          uname: pax.uname ?? text(265, 32),
          gname: pax.gname ?? text(297, 32),
          mtime: Number(pax.mtime ?? octal(136, 12)),
          size,
          linkname: pax.linkpath ?? text(157, 100),
          magic: text(257, 6),
        });
        pax = {};
      }
      offset += Math.ceil(size / 512) * 512;
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}

/** Orders paths as a tar sorted by name lists them: each directory's entries by name, a directory before its contents. */
export function tarOrder(a: string, b: string): number {
  const x = a.replace(/\/$/, "").split("/");
  const y = b.replace(/\/$/, "").split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return Buffer.compare(Buffer.from(x[i]), Buffer.from(y[i]));
  }
  return x.length - y.length;
}

/** A runtime bundle from an extracted OCI layout: the layer unpacked as root (owners kept), and umoci's config.json. */
export function makeBundle(layout: string, tag: string, bundle: string) {
  const rootfs = join(bundle, "rootfs");
  mkdirSync(rootfs, { recursive: true });
  sh("tar", ["--extract", "--file", readLayout(layout).layer, "--directory", rootfs, "--numeric-owner", "--same-permissions"]);
  // umoci turns the image config into a runtime config (args, user, cwd, env) as a container runtime would.
  sh("umoci", ["raw", "runtime-config", "--image", `${layout}:${tag}`, "--rootfs", rootfs, join(bundle, "config.json")]);
  return JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"));
}

/**
 * Makes the bundle's config.json as a restricted pod runs it: read-only root, no capabilities, writable tmpfs at
 * the given paths (owned by the image's user), extra environment, and on the host's network when asked. No
 * oomScoreAdj: without CAP_SYS_RESOURCE (this machine) runc cannot lower it.
 */
export function restrict(bundle: string, { env = [], tmpfs = [], hostNetwork = false, binds = [] }: { env?: string[]; tmpfs?: string[]; hostNetwork?: boolean; binds?: Array<{ source: string; destination: string }> }) {
  const config = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"));
  const { uid, gid } = config.process.user;
  config.process.terminal = false;
  config.process.env.push(...env);
  config.process.noNewPrivileges = true;
  config.process.capabilities = { bounding: [], effective: [], inheritable: [], permitted: [], ambient: [] };
  delete config.process.oomScoreAdj;
  config.root.readonly = true;
  config.hostname = "image-under-test";
  for (const destination of tmpfs) {
    config.mounts.push({ destination, type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "mode=0700", `uid=${uid}`, `gid=${gid}`] });
  }
  for (const { source, destination } of binds) config.mounts.push({ destination, type: "bind", source, options: ["rbind", "ro"] });
  if (hostNetwork) config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== "network");
  writeFileSync(join(bundle, "config.json"), JSON.stringify(config, null, 2));
}

/** A container started by `runc run` in the foreground: its output, its exit, and runc's other commands for it. */
export class RuncContainer {
  readonly exited: Promise<number | null>;
  output = "";
  private readonly process: ChildProcess;

  constructor(readonly state: string, readonly id: string, bundle: string) {
    this.process = spawn("runc", ["--root", state, "run", "--bundle", bundle, id], { stdio: ["ignore", "pipe", "pipe"] });
    this.process.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    this.process.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => this.process.once("exit", (code) => resolve(code)));
    void this.exited.then(() => (this.running = false));
  }

  running = true;

  runc(...args: string[]): string {
    return sh("runc", ["--root", this.state, ...args]);
  }

  /** The host PID of the container's first process, once runc says it runs. */
  async pid(): Promise<number> {
    for (let tries = 0; tries < 200; tries++) {
      const state = spawnSync("runc", ["--root", this.state, "state", this.id], { encoding: "utf8" });
      if (state.status === 0 && JSON.parse(state.stdout).status === "running") return JSON.parse(state.stdout).pid;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`container ${this.id} did not start:\n${this.output}`);
  }

  /** Stops whatever is left (after a failed test), and removes the container. */
  destroy(): void {
    spawnSync("runc", ["--root", this.state, "delete", "--force", this.id]);
    this.process.kill("SIGKILL");
  }
}

/** The status lines of a process (/proc/PID/status), or undefined when it is gone. */
export function procStatus(pid: number): Record<string, string> | undefined {
  try {
    const lines = readFileSync(`/proc/${pid}/status`, "utf8").split("\n");
    return Object.fromEntries(lines.filter(Boolean).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
  } catch {
    return undefined;
  }
}
