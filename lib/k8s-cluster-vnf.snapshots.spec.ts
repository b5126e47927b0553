import { parse } from "yaml";
import { TerraformStack, TerraformVariable, Testing } from "./cdk";
import { Vim } from "./vim";
import { K8sClusterVnf, K8sClusterVnfProps } from "./k8s-cluster-vnf";
import { placeholderSnapshotStore, withEtcdCas } from "../test/support/cluster-credentials";

const credentials = withEtcdCas();
const store = placeholderSnapshotStore;

function build(props: Partial<K8sClusterVnfProps>, stack = new TerraformStack(Testing.app(), "infra")) {
  new K8sClusterVnf(stack, "acme", {
    vim: new Vim(stack, "core", { externalNetwork: "public" }),
    credentials,
    controllers: 3,
    apiAllowedCidrs: ["198.51.100.0/24"],
    workerPools: { main: { size: 1, flavor: "m1.large" } },
    ...props,
  });
  return stack;
}

/** Each node's k3s configuration as k3s reads it: config.yaml merged with the apply-time drop-in. */
function k3sConfigs(props: Partial<K8sClusterVnfProps>, stack?: TerraformStack): Record<string, Record<string, unknown>> {
  const resources = JSON.parse(Testing.synth(build(props, stack))).resource;
  return Object.fromEntries(Object.values(resources.openstack_compute_instance_v2 as Record<string, any>).map((server) => {
    const files = parse(server.user_data).write_files as { path: string; encoding?: string; content: string }[];
    const text = (f: { encoding?: string; content: string }) => (f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content);
    return [server.name, Object.assign({}, ...files.filter((f) => f.path.startsWith("/etc/rancher/k3s/config.yaml")).map((f) => parse(text(f))))];
  }));
}

const SERVERS = ["acme-controller", "acme-controller-1", "acme-controller-2"];
const snapshotKeys = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("etcd-")));

describe("K8sClusterVnf etcd snapshots", () => {
  test("none asked for: no setting rendered, so k3s keeps its defaults (every 12 h, 5 kept, on the servers' disks)", () => {
    for (const config of Object.values(k3sConfigs({}))) expect(snapshotKeys(config)).toEqual({});
  });

  test("every server gets the schedule, the retention and the store; agents get none of it", () => {
    const configs = k3sConfigs({ ...store, etcdSnapshotSchedule: "0 */6 * * *", etcdSnapshotRetention: 10, etcdS3Bucket: "acme-etcd", etcdS3Region: "RegionOne" });
    for (const name of SERVERS) {
      expect(snapshotKeys(configs[name])).toEqual({
        "etcd-snapshot-schedule-cron": "0 */6 * * *",
        "etcd-snapshot-retention": 10,
        "etcd-s3": true,
        "etcd-s3-endpoint": "192.0.2.10:8080",
        "etcd-s3-insecure": true,
        "etcd-s3-access-key": store.etcdS3AccessKey,
        "etcd-s3-secret-key": store.etcdS3SecretKey,
        "etcd-s3-bucket": "acme-etcd",
        "etcd-s3-region": "RegionOne",
        "etcd-s3-folder": "acme",
      });
    }
    expect(snapshotKeys(configs["acme-main-0"])).toEqual({});
  });

  test("an https store: host and port only, no etcd-s3-insecure; k3s's defaults for what is not given", () => {
    const config = k3sConfigs({ ...store, etcdS3Endpoint: "https://s3.example.net" })["acme-controller"];
    expect(snapshotKeys(config)).toMatchObject({
      "etcd-snapshot-schedule-cron": "0 */12 * * *", "etcd-snapshot-retention": 5,
      "etcd-s3-endpoint": "s3.example.net", "etcd-s3-bucket": "k3s-etcd-snapshots", "etcd-s3-region": "us-east-1",
    });
    expect(config["etcd-s3-insecure"]).toBeUndefined();
  });

  test("keys known only at apply (an EC2 credential's) reach the servers in the apply-time drop-in, not config.yaml", () => {
    const stack = new TerraformStack(Testing.app(), "infra");
    const secret = new TerraformVariable(stack, "s3_secret", { type: "string", sensitive: true }).stringValue;
    const resources = JSON.parse(Testing.synth(build({ ...store, etcdS3SecretKey: secret }, stack))).resource;
    const server = Object.values(resources.openstack_compute_instance_v2 as Record<string, any>).find((s) => s.name === "acme-controller");
    const files = parse(server.user_data).write_files as { path: string; encoding?: string; content: string }[];
    const dropIn = files.find((f) => f.path === "/etc/rancher/k3s/config.yaml.d/50-mecaas-apply-time.yaml")!;
    expect(dropIn.content).toMatch(/^etcd-s3-secret-key: \$\{jsonencode\(var\.s3_secret\)\}$/m);
    const known = parse(Buffer.from(files.find((f) => f.path === "/etc/rancher/k3s/config.yaml")!.content, "base64").toString("utf8"));
    expect(known["etcd-s3-secret-key"]).toBeUndefined();
    expect(known["etcd-s3-access-key"]).toBe(store.etcdS3AccessKey);
  });

  describe("refuses at synth, naming the field and the fix", () => {
    test.each<[string, Partial<K8sClusterVnfProps>, RegExp]>([
      ["snapshots of a single server (SQLite, no etcd)", { controllers: 1, etcdSnapshotRetention: 3 }, /etcdSnapshotRetention 3 is invalid: etcd snapshots need embedded etcd, which k3s runs with several servers only/],
      ["a store without its secret key", { ...store, etcdS3SecretKey: undefined }, /etcdS3SecretKey undefined is invalid: required with etcdS3Endpoint/],
      ["an endpoint with a path", { ...store, etcdS3Endpoint: "http://swift:8080/v1" }, /etcdS3Endpoint "http:\/\/swift:8080\/v1" is invalid: give the store's base URL, scheme and host only/],
      ["an endpoint without a scheme", { ...store, etcdS3Endpoint: "swift:8080" }, /etcdS3Endpoint "swift:8080" is invalid/],
      ["S3 settings without a store", { etcdS3Bucket: "b-1" }, /etcdS3Bucket "b-1" is invalid: the S3 settings apply with etcdS3Endpoint only/],
      ["a bucket name with capitals", { ...store, etcdS3Bucket: "Etcd" }, /etcdS3Bucket "Etcd" is invalid: use 3-63 lower-case/],
      ["a six-field schedule", { etcdSnapshotSchedule: "0 0 */6 * * *" }, /etcdSnapshotSchedule "0 0 \*\/6 \* \* \*" is invalid: give a five-field cron schedule/],
      ["a retention of 0", { etcdSnapshotRetention: 0 }, /etcdSnapshotRetention 0 is invalid: keep a whole number of snapshots from 1 to 1000/],
    ])("%s", (_what, props, message) => {
      expect(() => build(props)).toThrow(message);
    });
  });
});
