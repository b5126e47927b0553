import { execFileSync, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { parseAllDocuments } from "yaml";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "../cdk";
import { ApplyTimeScalar, K3sNodeBootstrap, NODE_DRAINER_RBAC_MANIFEST, renderK3sCloudConfig } from "./k3s-cloud-config";
import { validateManifests } from "../../test/support/kubernetes-schema";

const work = mkdtempSync(join(tmpdir(), "mecaas-cloud-init-"));

/** A real CA made with openssl, so the PEM that goes through base64 is the real shape. */
function makeCa(name: string): { cert: string; key: string } {
  const key = join(work, `${name}.key`);
  const cert = join(work, `${name}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${name}`], { stdio: "ignore" });
  return { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
}

function cloudInitSchema(userData: string): { status: number | null; output: string } {
  const file = join(work, `user-data-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, userData);
  const result = spawnSync("cloud-init", ["schema", "--config-file", file], { encoding: "utf8" });
  if (result.error) throw new Error(`cloud-init is not installed (apt-get install cloud-init): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function writtenFiles(userData: string): Record<string, { content: string; permissions: string }> {
  const doc = parse(userData);
  return Object.fromEntries(doc.write_files.map((f: any) => [f.path, {
    content: f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content, permissions: f.permissions,
  }]));
}

const ca = makeCa("server-ca");
const joinSecret = randomBytes(24).toString("hex");
const base: K3sNodeBootstrap = {
  role: "server",
  nodeName: "acme-controller",
  k3sVersion: "v1.33.4+k3s1",
  k3sDownloadUrl: "https://github.com/k3s-io/k3s/releases/download",
  k3sConfig: { token: joinSecret, "tls-san": ["203.0.113.10", "10.20.0.10"], "cluster-cidr": "10.42.0.0/16" },
  files: [
    { path: "/var/lib/rancher/k3s/server/tls/server-ca.crt", content: ca.cert, permissions: "0644" },
    { path: "/var/lib/rancher/k3s/server/tls/server-ca.key", content: ca.key },
  ],
  sshAuthorizedKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyKey ops@example"],
};

describe("k3s cloud-config", () => {
  it.each([
    ["server", base],
    ["agent", { ...base, role: "agent" as const, nodeName: "acme-main-0", k3sConfig: { server: "https://10.20.0.10:6443", token: `K10${"ab".repeat(32)}::server:${joinSecret}` } }],
  ])("renders %s user-data that passes `cloud-init schema`", (_role, node) => {
    const { status, output } = cloudInitSchema(renderK3sCloudConfig(node));
    expect(output).toContain("Valid cloud-config");
    expect(status).toBe(0);
  });

  it("is checked by a schema that does reject a broken document", () => {
    const broken = renderK3sCloudConfig(base).replace("encoding: b64", "encoding: rot13");
    expect(cloudInitSchema(broken).status).not.toBe(0);
  });

  it("carries PEMs byte for byte, with private keys readable by root only", () => {
    const files = writtenFiles(renderK3sCloudConfig(base));
    expect(files["/var/lib/rancher/k3s/server/tls/server-ca.crt"].content).toBe(ca.cert);
    expect(files["/var/lib/rancher/k3s/server/tls/server-ca.key"]).toEqual({ content: ca.key, permissions: "0600" });
    expect(files["/etc/rancher/k3s/config.yaml"].permissions).toBe("0600");
  });

  it("writes the k3s configuration as YAML k3s reads, and the installer's inputs", () => {
    const files = writtenFiles(renderK3sCloudConfig({ ...base, k3sSha256: "ab".repeat(32) }));
    expect(parse(files["/etc/rancher/k3s/config.yaml"].content)).toEqual(base.k3sConfig);
    expect(files["/etc/mecaas/k3s.env"].content).toBe([
      "K3S_VERSION=v1.33.4+k3s1",
      "K3S_DOWNLOAD_URL=https://github.com/k3s-io/k3s/releases/download",
      `K3S_SHA256=${"ab".repeat(32)}`,
      "NODE_NAME=acme-controller",
      "",
    ].join("\n"));
  });

  it("puts settings only Terraform knows into a config.yaml.d drop-in written as text, so no node needs a Terraform function", () => {
    const address = Token.asString({ resolve: () => "${openstack_networking_floatingip_v2.fip.address}" });
    const userData = renderK3sCloudConfig({
      ...base, role: "agent", k3sConfig: { server: "https://10.20.0.10:6443", "node-external-ip": ApplyTimeScalar.address(address) },
    });
    expect(cloudInitSchema(userData).status).toBe(0);
    const entries = parse(userData).write_files as { path: string; encoding?: string; content: string }[];
    const known = entries.find((f) => f.path === "/etc/rancher/k3s/config.yaml")!;
    const applyTime = entries.find((f) => f.path === "/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml")!;
    expect(parse(Buffer.from(known.content, "base64").toString("utf8"))).toEqual({ server: "https://10.20.0.10:6443" });
    expect(applyTime.encoding).toBeUndefined();
    expect(parse(applyTime.content)).toEqual({ "node-external-ip": address });
    expect(writtenFiles(renderK3sCloudConfig(base))["/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml"]).toBeUndefined();
  });

  it("writes apply-time values so that, with Terraform's values in, the user-data is valid and the drop-in reads back the same strings", () => {
    const secret = `it's "quoted": \\ # \${not-terraform} - [x] {y}: z`;
    // A JSON string made once per cluster (jsonString in a local) and an address, as a cluster passes them.
    const tokenJson = Token.asString({ resolve: () => "${local.join_token_json}" });
    const address = Token.asString({ resolve: () => "${openstack_networking_floatingip_v2.fip.address}" });
    const userData = renderK3sCloudConfig({
      ...base, role: "agent",
      k3sConfig: { token: ApplyTimeScalar.json(tokenJson), "node-external-ip": ApplyTimeScalar.address(address), "node-name": "acme-main-0" },
    });
    expect(userData).not.toMatch(/jsonencode|base64encode/);
    const applied = userData.split(tokenJson).join(JSON.stringify(secret)).split(address).join("203.0.113.7");
    expect(cloudInitSchema(applied).status).toBe(0);
    expect(parse(writtenFiles(applied)["/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml"].content))
      .toEqual({ token: secret, "node-external-ip": "203.0.113.7" });
  });

  it("JSON-encodes a bare reference in the drop-in itself rather than writing it raw", () => {
    const stack = new TerraformStack(Testing.app(), "node");
    const secret = new TerraformVariable(stack, "secret", { type: "string" }).stringValue;
    new TerraformOutput(stack, "user-data", { value: renderK3sCloudConfig({ ...base, k3sConfig: { token: secret } }) });
    const userData = JSON.parse(Testing.synth(stack)).output["user-data"].value as string;
    expect(userData).toContain("    content: |\n      token: ${jsonencode(var.secret)}\n");
  });

  it("installs the leave-cluster hook on agents only", () => {
    const server = writtenFiles(renderK3sCloudConfig(base));
    const agent = writtenFiles(renderK3sCloudConfig({ ...base, role: "agent" }));
    expect(server["/usr/local/lib/mecaas/leave-cluster.sh"]).toBeUndefined();
    expect(agent["/usr/local/lib/mecaas/leave-cluster.sh"].permissions).toBe("0755");
    expect(agent["/etc/systemd/system/mecaas-leave-cluster.service"].content).toContain("ExecStop=/usr/local/lib/mecaas/leave-cluster.sh");
    expect(agent["/etc/systemd/system/k3s-agent.service"].content).toContain("ExecStart=/usr/local/bin/k3s agent");
  });

  it("runs the installer once with the node's role", () => {
    expect(parse(renderK3sCloudConfig(base)).runcmd).toEqual([["/usr/local/lib/mecaas/install-k3s.sh", "server"]]);
  });

  describe("on a server of several, keepalived for the API's virtual IP", () => {
    const vip = { address: "10.20.0.5", routerId: 51, nodeName: "acme-controller-1", ownAddress: "10.20.0.9", peerAddresses: ["10.20.0.10", "10.20.0.8"], priority: 149 };
    const userData = renderK3sCloudConfig({ ...base, nodeName: "acme-controller-1", apiVirtualIp: vip });
    const files = writtenFiles(userData);
    const conf = files["/etc/mecaas/keepalived.conf.template"].content;

    it("is started before the installer: the first server holds the address before the others join through it", () => {
      expect(parse(userData).runcmd).toEqual([["/usr/local/lib/mecaas/api-vip.sh"], ["/usr/local/lib/mecaas/install-k3s.sh", "server"]]);
      expect(cloudInitSchema(userData).status).toBe(0);
      expect(files["/usr/local/lib/mecaas/api-vip.sh"].permissions).toBe("0755");
      expect(files["/usr/local/lib/mecaas/api-vip.sh"].content).toContain("/etc/mecaas/keepalived.conf.template >/etc/keepalived/keepalived.conf");
    });

    it("sends VRRP to each other server from this one's address (unicast), and holds the address as a /32", () => {
      expect(conf).toMatch(/unicast_src_ip 10\.20\.0\.9\n/);
      expect(conf).toMatch(/unicast_peer \{\n {4}10\.20\.0\.10\n {4}10\.20\.0\.8\n {2}\}/);
      expect(conf).toMatch(/virtual_ipaddress \{\n {4}10\.20\.0\.5\/32 dev @INTERFACE@\n/);
      expect(conf).toMatch(/virtual_router_id 51\n {2}priority 149\n/);
    });

    it("moves the address only off a server whose API is not ready, and never back on its own (BACKUP, nopreempt)", () => {
      expect(conf).toMatch(/state BACKUP\n {2}nopreempt\n/);
      expect(conf).toMatch(/track_script \{\n {4}api_ready\n/);
      const check = files["/usr/local/lib/mecaas/api-ready.sh"];
      expect(check.permissions).toBe("0755");
      // Authenticated: /readyz includes etcd's health, and real k3s refuses anonymous requests.
      expect(check.content).toMatch(/--cert "\$tls\/client-admin\.crt" --key "\$tls\/client-admin\.key" https:\/\/127\.0\.0\.1:6443\/readyz/);
    });

    it("is not there on a server of a cluster of one", () => {
      expect(Object.keys(writtenFiles(renderK3sCloudConfig(base))).filter((p) => /keepalived|api-vip|api-ready/.test(p))).toEqual([]);
    });
  });

  it("asks cloud-init for no package, so a node boots without apt or a package mirror", () => {
    // Any `packages:` entry makes cloud-init run `apt-get update` first, whatever package_update says.
    const config = parse(renderK3sCloudConfig(base));
    expect(config.packages).toBeUndefined();
    expect(config.package_update).toBe(false);
    expect(config.package_upgrade).toBeUndefined();
  });

  it("has the installer log each bootstrap stage with the seconds since boot", () => {
    const installer = writtenFiles(renderK3sCloudConfig(base))["/usr/local/lib/mecaas/install-k3s.sh"].content;
    const stages = [...installer.matchAll(/^\s*stage "([^"]+)"/gm)].map((m) => m[1]);
    expect(stages).toEqual([
      "install-k3s $role started", "curl missing from the image, installing it with apt", "k3s $K3S_VERSION downloaded",
      "checksum verified", "k3s $role ready",
    ]);
    expect(installer).toMatch(/since boot/);
  });
});

describe("node-drainer RBAC the server deploys", () => {
  const manifests = parseAllDocuments(NODE_DRAINER_RBAC_MANIFEST).map((d) => d.toJS());

  it("validates against the Kubernetes schemas", () => {
    expect(validateManifests(manifests)).toEqual([]);
  });

  it("lets the drainer identity evict pods and delete nodes, and nothing else", () => {
    const role = manifests.find((m) => m.kind === "ClusterRole");
    const verbs = role.rules.flatMap((r: any) => r.resources.map((res: string) => `${res}:${r.verbs.join(",")}`));
    expect(verbs.sort()).toEqual(["daemonsets:get", "nodes:get,list,patch,delete", "pods/eviction:create", "pods:get,list", "replicasets:get", "statefulsets:get"]);
    const binding = manifests.find((m) => m.kind === "ClusterRoleBinding");
    expect(binding.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "mecaas:node-drainer" }]);
  });
});

describe("bootstrap shell scripts", () => {
  const scripts = readdirSync(__dirname).filter((f) => f.endsWith(".sh"));

  it("exist", () => expect(scripts.sort()).toEqual(["api-ready.sh", "api-vip.sh", "install-k3s.sh", "leave-cluster.sh"]));

  it.each(scripts)("%s passes shellcheck (POSIX sh)", (script) => {
    const result = spawnSync("shellcheck", ["--shell=sh", "--severity=style", join(__dirname, script)], { encoding: "utf8" });
    if (result.error) throw new Error(`shellcheck is not installed (apt-get install shellcheck): ${result.error.message}`);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
