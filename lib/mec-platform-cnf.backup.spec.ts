import "cdktf/lib/testing/adapters/jest";
import { TerraformStack, Testing } from "./cdk";
import { ClusterProviders } from "./cluster-providers";
import { MecPlatformCnf, MecPlatformCnfProps } from "./mec-platform-cnf";
import { projectChartDir } from "./helm-chart-source";
import { renderChart } from "../test/support/helm";
import { validateManifests } from "../test/support/kubernetes-schema";
import { placeholderAccess } from "../test/support/cluster-credentials";

const access = placeholderAccess;
type Props = Omit<MecPlatformCnfProps, "cluster">;
const store: Props = { backupS3Endpoint: "http://swift.example.net:8080", backupAccessKeyId: "AKID", backupSecretAccessKey: "topsecretkey" };

function build(props: Props) {
  const stack = new TerraformStack(Testing.app(), "csp1-platform");
  new MecPlatformCnf(stack, "mep", { cluster: new ClusterProviders(stack, "cluster", { access }), ...props });
  return stack;
}
const synth = (props: Props): any => JSON.parse(Testing.synth(build(props)));
const releaseOf = (json: any) => Object.values(json.resource.helm_release)[0] as any;
const valuesOf = (json: any) => JSON.parse(releaseOf(json).values[0]);

describe("MecPlatformCnf backups", () => {
  test("are off by default: no backup values, no store Secret", () => {
    const json = synth({});
    expect(valuesOf(json).backup).toBeUndefined();
    expect(Object.values(json.resource.kubernetes_secret_v1).map((s: any) => s.metadata.name)).toEqual(["mep-auth"]);
  });

  test("with a store: the chart's backup CronJob with the defaults (daily, 7 kept, bucket mep-backups, us-east-1)", () => {
    expect(valuesOf(synth(store)).backup).toEqual({
      enabled: true, schedule: "17 3 * * *", retention: 7,
      s3: {
        endpoint: "http://swift.example.net:8080", region: "us-east-1", bucket: "mep-backups", prefix: "mep/",
        existingSecret: "mep-backup-s3", accessKeyIdKey: "accessKeyId", secretAccessKeyKey: "secretAccessKey",
      },
    });
  });

  test("the keys go to a Secret the release waits for, never to the Helm values", () => {
    const json = synth({ ...store, backupBucket: "csp1-mep", backupRegion: "RegionOne", backupSchedule: "0 */6 * * *", backupRetention: 28 });
    const [id, secret] = Object.entries(json.resource.kubernetes_secret_v1).find(([, s]: any) => s.metadata.name === "mep-backup-s3") as [string, any];
    expect(secret.data).toEqual({ accessKeyId: "AKID", secretAccessKey: "topsecretkey" });
    expect(releaseOf(json).depends_on).toContain(`kubernetes_secret_v1.${id}`);
    expect(releaseOf(json).values[0]).not.toContain("topsecretkey");
    expect(valuesOf(json).backup).toMatchObject({ schedule: "0 */6 * * *", retention: 28, s3: { bucket: "csp1-mep", region: "RegionOne" } });
  });

  test("the values render with the real charts/mep: backup and restore CronJobs reading that Secret", () => {
    const json = synth(store);
    const manifests = renderChart(projectChartDir("mep"), valuesOf(json), { releaseName: "mep", namespace: "mec-platform" });
    expect(validateManifests(manifests)).toEqual([]);
    const jobs = manifests.filter((m) => m.kind === "CronJob");
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(["mep-backup", "mep-restore"]);
    for (const job of jobs) expect(JSON.stringify(job)).toContain('"name":"mep-backup-s3"');
  });

  describe("refuses at synth, naming the field and the fix", () => {
    test.each<[string, Props, RegExp]>([
      ["backup settings without a store", { backupRetention: 3 }, /backupRetention configure backups, which are off without backupS3Endpoint/],
      ["an endpoint that is no URL", { ...store, backupS3Endpoint: "swift:8080" }, /backupS3Endpoint "swift:8080" is not an http\(s\) URL/],
      ["a store without its secret key", { ...store, backupSecretAccessKey: undefined }, /backupSecretAccessKey is required with backupS3Endpoint/],
      ["a bucket name with capitals", { ...store, backupBucket: "MEP" }, /backupBucket "MEP" is not a bucket name/],
      ["a schedule of six fields", { ...store, backupSchedule: "0 0 3 * * *" }, /backupSchedule "0 0 3 \* \* \*" is not a five-field cron schedule/],
      ["a retention of 0", { ...store, backupRetention: 0 }, /backupRetention 0 must be a whole number from 1 to 10000/],
    ])("%s", (_what, props, message) => {
      expect(() => build(props)).toThrow(message);
    });
  });
});
