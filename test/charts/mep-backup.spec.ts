import { join } from "path";
import { Manifest, renderChart, renderChartFailure } from "../support/helm";
import { validateManifests } from "../support/kubernetes-schema";

const chart = join(__dirname, "..", "..", "charts", "mep");
const required = { auth: { existingSecret: "mep-auth" } };
const s3 = { endpoint: "http://192.0.2.10:8080", region: "RegionOne", bucket: "mep-backups", prefix: "mep/", existingSecret: "mep-s3", accessKeyIdKey: "accessKeyId", secretAccessKeyKey: "secretAccessKey" };
const backup = (extra: object = {}) => ({ backup: { enabled: true, schedule: "*/30 * * * *", retention: 5, s3, activeDeadlineSeconds: 600, resources: {}, ...extra } });

function render(values: object = {}): Manifest[] {
  const manifests = renderChart(chart, { ...required, ...values }, { releaseName: "edge1", namespace: "csp-a" });
  expect(validateManifests(manifests)).toEqual([]);
  return manifests;
}

const cronJob = (manifests: Manifest[], name: string) => {
  const found = manifests.find((m) => m.kind === "CronJob" && m.metadata.name === name);
  if (!found) throw new Error(`no CronJob ${name} in ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(", ")}`);
  return found;
};
const podOf = (job: Manifest) => job.spec.jobTemplate.spec.template.spec;
const envOf = (job: Manifest): Record<string, unknown> =>
  Object.fromEntries(podOf(job).containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe("charts/mep backups", () => {
  test("are off by default: no CronJob", () => {
    expect(render().some((m) => m.kind === "CronJob")).toBe(false);
  });

  describe("when enabled, on SQLite", () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render(backup());
    });

    test("a CronJob runs `mep backup` on the schedule, one at a time, with the store's settings and the Secret's keys", () => {
      const job = cronJob(manifests, "edge1-mep-backup");
      expect(job.spec).toMatchObject({ schedule: "*/30 * * * *", concurrencyPolicy: "Forbid" });
      expect(job.spec.suspend).toBeUndefined();
      expect(podOf(job).containers[0].args).toEqual(["backup"]);
      expect(envOf(job)).toEqual({
        MEP_SQLITE_PATH: "/data/mep.db",
        MEP_BACKUP_S3_ENDPOINT: "http://192.0.2.10:8080",
        MEP_BACKUP_S3_REGION: "RegionOne",
        MEP_BACKUP_S3_BUCKET: "mep-backups",
        MEP_BACKUP_S3_PREFIX: "mep/",
        MEP_BACKUP_RETENTION: "5",
        MEP_BACKUP_S3_ACCESS_KEY_ID: { secretKeyRef: { name: "mep-s3", key: "accessKeyId" } },
        MEP_BACKUP_S3_SECRET_ACCESS_KEY: { secretKeyRef: { name: "mep-s3", key: "secretAccessKey" } },
      });
    });

    test("the backup reads the MEP's own claim, on the node of the MEP's pod (a ReadWriteOnce volume)", () => {
      const pod = podOf(cronJob(manifests, "edge1-mep-backup"));
      expect(pod.volumes).toContainEqual({ name: "data", persistentVolumeClaim: { claimName: "edge1-mep" } });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
      expect(pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{
        topologyKey: "kubernetes.io/hostname",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "mep", "app.kubernetes.io/instance": "edge1" } },
      }]);
    });

    test("the restore is a suspended CronJob (a Job template to start by hand) running `mep restore` of the latest backup", () => {
      const job = cronJob(manifests, "edge1-mep-restore");
      expect(job.spec.suspend).toBe(true);
      expect(podOf(job).containers[0].args).toEqual(["restore"]);
      expect(envOf(job)).toMatchObject({ MEP_RESTORE_BACKUP: "latest", MEP_SQLITE_PATH: "/data/mep.db", MEP_BACKUP_S3_BUCKET: "mep-backups" });
      // It runs while the MEP is scaled to 0: no pod to follow.
      expect(podOf(job).affinity).toBeUndefined();
    });

    test("their pods carry no label of the MEP's selector (the Service never routes to them) and run restricted", () => {
      for (const name of ["edge1-mep-backup", "edge1-mep-restore"]) {
        const job = cronJob(manifests, name);
        expect(job.spec.jobTemplate.spec.template.metadata.labels["app.kubernetes.io/name"]).not.toBe("mep");
        expect(podOf(job).securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(podOf(job).containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        expect(podOf(job).automountServiceAccountToken).toBe(false);
        expect(job.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(600);
      }
    });
  });

  test("on PostgreSQL, the Jobs take the database URL from its Secret and mount no volume", () => {
    const manifests = render({ ...backup(), postgresql: { existingSecret: "mep-db", urlKey: "url" } });
    for (const name of ["edge1-mep-backup", "edge1-mep-restore"]) {
      const job = cronJob(manifests, name);
      expect(envOf(job).MEP_DATABASE_URL).toEqual({ secretKeyRef: { name: "mep-db", key: "url" } });
      expect(envOf(job).MEP_SQLITE_PATH).toBeUndefined();
      expect(podOf(job).volumes.map((v: any) => v.name)).toEqual(["tmp"]);
      expect(podOf(job).affinity).toBeUndefined();
    }
  });

  describe("refuses", () => {
    const failure = (values: object) => renderChartFailure(chart, { ...required, ...values });

    test.each(["endpoint", "bucket", "existingSecret"])("backups without backup.s3.%s", (field) => {
      expect(failure({ backup: { ...backup().backup, s3: { ...s3, [field]: "" } } })).toContain(`backup.s3.${field} is required when backup.enabled is true`);
    });

    test.each([
      ["an endpoint that is no http(s) URL", { s3: { ...s3, endpoint: "swift:8080" } }, "/backup/s3/endpoint"],
      ["a bucket name with capitals", { s3: { ...s3, bucket: "Backups" } }, "/backup/s3/bucket"],
      ["a prefix not ending in /", { s3: { ...s3, prefix: "mep" } }, "/backup/s3/prefix"],
      ["a retention of 0", { retention: 0 }, "/backup/retention"],
    ])("%s (values.schema.json)", (_what, extra, message) => {
      const stderr = failure(backup(extra));
      expect(stderr).toContain("values don't meet the specifications of the schema");
      expect(stderr).toContain(message);
    });
  });
});
