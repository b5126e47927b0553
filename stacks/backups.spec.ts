import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse, stringify } from "yaml";
import { EXAMPLES_DIR, synthCatalog } from "../test/synth";
import { validateCatalog } from "./catalog";

/** examples/ha.yaml with the core VIM's object store and the CSP's backups asked for. */
function haWithBackups(mutate: (catalog: any) => void = () => {}) {
  const catalog = parse(readFileSync(join(EXAMPLES_DIR, "ha.yaml"), "utf8"));
  catalog.vims.core.s3Endpoint = "http://192.0.2.10:8080";
  catalog.vims.core.s3Region = "RegionOne";
  catalog.csps[0].cluster.etcdSnapshots = { schedule: "0 */6 * * *", retention: 8, bucket: "acme-etcd" };
  catalog.csps[0].mep = { backup: { retention: 14 } };
  mutate(catalog);
  return catalog;
}

function synth(catalog: object) {
  const path = join(mkdtempSync(join(tmpdir(), "mecaas-backups-")), "catalog.yaml");
  writeFileSync(path, stringify(catalog));
  const stacks = synthCatalog(path);
  return (name: string) => stacks.find((s) => s.name === name)!.json;
}

const k3sConfigOf = (server: any): Record<string, unknown> => {
  const files = parse(server.user_data).write_files as { path: string; encoding?: string; content: string }[];
  return Object.assign({}, ...files.filter((f) => f.path.startsWith("/etc/rancher/k3s/config.yaml"))
    .map((f) => parse(f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content)));
};

describe("backups in the catalog (mep.backup, cluster.etcdSnapshots, vims.<vim>.s3Endpoint)", () => {
  const stack = synth(haWithBackups());
  const infra = stack("acme-infra");
  const platform = stack("acme-platform");

  test("the infra stack makes one EC2 credential, of the CSP's own project (its provider's identity)", () => {
    const credentials = Object.values(infra.resource.openstack_identity_ec2_credential_v3 ?? {}) as any[];
    expect(credentials).toHaveLength(1);
    expect(credentials[0].provider).toBe("openstack.core");
    expect(credentials[0].project_id).toBeUndefined(); // the token's project: csp-acme
  });

  test("every server snapshots etcd to the VIM's store with that credential", () => {
    const [key] = Object.keys(infra.resource.openstack_identity_ec2_credential_v3);
    const servers = Object.values(infra.resource.openstack_compute_instance_v2 as Record<string, any>).filter((s) => /controller/.test(s.name));
    expect(servers).toHaveLength(3);
    for (const server of servers) {
      expect(k3sConfigOf(server)).toMatchObject({
        "etcd-snapshot-schedule-cron": "0 */6 * * *", "etcd-snapshot-retention": 8, "etcd-s3": true,
        "etcd-s3-endpoint": "192.0.2.10:8080", "etcd-s3-insecure": true, "etcd-s3-bucket": "acme-etcd",
        "etcd-s3-region": "RegionOne", "etcd-s3-folder": "acme",
        "etcd-s3-access-key": `\${jsonencode(openstack_identity_ec2_credential_v3.${key}.access)}`,
        "etcd-s3-secret-key": `\${jsonencode(openstack_identity_ec2_credential_v3.${key}.secret)}`,
      });
    }
  });

  test("the platform stack takes the keys cross-stack (sensitive outputs) into the MEP's backup Secret, not its Helm values", () => {
    const secretOutputs = Object.entries(infra.output as Record<string, any>).filter(([, o]) => String(o.value).includes("openstack_identity_ec2_credential_v3"));
    expect(secretOutputs.length).toBeGreaterThanOrEqual(2);
    for (const [, o] of secretOutputs) expect(o.sensitive).toBe(true);
    const secret = Object.values(platform.resource.kubernetes_secret_v1 as Record<string, any>).find((s) => s.metadata.name === "mep-backup-s3");
    expect(secret.data).toEqual({ accessKeyId: "${local.backup_access_key_id}", secretAccessKey: "${local.backup_secret_access_key}" });
    expect(platform.locals.backup_secret_access_key).toMatch(/terraform_remote_state\.cross-stack-reference-input-acme-infra/);
    const mep = Object.values(platform.resource.helm_release as Record<string, any>).find((r) => r.name === "mep");
    expect(JSON.parse(mep.values[0]).backup).toMatchObject({
      enabled: true, retention: 14, schedule: "17 3 * * *",
      s3: { endpoint: "http://192.0.2.10:8080", region: "RegionOne", bucket: "mep-backups", existingSecret: "mep-backup-s3" },
    });
  });

  test("off by default: no credential, no etcd-s3, no MEP backup", () => {
    const plain = synth(parse(readFileSync(join(EXAMPLES_DIR, "ha.yaml"), "utf8")));
    expect(plain("acme-infra").resource.openstack_identity_ec2_credential_v3).toBeUndefined();
    const mep = Object.values(plain("acme-platform").resource.helm_release as Record<string, any>).find((r) => r.name === "mep");
    expect(JSON.parse(mep.values[0]).backup).toBeUndefined();
  });

  test.each<[string, (c: any) => void, string]>([
    ["backups on a VIM with no object store", (c) => delete c.vims.core.s3Endpoint,
      "csps[0] (acme).mep.backup: backups go to the object store of VIM core, which names none; set vims.core.s3Endpoint or drop mep.backup"],
    ["etcd snapshots of a single controller", (c) => { c.csps[0].cluster.controllers = 1; },
      "csps[0] (acme).cluster.etcdSnapshots: one controller keeps k3s's datastore in SQLite, not etcd; set cluster.controllers: 3 or drop etcdSnapshots"],
    ["a bucket name with capitals", (c) => { c.csps[0].mep.backup.bucket = "MEP"; }, "mep.backup.bucket"],
    ["an object store URL with a path", (c) => { c.vims.core.s3Endpoint = "http://swift:8080/v1/AUTH_x"; }, "vims.core.s3Endpoint"],
  ])("refuses %s", (_what, mutate, message) => {
    expect(() => validateCatalog(haWithBackups(mutate))).toThrow(message);
  });
});
