/**
 * Backups to a real S3-compatible store: the test bed's Swift (testbed/openstack/swift.sh: s3api, EC2 credentials
 * checked by Keystone through s3token). `mep backup` uploads a snapshot and prunes beyond the retention count,
 * `mep restore` brings one back into an empty database; a wrong secret is refused by the store.
 * Needs MECAAS_OPENSTACK_CLOUDS (scripts/test.sh sets it; by hand: testbed/openstack/with-openstack.sh).
 */
import { execFile } from "child_process";
import { randomUUID } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import { promisify } from "util";
import { parse } from "yaml";
import { backup, listBackups, loadBackupConfig, restore, type BackupConfig } from "../src/backup/backup";
import { S3Client } from "../src/backup/s3-client";
import { openStore, type AppInstanceRecord } from "../src/storage/store";
import { backends } from "./support/backends";
import { expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep, testEnv } from "./support/mep";

const SM = "/mec_service_mgmt/v1";
const MEP_DIR = join(__dirname, "..");
const NODE_ARGS = ["--require", "ts-node/register/transpile-only", join(MEP_DIR, "src", "main.ts")];
const cli = async (env: Record<string, string>, ...args: string[]) =>
  (await promisify(execFile)(process.execPath, [...NODE_ARGS, ...args], { cwd: MEP_DIR, env: { ...process.env, ...env } })).stdout;

/** An EC2 credential of the test bed's admin in its own project, and the S3 endpoint from Keystone's catalog. */
class TestbedStore {
  private constructor(readonly endpoint: string, readonly access: string, readonly secret: string,
    private readonly cleanup: () => Promise<void>) {}

  static async create(): Promise<TestbedStore> {
    const path = process.env.MECAAS_OPENSTACK_CLOUDS;
    if (!path) {
      throw new Error("MECAAS_OPENSTACK_CLOUDS is not set: the backup spec writes to the test bed's Swift; run it through "
        + "scripts/test.sh or `bash testbed/openstack/with-openstack.sh npx jest mep/test/backup.spec.ts`");
    }
    const a = parse(readFileSync(path, "utf8")).clouds["testbed-admin"].auth;
    const auth = await fetch(`${a.auth_url}/auth/tokens`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ auth: {
        identity: { methods: ["password"], password: { user: { name: a.username, password: a.password, domain: { name: a.user_domain_name } } } },
        scope: { project: { name: a.project_name, domain: { name: a.project_domain_name } } },
      } }),
    });
    if (auth.status !== 201) throw new Error(`Keystone refused the test bed's admin: ${auth.status}`);
    const token = auth.headers.get("x-subject-token")!;
    const body: any = await auth.json();
    const store = body.token.catalog.find((s: any) => s.type === "object-store");
    if (!store) throw new Error("no object-store in the test bed's catalog: start Swift (bash testbed/openstack/swift.sh start)");
    const endpoint = new URL(store.endpoints.find((e: any) => e.interface === "public").url).origin;
    const userId = body.token.user.id;
    const created = await fetch(`${a.auth_url}/users/${userId}/credentials/OS-EC2`, {
      method: "POST", headers: { "content-type": "application/json", "x-auth-token": token },
      body: JSON.stringify({ tenant_id: body.token.project.id }),
    });
    if (created.status !== 201) throw new Error(`EC2 credential not created: ${created.status} ${await created.text()}`);
    const { credential } = (await created.json()) as any;
    return new TestbedStore(endpoint, credential.access, credential.secret, async () => {
      await fetch(`${a.auth_url}/users/${userId}/credentials/OS-EC2/${credential.access}`, { method: "DELETE", headers: { "x-auth-token": token } });
    });
  }

  /** MEP_BACKUP_* settings for a bucket of this spec's own. */
  env(bucket: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      MEP_BACKUP_S3_ENDPOINT: this.endpoint, MEP_BACKUP_S3_REGION: "RegionOne", MEP_BACKUP_S3_BUCKET: bucket,
      MEP_BACKUP_S3_ACCESS_KEY_ID: this.access, MEP_BACKUP_S3_SECRET_ACCESS_KEY: this.secret, ...extra,
    };
  }

  /** Empties and deletes the buckets, then deletes the credential. */
  async close(buckets: string[]) {
    const s3 = new S3Client({ endpoint: this.endpoint, region: "RegionOne", accessKeyId: this.access, secretAccessKey: this.secret });
    for (const bucket of buckets) {
      for (const key of await s3.listKeys(bucket, "").catch(() => [])) await s3.deleteObject(bucket, key);
      await s3.deleteBucket(bucket);
    }
    await this.cleanup();
  }
}

let testbed: TestbedStore;
const buckets: string[] = [];
const newBucket = () => {
  const name = `mep-backup-spec-${randomUUID().slice(0, 8)}`;
  buckets.push(name);
  return name;
};

beforeAll(async () => {
  testbed = await TestbedStore.create();
});
afterAll(async () => {
  await testbed?.close(buckets);
});

describe.each(backends)("backups of a MEP on $name to the test bed's Swift", (backend) => {
  test("mep backup uploads a snapshot that mep restore brings back into an empty database, ids included", async () => {
    const source = await backend.create();
    const mep = await Mep.start(source);
    let original: unknown;
    try {
      const token = await mep.createApp("backed-up");
      expectStatus(await mep.request("POST", `${SM}/applications/backed-up/services`, { token, body: serviceBody("kept") }), 201);
      original = (await mep.request("GET", `${SM}/services`, { token })).body;
    } finally {
      await mep.close();
    }
    const bucket = newBucket();
    expect(await cli({ ...testEnv(source), ...testbed.env(bucket) }, "backup"))
      .toMatch(new RegExp(`^backed up 1 app instances, 1 services, 0 subscriptions, 0 rules to s3://${bucket}/mep/mep-\\d{8}T\\d{6}\\.\\d{3}Z\\.json \\(\\d+ bytes\\); 0 older`));
    expect(await cli(testbed.env(bucket), "backups")).toMatch(/^mep\/mep-\d{8}T\d{6}\.\d{3}Z\.json\n$/);

    const target = await backend.create();
    expect(await cli({ ...testEnv(target), ...testbed.env(bucket) }, "restore"))
      .toMatch(/^restored \{"appInstances":1,"services":1,"subscriptions":0,"rules":0\} from s3:\/\//);
    const restored = await Mep.start(target);
    try {
      const token = await restored.token("backed-up", "secret-of-backed-up-0123456789");
      expect((await restored.request("GET", `${SM}/services`, { token })).body).toEqual(original);
    } finally {
      await restored.close();
    }
  });
});

describe("backups to the test bed's Swift", () => {
  const configFor = (bucket: string, extra: Record<string, string> = {}): BackupConfig => loadBackupConfig(testbed.env(bucket, extra));

  test("beyond the retention count the oldest backups are deleted, and a named backup restores that state", async () => {
    const db = await backends[0].create();
    const store = await openStore({ ...db, discoveryFreshness: "snapshot" });
    const config = configFor(newBucket(), { MEP_BACKUP_RETENTION: "2" });
    try {
      const keys: string[] = [];
      for (let i = 0; i < 4; i++) {
        await store.transaction((tx) => tx.putApp(appRecord(`app-${i}`), null));
        const result = await backup(store, config, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
        expect(result.snapshot.appInstances).toHaveLength(i + 1);
        keys.push(result.key);
        expect(result.deleted).toEqual(i >= 2 ? [keys[i - 2]] : []);
      }
      expect(await listBackups(config)).toEqual(keys.slice(2));

      const target = await openStore({ ...(await backends[0].create()), discoveryFreshness: "snapshot" });
      try {
        const { key, counts } = await restore(target, config, keys[2].replace(/^mep\//, ""));
        expect(key).toBe(keys[2]);
        expect(counts.appInstances).toBe(3);
        expect((await target.transaction((tx) => tx.listApps())).map((a) => a.id).sort()).toEqual(["app-0", "app-1", "app-2"]);
      } finally {
        await target.close();
      }
    } finally {
      await store.close();
    }
  });

  test("objects of other names under the prefix are neither listed, restored nor pruned", async () => {
    const bucket = newBucket();
    const config = configFor(bucket, { MEP_BACKUP_RETENTION: "1" });
    const s3 = new S3Client(config);
    await s3.ensureBucket(bucket);
    await s3.putObject(bucket, "mep/notes.txt", Buffer.from("kept"));
    const store = await openStore({ ...(await backends[0].create()), discoveryFreshness: "snapshot" });
    try {
      const first = await backup(store, config, new Date(Date.UTC(2026, 0, 1)));
      const second = await backup(store, config, new Date(Date.UTC(2026, 0, 2)));
      expect(second.deleted).toEqual([first.key]);
      expect((await s3.listKeys(bucket, "mep/")).sort()).toEqual([second.key, "mep/notes.txt"].sort());
    } finally {
      await store.close();
    }
  });

  test("a wrong secret key is refused by the store: Keystone checks the signature", async () => {
    const store = await openStore({ ...(await backends[0].create()), discoveryFreshness: "snapshot" });
    try {
      const config = configFor(newBucket(), { MEP_BACKUP_S3_SECRET_ACCESS_KEY: "not-the-secret" });
      await expect(listBackups(config)).rejects.toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
      // HEAD answers carry no body, so only the status says why.
      await expect(backup(store, config)).rejects.toMatchObject({ status: 403 });
    } finally {
      await store.close();
    }
  });

  test("restore with no backup in the bucket fails naming the place it looked", async () => {
    const bucket = newBucket();
    const config = configFor(bucket);
    await new S3Client(config).ensureBucket(bucket);
    const store = await openStore({ ...(await backends[0].create()), discoveryFreshness: "snapshot" });
    try {
      await expect(restore(store, config)).rejects.toThrow(`no backup under s3://${bucket}/mep/: nothing to restore`);
    } finally {
      await store.close();
    }
  });
});

describe("backup settings", () => {
  const base = {
    MEP_BACKUP_S3_ENDPOINT: "http://swift.example.net:8080/", MEP_BACKUP_S3_BUCKET: "mep-backups",
    MEP_BACKUP_S3_ACCESS_KEY_ID: "ak", MEP_BACKUP_S3_SECRET_ACCESS_KEY: "sk",
  };

  test("defaults: region us-east-1, prefix mep/, 7 kept; the endpoint's trailing slash dropped", () => {
    expect(loadBackupConfig(base)).toEqual({
      endpoint: "http://swift.example.net:8080", region: "us-east-1", bucket: "mep-backups", prefix: "mep/", retention: 7,
      accessKeyId: "ak", secretAccessKey: "sk",
    });
  });

  test.each([
    [{ MEP_BACKUP_S3_ENDPOINT: "" }, /MEP_BACKUP_S3_ENDPOINT is required: set the S3 API's base URL/],
    [{ MEP_BACKUP_S3_ENDPOINT: "swift:8080" }, /MEP_BACKUP_S3_ENDPOINT="swift:8080" is not an http\(s\) URL/],
    [{ MEP_BACKUP_S3_BUCKET: "Backups_1" }, /MEP_BACKUP_S3_BUCKET="Backups_1" is not a bucket name: use 3-63 lower-case/],
    [{ MEP_BACKUP_S3_PREFIX: "mep" }, /MEP_BACKUP_S3_PREFIX="mep" must end with '\/'/],
    [{ MEP_BACKUP_RETENTION: "0" }, /MEP_BACKUP_RETENTION="0" is invalid: set an integer from 1 to 10000 \(default 7\)/],
    [{ MEP_BACKUP_S3_SECRET_ACCESS_KEY: "" }, /MEP_BACKUP_S3_SECRET_ACCESS_KEY is required/],
  ])("%j is refused, naming the variable and the fix", (override, message) => {
    expect(() => loadBackupConfig({ ...base, ...override })).toThrow(message);
  });
});

function appRecord(id: string): AppInstanceRecord {
  return { id, appName: `app ${id}`, clientSecretHash: "unused", requiredServices: [], state: "READY", version: 1 };
}
