/**
 * A real Kubernetes control plane for tests, on loopback: etcd and kube-apiserver built by scripts/toolchain.sh,
 * started in a throwaway folder with certificates made by openssl. No kubelet, kube-controller-manager or
 * kube-scheduler runs: objects are stored, validated and admitted by the real server, but no controller acts on them
 * (a Deployment gets no ReplicaSet or Pod, a Job never runs).
 *
 * Set up like a k3s server (what K8sClusterVnf installs): RBAC with the Node authorizer, NodeRestriction on top of the
 * default admission plugins, anonymous requests refused, client certificates from a cluster CA, the service CIDR
 * 10.43.0.0/16.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "fs";
import { request as httpsRequest } from "https";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { requireTool } from "./tools";

/** A client certificate signed by the test cluster's CA. */
export interface ClientCredential {
  readonly user: string;
  readonly groups: readonly string[];
  readonly certificatePem: string;
  readonly keyPem: string;
}

export interface ApiResponse {
  readonly status: number;
  /** The parsed JSON body (a Status object for errors), or the raw text when it is not JSON. */
  readonly body: any;
  /** The server's `Warning` headers (deprecations, PodSecurity warnings, dropped unknown fields), message only. */
  readonly warnings: string[];
}

export interface RequestOptions {
  /** @default "application/json" */
  readonly contentType?: string;
  /** Whom to act as. @default the admin credential (group system:masters) */
  readonly as?: ClientCredential;
}

export interface KubeApiServer {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** A kubeconfig file for the admin credential (for helm). */
  readonly kubeconfig: string;
  readonly admin: ClientCredential;
  /** One request to the API with a client certificate; never throws for an HTTP status. */
  request(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse>;
  /** Signs a client certificate for a user (CN) and groups (O), as the cluster's client CA does. */
  clientCredential(user: string, groups?: string[]): ClientCredential;
  /** Stops kube-apiserver, then etcd, and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface KubeApiServerOptions {
  /** How long startup may take before it is abandoned. @default 90000 */
  readonly startTimeoutMs?: number;
  /** Both processes are killed by `timeout` after this long, even if the test process dies first. @default 900 */
  readonly maxLifetimeSeconds?: number;
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** An EC P-256 key and a certificate signed by ca.crt/ca.key in dir, with the given extensions. */
function signedCertificate(dir: string, name: string, subject: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject], dir);
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-days", "2", "-out", `${name}.crt`, "-extfile", `${name}.ext`], dir);
}

let credentialCount = 0;
function mintCredential(dir: string, user: string, groups: string[]): ClientCredential {
  const name = `client-${++credentialCount}`;
  const subject = [...groups.map((g) => `/O=${g}`), `/CN=${user}`].join("");
  signedCertificate(dir, name, subject, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
  return {
    user,
    groups,
    certificatePem: readFileSync(join(dir, `${name}.crt`), "utf8"),
    keyPem: readFileSync(join(dir, `${name}.key`), "utf8"),
  };
}

function warningsOf(rawHeaders: string[]): string[] {
  const warnings: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== "warning") continue;
    // `299 - "text"`: the message is the quoted part.
    const match = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(rawHeaders[i + 1]);
    warnings.push(match ? match[1].replace(/\\(.)/g, "$1") : rawHeaders[i + 1]);
  }
  return warnings;
}

function sendRequest(url: string, ca: string, as: ClientCredential, method: string, path: string, body: unknown, contentType: string): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = httpsRequest(new URL(path, url), {
      method,
      ca,
      cert: as.certificatePem,
      key: as.keyPem,
      headers: { accept: "application/json", ...(payload !== undefined ? { "content-type": contentType } : {}) },
      timeout: 30000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
        resolve({ status: res.statusCode ?? 0, body: parsed, warnings: warningsOf(res.rawHeaders) });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "(no log)";
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM"); // `timeout` passes it on to the server it runs
  });
}

/**
 * Starts etcd and kube-apiserver on free loopback ports and resolves once `/readyz` answers 200 (every post-start
 * hook done: bootstrap RBAC roles, priority classes, the default namespaces). Throws with the logs' tails if either
 * does not come up within `startTimeoutMs`.
 */
export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const etcdBin = requireTool("etcd");
  const apiserverBin = requireTool("kube-apiserver");
  const lifetime = String(options.maxLifetimeSeconds ?? 900);
  const dir = mkdtempSync(join(tmpdir(), "mecaas-apiserver-"));
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const child of [...children].reverse()) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // Cluster CA, serving certificate for the loopback address, service-account signing key, admin credential.
    openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
      "-out", "ca.crt", "-days", "2", "-subj", "/CN=mecaas-test-ca",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
    signedCertificate(dir, "serving", "/CN=kube-apiserver", "basicConstraints=critical,CA:FALSE\n" +
      "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "sa.key"], dir);
    openssl(["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
    const ca = readFileSync(join(dir, "ca.crt"), "utf8");
    const admin = mintCredential(dir, "mecaas-test-admin", ["system:masters"]);

    const [etcdClient, etcdPeer, securePort] = [await freePort(), await freePort(), await freePort()];
    const launch = (name: string, bin: string, args: string[]) => {
      const log = openSync(join(dir, `${name}.log`), "a");
      // `timeout` bounds the process's life even if jest is killed before afterAll.
      const child = spawn("timeout", ["--kill-after=10", lifetime, bin, ...args], { cwd: dir, stdio: ["ignore", log, log] });
      closeSync(log);
      children.push(child);
      return child;
    };
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    launch("etcd", etcdBin, [
      "--name=test", `--data-dir=${join(dir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=test=${peerUrl}`,
      "--unsafe-no-fsync", // a throwaway store: durability buys nothing here
      "--log-level=warn",
    ]);
    const apiserver = launch("kube-apiserver", apiserverBin, [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1", `--secure-port=${securePort}`, "--advertise-address=127.0.0.1",
      `--tls-cert-file=${join(dir, "serving.crt")}`, `--tls-private-key-file=${join(dir, "serving.key")}`,
      `--client-ca-file=${join(dir, "ca.crt")}`,
      "--anonymous-auth=false",
      "--authorization-mode=Node,RBAC",
      "--enable-admission-plugins=NodeRestriction",
      "--allow-privileged=true",
      "--service-cluster-ip-range=10.43.0.0/16",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${join(dir, "sa.pub")}`,
      `--service-account-signing-key-file=${join(dir, "sa.key")}`,
      // The loopback advertise address is refused in EndpointSlices; nothing here routes to the Service anyway.
      "--endpoint-reconciler-type=none",
      "--profiling=false",
    ]);

    const url = `https://127.0.0.1:${securePort}`;
    const deadline = Date.now() + (options.startTimeoutMs ?? 90000);
    for (;;) {
      if (apiserver.exitCode !== null || children[0].exitCode !== null) {
        throw new Error("exited during startup");
      }
      const ready = await sendRequest(url, ca, admin, "GET", "/readyz", undefined, "").catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`not ready after ${options.startTimeoutMs ?? 90000} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }

    const kubeconfig = join(dir, "admin.kubeconfig");
    writeFileSync(kubeconfig, stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "test", cluster: { server: url, "certificate-authority-data": Buffer.from(ca).toString("base64") } }],
      users: [{ name: "admin", user: {
        "client-certificate-data": Buffer.from(admin.certificatePem).toString("base64"),
        "client-key-data": Buffer.from(admin.keyPem).toString("base64"),
      } }],
      contexts: [{ name: "test", context: { cluster: "test", user: "admin" } }],
      "current-context": "test",
    }), { mode: 0o600 });

    return {
      url,
      kubeconfig,
      admin,
      request: (method, path, body, opts = {}) =>
        sendRequest(url, ca, opts.as ?? admin, method, path, body, opts.contentType ?? "application/json"),
      clientCredential: (user, groups = []) => mintCredential(dir, user, groups),
      stop,
    };
  } catch (e) {
    const logs = ["etcd", "kube-apiserver"].map((n) => `--- ${n}.log\n${tail(join(dir, `${n}.log`))}`).join("\n");
    await stop();
    throw new Error(`kube-apiserver did not start: ${(e as Error).message}\n${logs}`);
  }
}
