/**
 * A control plane that survives the loss of a server, for real: examples/ha.yaml (3 servers, embedded etcd, the API at
 * a virtual IP) applied on the test bed's OpenStack, every server Terraform made booted as a node from its own
 * user_data (support/nodes.ts), keepalived holding the virtual IP on the node network (the host bridge; VRRP between
 * the nodes), the host DNATing the API's floating IP to it as Neutron's router would. Then the first server, the one
 * that started etcd's cluster, is powered off: the API answers at the same endpoint from another server, and writes
 * go through with etcd's quorum of two; started again from its disk, it rejoins with its data.
 *
 * Every server also snapshots etcd every minute into the test bed's Swift (cluster.etcdSnapshots, the CSP's EC2
 * credential made by the infra stack), as the stand-in does k3s's etcd-s3 snapshots.
 *
 * k3s is the STAND-IN (testbed/nodes/k3s-stand-in: upstream etcd and Kubernetes components; how its servers join
 * differs from k3s's, its README says how). Not proven here: Neutron moving the address (no agents: the port and
 * its allowed address pairs exist at the API only; the host bridge carries the packets), a VM's boot, real k3s.
 * Last, the cluster is restored from one of its snapshots in Swift with k3s's cluster reset, as k3s documents it (the
 * stand-in's reset: etcdutl restores the snapshot into a new cluster of one member; the other servers rejoin it).
 */
import { execFileSync, spawn } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { EXAMPLES_DIR } from "../synth";
import { CatalogDeployment, holdTestbed } from "./support/deployment";
import { K3sMirror, Kubectl, nodeImages, recordTiming, TestbedNodes } from "./support/nodes";
import { S3Client } from "../../mep/src/backup/s3-client";

const deployment = new CatalogDeployment("ha", join(EXAMPLES_DIR, "ha.yaml"));
const csp = deployment.catalog.csps[0];
// A network of its own: nothing clashes with nodes.spec.ts's 10.77.0.0/24.
const NODE_CIDR = "10.78.0.0/24";
const GATEWAY = "10.78.0.1";
const VIRTUAL_IP = "10.78.0.5";
const SERVERS = [`${csp.name}-controller`, `${csp.name}-controller-1`, `${csp.name}-controller-2`];
const SERVER_ADDRESSES = ["10.78.0.10", "10.78.0.9", "10.78.0.8"];
const mirror = new K3sMirror();
// The test bed's Swift, as the nodes reach it (its proxy listens on every host address): at the bridge's gateway.
const SNAPSHOT_BUCKET = "acme-etcd";
let snapshots: S3Client | undefined;
let nodes: TestbedNodes;
let kubectl: Kubectl;
let clusterUp = false;
const requireCluster = () => { if (!clusterUp) throw new Error("the cluster did not come up (an earlier spec): nothing to build on"); };

const outputs = () => deployment.terraform.outputs(deployment.stack(`${csp.name}-infra`).dir);
const readyNodes = (): string[] => kubectl.json("get", "nodes").items
  .filter((n: any) => n.status.conditions.some((c: any) => c.type === "Ready" && c.status === "True")).map((n: any) => n.metadata.name);
/** The last journal lines of a node's k3s and keepalived, for a failing spec's message (the node's folder goes with it). */
const journal = (name: string, lines = 60): string => {
  const dir = join(process.env.MECAAS_NODES_DIR ?? "/var/tmp/mecaas-testbed/nodes", name, "upper/var/log/journal");
  const unit = name.includes("-controller") ? ["-u", "k3s-server", "-u", "keepalived"] : ["-u", "k3s-agent"];
  try {
    return execFileSync("journalctl", ["-D", dir, ...unit, "--no-pager", "-n", String(lines)], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    return `(no journal: ${(error as Error).message})`;
  }
};
const holderOfVirtualIp = (): string[] => SERVERS.filter((s) => nodes.addresses(s).includes(`${VIRTUAL_IP}/32`));

/**
 * A client of the API through the kubeconfig's endpoint (the floating IP), asking `/readyz` every 0.2 s on a new
 * connection, while `during` runs and until it has been answered "ok" again (at most `seconds`). Returns the longest
 * time between two ok answers, and how many requests were not answered ok.
 */
async function probeApi(during: () => void, seconds: number): Promise<{ longestGap: number; failed: number; requests: number }> {
  const dir = mkdtempSync(join(tmpdir(), "mecaas-ha-probe-"));
  const config = parse(readFileSync(kubectl.kubeconfig, "utf8"));
  const file = (name: string, base64: string) => { writeFileSync(join(dir, name), Buffer.from(base64, "base64"), { mode: 0o600 }); return join(dir, name); };
  const ca = file("ca.crt", config.clusters[0].cluster["certificate-authority-data"]);
  const cert = file("client.crt", config.users[0].user["client-certificate-data"]);
  const key = file("client.key", config.users[0].user["client-key-data"]);
  const log = join(dir, "answers");
  const loop = `while :; do printf '%s %s\\n' "$(date +%s.%N)" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 --cacert ${ca} --cert ${cert} --key ${key} ${config.clusters[0].cluster.server}/readyz)" >>${log}; sleep 0.2; done`;
  const client = spawn("bash", ["-c", loop], { stdio: "ignore" });
  try {
    during();
    const answers = () => readFileSync(log, "utf8").trim().split("\n").map((l) => l.split(" ")).map(([at, code]) => ({ at: Number(at), code }));
    await kubectl.waitFor("the API answering ok through the floating IP after the poweroff", seconds, () => (answers().at(-1)?.code === "200" ? true : undefined));
    const all = answers();
    const ok = all.filter((a) => a.code === "200").map((a) => a.at);
    const longestGap = Math.max(...ok.slice(1).map((at, i) => at - ok[i]));
    return { longestGap, failed: all.length - ok.length, requests: all.length };
  } finally {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const KUBELET_SYSCTLS = ["vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops"];
const hostSysctls = () => KUBELET_SYSCTLS.map((k) => readFileSync(`/proc/sys/${k}`, "utf8").trim());
let sysctlsBefore: string[];

holdTestbed([deployment], async () => {
  nodes?.destroyAll();
  await mirror.close();
  await removeSnapshotBucket(); // when a spec failed before the last one
});

/**
 * The bucket lives in the CSP's Swift account, which outlives its project and Terraform knows nothing of: emptied and
 * deleted while the CSP's credential still exists (the infra stack's destroy deletes it).
 */
async function removeSnapshotBucket() {
  if (!snapshots) return;
  for (const key of await snapshots.listKeys(SNAPSHOT_BUCKET, "")) await snapshots.deleteObject(SNAPSHOT_BUCKET, key);
  await snapshots.deleteBucket(SNAPSHOT_BUCKET);
  snapshots = undefined;
}

/** Lists the snapshot bucket every 5 s until `done` says so (then returns the keys), at most `seconds`. */
async function untilListed(what: string, seconds: number, done: (keys: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + seconds * 1000;
  let keys: string[] = [];
  while (Date.now() < deadline) {
    keys = await snapshots!.listKeys(SNAPSHOT_BUCKET, "acme/");
    if (done(keys)) return keys;
    await new Promise((r) => setTimeout(r, 5000));
  }
  throw new Error(`${what} within ${seconds}s; listed: ${keys.join(", ") || "nothing"}`);
}

/** The EC2 credential the infra stack made for the CSP's backups, as Terraform's state holds it. */
function backupCredential(): { access: string; secret: string } {
  const state = JSON.parse(deployment.terraform.must(deployment.stack(`${csp.name}-infra`).dir, "show", "-json").output.replace(/^[^{]*/, ""));
  const resource = state.values.root_module.resources.find((r: any) => r.type === "openstack_identity_ec2_credential_v3");
  return { access: resource.values.access, secret: resource.values.secret };
}

beforeAll(async () => {
  sysctlsBefore = hostSysctls();
  mirror.publish(csp.cluster.k3sVersion ?? "v1.33.4+k3s1");
  const port = await mirror.listen();
  csp.cluster.nodeCidr = NODE_CIDR;
  csp.cluster.k3sDownloadUrl = `http://${GATEWAY}:${port}`;
  deployment.catalog.vims[csp.cluster.vim].s3Endpoint = `http://${GATEWAY}:8080`;
  deployment.catalog.vims[csp.cluster.vim].s3Region = "RegionOne";
  csp.cluster.etcdSnapshots = { schedule: "* * * * *", retention: 2, bucket: SNAPSHOT_BUCKET };
  nodes = new TestbedNodes(deployment, nodeImages());
  await deployment.writeClouds();
  deployment.synth();
  deployment.deploy("nsp");
  await deployment.joinCspGroups();
  recordTiming("ha: infra apply (3 servers, 1 worker, virtual IP)", deployment.deploy(`${csp.name}-infra`));
  // k3s uploads into a bucket that exists: the CSP makes it, with its own credential.
  const { access, secret } = backupCredential();
  snapshots = new S3Client({ endpoint: "http://127.0.0.1:8080", region: "RegionOne", accessKeyId: access, secretAccessKey: secret });
  await snapshots.ensureBucket(SNAPSHOT_BUCKET);
});

it("applies with 3 servers and the API's virtual IP: a port reserving it, in every server's allowed address pairs, the API's floating IP on it", async () => {
  const admin = await deployment.adminClient();
  const project = await admin.findProject(`csp-${csp.name}`, await deployment.vimDomain(csp.cluster.vim));
  const { ports } = await admin.get("network", `/v2.0/ports?project_id=${project.id}`);
  const byName = Object.fromEntries(ports.map((p: any) => [p.name, p]));
  const vip = byName[`${csp.name}-api-vip`];
  expect([vip.fixed_ips.map((f: any) => f.ip_address), vip.device_id]).toEqual([[VIRTUAL_IP], ""]);
  SERVERS.forEach((server, i) => {
    const port = byName[server];
    expect({ server, address: port.fixed_ips[0].ip_address, pairs: port.allowed_address_pairs.map((p: any) => p.ip_address) })
      .toEqual({ server, address: SERVER_ADDRESSES[i], pairs: [VIRTUAL_IP] });
  });
  const { floatingips } = await admin.get("network", `/v2.0/floatingips?port_id=${vip.id}`);
  expect(floatingips).toHaveLength(1);
  expect(outputs()[`${csp.name}_api_endpoint`]).toBe(`https://${floatingips[0].floating_ip_address}:6443`);
  expect(outputs()[`${csp.name}_node_names`]).toEqual([...SERVERS, `${csp.name}-main-0`]);
});

it("boots every server and the worker from their user_data: all Ready, the kubeconfig output answering through the virtual IP's floating IP, every server's API on its own etcd member", async () => {
  const started = Date.now();
  const booted = await nodes.bootServers(csp.name, csp.cluster.vim);
  expect(booted.map((n) => n.name).sort()).toEqual([...outputs()[`${csp.name}_node_names`]].sort());
  const routed = await nodes.routeVirtualIps(csp.name, csp.cluster.vim);
  expect(Object.values(routed)).toEqual([VIRTUAL_IP]);
  kubectl = new Kubectl(outputs()[`${csp.name}_kubeconfig`]);
  expect(kubectl.json("config", "view", "--raw").clusters[0].cluster.server).toBe(`https://${Object.keys(routed)[0]}:6443`);
  const names: string[] = outputs()[`${csp.name}_node_names`];
  await kubectl.waitFor(`nodes ${names.join(", ")} Ready`, 420, () => {
    const ready = readyNodes();
    return names.every((n) => ready.includes(n)) ? ready : undefined;
  }).catch((error) => {
    throw new Error(`${error.message}\n${booted.map((n) => `--- ${n.name}\n${nodes.console(n.name)}\n${journal(n.name)}`).join("\n")}`);
  });
  recordTiming("ha: nodes started to all Ready", (Date.now() - started) / 1000);
  // The role labels come from the server side, a few seconds after each server's Node registers.
  await kubectl.waitFor("every server labelled etcd", 60, () => {
    const servers = kubectl.json("get", "nodes", "-l", "node-role.kubernetes.io/etcd=true").items.map((n: any) => n.metadata.name).sort();
    return servers.length === SERVERS.length ? servers : undefined;
  }).then(({ value }) => expect(value).toEqual([...SERVERS].sort()));
  // Each server's own API server, at its own address, and the etcd member under it.
  for (const address of SERVER_ADDRESSES) {
    const etcd = kubectl.run(["--server", `https://${address}:6443`, "get", "--raw", "/readyz/etcd"]);
    expect({ address, status: etcd.status, out: etcd.stdout.trim() }).toEqual({ address, status: 0, out: "ok" });
  }
  // The first server started first and has the highest priority: it holds the address.
  expect(holderOfVirtualIp()).toEqual([SERVERS[0]]);
  clusterUp = true;
});

it("every server snapshots etcd on the schedule into the CSP's bucket, keeping the newest 2 of its own; a snapshot holds what was written before it", async () => {
  requireCluster();
  const name = `before-snapshot-${Date.now()}`;
  kubectl.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { kept: "in the snapshot" } });
  const written = Math.floor(Date.now() / 1000);
  const own = (keys: string[], server: string) => keys.filter((k) => new RegExp(`^acme/etcd-snapshot-${server}-\\d+$`).test(k))
    .map((k) => ({ key: k, at: Number(k.split("-").pop()) })).sort((a, b) => a.at - b.at);
  const first = new Map<string, number>();
  const started = Date.now();
  // Three scheduled runs (one a minute): the first ones seen are pruned once each server has made two more.
  const keys = await untilListed("three snapshots of each server, the oldest pruned", 330, (listed) => {
    for (const server of SERVERS) {
      const mine = own(listed, server);
      if (mine.length && !first.has(server)) first.set(server, mine[0].at);
    }
    const done = SERVERS.every((server) => {
      const mine = own(listed, server);
      return mine.length === 2 && mine[0].at > first.get(server)! && mine[1].at > written;
    });
    return done;
  }).catch((error) => { throw new Error(`${error.message}\n${SERVERS.map((s) => `--- ${s}\n${journal(s, 40)}`).join("\n")}`); });
  recordTiming("ha: etcd snapshots, three runs of every server (one a minute) until the first is pruned", (Date.now() - started) / 1000);
  expect(keys).toHaveLength(SERVERS.length * 2);
  const newest = own(keys, SERVERS[0]).at(-1)!;
  const snapshot = await snapshots!.getObject(SNAPSHOT_BUCKET, newest.key);
  expect(snapshot.includes(Buffer.from(`/registry/configmaps/default/${name}`))).toBe(true);
  expect(journal(SERVERS[0], 100_000)).toContain("etcd snapshots (stand-in behaviour of k3s's): \"* * * * *\", 2 kept on disk and in s3://acme-etcd/acme");
});

it("powers off the server that started etcd's cluster: the API keeps answering at the same endpoint from another server, and a write succeeds on a quorum of two", async () => {
  requireCluster();
  const probe = await probeApi(() => recordTiming("ha: first server poweroff", nodes.stop(SERVERS[0])), 120);
  recordTiming("ha: longest time between two ok answers of the API during the poweroff", probe.longestGap);
  console.log(`API through the floating IP during the first server's poweroff: ${probe.requests} requests, ${probe.failed} not ok, ` +
    `longest time between two ok answers ${probe.longestGap.toFixed(1)} s`);
  expect(holderOfVirtualIp()).toHaveLength(1);
  expect(SERVERS.slice(1)).toContain(holderOfVirtualIp()[0]);

  const name = `ha-write-${Date.now()}`;
  kubectl.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", labels: { "ha-write": "yes" } }, data: { written: "after the first server went" } });
  expect(kubectl.json("get", "configmap", name).data).toEqual({ written: "after the first server went" });
  // Both remaining servers serve it from their own members.
  for (const address of SERVER_ADDRESSES.slice(1)) {
    const read = kubectl.run(["--server", `https://${address}:6443`, "get", "configmap", name, "-o", "jsonpath={.data.written}"]);
    expect({ address, out: read.stdout }).toEqual({ address, out: "after the first server went" });
  }
  await kubectl.waitFor(`${SERVERS[0]} NotReady`, 120, () => (readyNodes().includes(SERVERS[0]) ? undefined : true));
});

it("starts that server again from its disk: its etcd member rejoins with its data (no second cluster-init), all three serve, the address stays where it moved", async () => {
  requireCluster();
  const holder = holderOfVirtualIp();
  const started = Date.now();
  nodes.restart(SERVERS[0]);
  await kubectl.waitFor(`${SERVERS[0]} Ready again`, 300, () => (readyNodes().includes(SERVERS[0]) ? true : undefined)).catch((error) => {
    throw new Error(`${error.message}\n${journal(SERVERS[0])}`);
  });
  recordTiming("ha: first server restarted to Ready", (Date.now() - started) / 1000);
  const etcd = kubectl.run(["--server", `https://${SERVER_ADDRESSES[0]}:6443`, "get", "--raw", "/readyz/etcd"]);
  expect([etcd.status, etcd.stdout.trim()]).toEqual([0, "ok"]);
  // Written while it was off, read from its own member: the same cluster, not a new one.
  const written = kubectl.json("get", "configmaps", "-l", "ha-write=yes").items.map((c: any) => c.metadata.name);
  const read = kubectl.run(["--server", `https://${SERVER_ADDRESSES[0]}:6443`, "get", "configmaps", "-l", "ha-write=yes", "-o", "jsonpath={.items[*].metadata.name}"]);
  expect(read.stdout.split(" ").filter(Boolean)).toEqual(written);
  expect(written).toHaveLength(1);
  expect(journal(SERVERS[0], 100_000)).toContain("etcd: data dir holds a member: starting it as it was");
  expect(holderOfVirtualIp()).toEqual(holder);
});

it("restores the cluster from a snapshot in the object store by k3s's cluster reset: what was written after it is gone, the three servers serve again", async () => {
  requireCluster();
  const before = `before-restore-${Date.now()}`;
  kubectl.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: before, namespace: "default" }, data: { kept: "by the restore" } });
  const written = Math.floor(Date.now() / 1000);
  // The first scheduled snapshot of the first server after that write (kept: retention 2, a run a minute), then a
  // write the restore must undo (the poweroff spec's write, earlier, is in the snapshot).
  const taken = (keys: string[]) => keys.filter((k) => new RegExp(`^acme/etcd-snapshot-${SERVERS[0]}-\\d+$`).test(k) && Number(k.split("-").pop()) > written);
  const snapshot = taken(await untilListed("a snapshot of the first server after the write", 150, (keys) => taken(keys).length > 0))[0].split("/").pop()!;
  const after = `after-snapshot-${Date.now()}`;
  kubectl.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: after, namespace: "default" }, data: { lost: "in the restore" } });

  const started = Date.now();
  const run = (server: string, ...command: string[]) => {
    const result = nodes.exec(server, ...command);
    if (result.status !== 0) throw new Error(`${command.join(" ")} on ${server}: exit ${result.status}\n${result.output}\n${journal(server)}`);
    return result.output;
  };
  // k3s's documented procedure: k3s stopped on every server, the reset on one, the others' datastore removed.
  for (const server of SERVERS) run(server, "systemctl", "stop", "k3s-server");
  // As on a server built anew, the snapshot comes from the object store, not the server's own disk.
  run(SERVERS[0], "rm", "-f", `/var/lib/rancher/k3s/server/db/snapshots/${snapshot}`);
  const reset = run(SERVERS[0], "k3s", "server", "--cluster-reset", `--cluster-reset-restore-path=${snapshot}`);
  expect(reset).toContain(`cluster-reset: fetched s3://${SNAPSHOT_BUCKET}/acme/${snapshot}`);
  expect(reset).toContain("Managed etcd cluster membership has been reset, restart without --cluster-reset flag now");
  for (const server of SERVERS.slice(1)) run(server, "rm", "-rf", "/var/lib/rancher/k3s/server/db");
  run(SERVERS[0], "systemctl", "start", "k3s-server");
  for (const server of SERVERS.slice(1)) run(server, "systemctl", "start", "--no-block", "k3s-server");
  // Each server's API answering on its own etcd member, three members: the others have joined the new cluster (their
  // Nodes read Ready from the snapshot long before).
  const tls = "/var/lib/rancher/k3s/server/tls/etcd";
  const members = (): string[] => {
    const list = nodes.exec(SERVERS[0], "curl", "-sf", "--cacert", `${tls}/server-ca.crt`, "--cert", `${tls}/client.crt`, "--key", `${tls}/client.key`,
      "-X", "POST", "-d", "{}", "https://127.0.0.1:2379/v3/cluster/member/list");
    return list.status === 0 ? JSON.parse(list.output).members.map((m: any) => m.name ?? "").sort() : [];
  };
  const serving = (address: string) => kubectl.run(["--server", `https://${address}:6443`, "get", "--raw", "/readyz/etcd"]).stdout.trim() === "ok";
  await kubectl.waitFor("three etcd members, every server's API ready on its own", 300,
    () => (members().join() === [...SERVERS].sort().join() && SERVER_ADDRESSES.every(serving) ? true : undefined))
    .catch((error) => { throw new Error(`${error.message}: members ${members().join(", ")}\n${SERVERS.map((s) => `--- ${s}\n${journal(s, 40)}`).join("\n")}`); });
  recordTiming("ha: restore from a snapshot (reset, restart, two servers rejoining) to three members serving", (Date.now() - started) / 1000);

  const names = kubectl.json("get", "configmaps", "-n", "default").items.map((c: any) => c.metadata.name);
  expect(names).toContain(before);
  expect(names).not.toContain(after);
  await kubectl.waitFor("every server Ready", 120, () => (SERVERS.every((name) => readyNodes().includes(name)) ? true : undefined));
});

it("powers every node off and leaves nothing of them on the host: no namespace, link, route, DNAT rule, cgroup or changed sysctl", () => {
  requireCluster();
  nodes.destroyAll();
  expect(readdirSync("/run/netns").filter((n) => n.startsWith("mecaas-"))).toEqual([]);
  const links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).split("\n").map((l) => l.split(": ")[1] ?? "");
  expect(links.filter((l) => /^m[bv][0-9a-f]{8}/.test(l))).toEqual([]);
  expect(execFileSync("ip", ["route", "show"], { encoding: "utf8" })).not.toMatch(/10\.78\.0\./);
  expect(execFileSync("iptables", ["-w", "-t", "nat", "-S"], { encoding: "utf8" })).not.toContain("mecaas-testbed-fip");
  const cgroups = execFileSync("find", ["/sys/fs/cgroup", "-maxdepth", "6", "-type", "d", "-name", "mecaas-node-*"], { encoding: "utf8" });
  expect(cgroups).toBe("");
  expect(hostSysctls()).toEqual(sysctlsBefore);
});

it("destroys the CSP's stacks: its project holds nothing, and it is gone", async () => {
  await removeSnapshotBucket();
  await deployment.destroyAllExpectingNothingLeft();
});
