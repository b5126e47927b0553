/**
 * A cluster stand-in on loopback for the Edge MANO's kubectl and helm: real executables (Node scripts) that keep the
 * identity Secrets kubectl applies as files, and on `helm upgrade --install` start the REAL sample MEC app
 * (mep/sample-app, from its TypeScript) as the pod charts/mec-app-sample would run, its environment read from the
 * Secret the release names (identity.existingSecret), as the chart's Deployment reads it. `helm uninstall` stops it
 * (SIGTERM, as the kubelet) and waits for its exit. kubectl answers the Edge MANO's grant with one Ready node with
 * room, of whichever pool is asked for, and no pods. What this is not: Kubernetes (no scheduling, no pool, no
 * probes: helm here returns once the process is started, not once a pod is Ready).
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { scratchDir } from "../../../mep/test/support/scratch";

const REPO = resolve(__dirname, "..", "..", "..");
const SAMPLE_APP = join(REPO, "mep", "sample-app", "src", "main.ts");

const KUBECTL = `#!/usr/bin/env node
const fs = require("fs"), path = require("path");
const dir = path.join(__dirname, "secrets");
fs.mkdirSync(dir, { recursive: true });
const [verb, kind, name] = process.argv.slice(2);
if (verb === "apply") {
  const list = JSON.parse(fs.readFileSync(0, "utf8"));
  for (const item of list.items) if (item.kind === "Secret") fs.writeFileSync(path.join(dir, item.metadata.name + ".json"), JSON.stringify(item.stringData));
} else if (verb === "delete" && kind === "secret") {
  fs.rmSync(path.join(dir, name + ".json"), { force: true });
} else if (verb === "get" && (kind === "nodes" || kind === "pods")) {
  const node = { metadata: { name: "loopback" }, status: { allocatable: { cpu: "2", memory: "4Gi" }, conditions: [{ type: "Ready", status: "True" }] } };
  process.stdout.write(JSON.stringify({ kind: "List", items: kind === "nodes" ? [node] : [] }));
} else {
  console.error("kubectl stand-in: " + process.argv.slice(2).join(" ") + " is not known here"); process.exit(1);
}
`;

const HELM = `#!/usr/bin/env node
const fs = require("fs"), path = require("path"), net = require("net"), { spawn } = require("child_process");
const args = process.argv.slice(2);
const releases = path.join(__dirname, "releases");
fs.mkdirSync(releases, { recursive: true });
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
if (args[0] === "upgrade") {
  const release = args[2];
  const pidFile = path.join(releases, release + ".pid");
  if (fs.existsSync(pidFile) && alive(Number(fs.readFileSync(pidFile, "utf8")))) process.exit(0); // installed: an upgrade changes nothing here
  const set = args[args.indexOf("--set-string") + 1];
  const secretName = set.slice(set.indexOf("=") + 1);
  const secret = JSON.parse(fs.readFileSync(path.join(__dirname, "secrets", secretName + ".json"), "utf8"));
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const port = server.address().port;
    server.close(() => {
      const log = fs.openSync(path.join(releases, release + ".log"), "a");
      const child = spawn(process.execPath, ["--require", "ts-node/register/transpile-only", ${JSON.stringify(SAMPLE_APP)}], {
        cwd: ${JSON.stringify(REPO)}, detached: true, stdio: ["ignore", log, log],
        env: { ...process.env, MEC_APP_INSTANCE_ID: secret.appInstanceId, MEC_APP_CLIENT_SECRET: secret.clientSecret, MEP_URL: secret.mepUrl,
          MEC_APP_LISTEN_HOST: "127.0.0.1", MEC_APP_LISTEN_PORT: String(port), MEC_APP_CALLBACK_BASE_URL: "http://127.0.0.1:" + port },
      });
      fs.writeFileSync(pidFile, String(child.pid));
      child.unref();
      process.exit(0);
    });
  });
} else if (args[0] === "uninstall") {
  const pidFile = path.join(releases, args[1] + ".pid");
  if (!fs.existsSync(pidFile)) process.exit(0);
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  if (alive(pid)) process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 20000;
  const wait = () => {
    if (!alive(pid)) { fs.rmSync(pidFile); process.exit(0); }
    if (Date.now() > deadline) { console.error("Error: the app did not stop"); process.exit(1); }
    setTimeout(wait, 50);
  };
  wait();
} else {
  console.error("helm stand-in: " + args.join(" ") + " is not known here"); process.exit(1);
}
`;

export class LoopbackCluster {
  readonly dir = scratchDir("loopback-cluster");
  readonly kubectl = join(this.dir, "kubectl");
  readonly helm = join(this.dir, "helm");

  constructor() {
    writeFileSync(this.kubectl, KUBECTL);
    writeFileSync(this.helm, HELM);
    chmodSync(this.kubectl, 0o755);
    chmodSync(this.helm, 0o755);
  }

  /** The identity Secrets held, by name. */
  secrets(): string[] {
    const dir = join(this.dir, "secrets");
    return existsSync(dir) ? readdirSync(dir).map((f) => f.replace(/\.json$/, "")) : [];
  }

  /** The PID of the release's app while it runs; undefined when there is none or it has exited. */
  appPid(release: string): number | undefined {
    const file = join(this.dir, "releases", `${release}.pid`);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, "utf8"));
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  }

  /** What the release's app printed (its JSON log lines). */
  appLog(release: string): string {
    const file = join(this.dir, "releases", `${release}.log`);
    return existsSync(file) ? readFileSync(file, "utf8") : "";
  }

  /** Stops every app still running (after a failed test). */
  stopAll() {
    const dir = join(this.dir, "releases");
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".pid"))) {
      const pid = this.appPid(file.replace(/\.pid$/, ""));
      if (pid) process.kill(pid, "SIGKILL");
    }
  }
}
