import { Construct } from "constructs";
import { ITerraformDependable, Token } from "../cdk";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { InputError } from "../validation";

/** MecPlatformCnf's backup props (charts/mep `backup.*`): scheduled `mep backup` to an S3-compatible store. */
export interface MepBackupProps {
  /**
   * Base URL of the S3 API the MEP's state is backed up to (path-style; e.g. Swift's s3api,
   * `http://swift.example.net:8080`). Setting it turns on the chart's backup CronJob (`mep backup`) and its suspended
   * restore CronJob (`mep restore`); needs `backupAccessKeyId` and `backupSecretAccessKey`.
   * @default - no backups
   */
  readonly backupS3Endpoint?: string;
  /**
   * Access key of the store's credential (an EC2 credential of the CSP's project on Swift). Kept in a Secret.
   * @default - none; required with backupS3Endpoint
   */
  readonly backupAccessKeyId?: string;
  /**
   * Secret key of the store's credential. Sensitive: kept in a Secret, never in Helm values.
   * @default - none; required with backupS3Endpoint
   */
  readonly backupSecretAccessKey?: string;
  /**
   * Bucket of the backups (created on the first backup when missing).
   * @default "mep-backups"
   */
  readonly backupBucket?: string;
  /**
   * Region the store signs requests for (SigV4).
   * @default "us-east-1"
   */
  readonly backupRegion?: string;
  /**
   * Cron schedule of the backups, in the cluster's time zone.
   * @default "17 3 * * *" (daily)
   */
  readonly backupSchedule?: string;
  /**
   * Backups kept; older ones are deleted after each new one is stored.
   * @default 7
   */
  readonly backupRetention?: number;
}

const FIELDS = ["backupAccessKeyId", "backupSecretAccessKey", "backupBucket", "backupRegion", "backupSchedule", "backupRetention"] as const;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CRON_FIELD = /^[-0-9*/,A-Za-z?]+$/;

/** Refuses backup settings that cannot work, each message naming the field, the value and the fix. */
export function validateBackup(where: string, props: MepBackupProps): void {
  const known = (v: unknown) => v !== undefined && !Token.isUnresolved(v);
  if (props.backupS3Endpoint === undefined) {
    const set = FIELDS.filter((f) => props[f] !== undefined);
    if (set.length > 0) throw new InputError(where, [`${set.join(", ")} configure backups, which are off without backupS3Endpoint; set backupS3Endpoint or drop them`]);
    return;
  }
  if (known(props.backupS3Endpoint) && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(props.backupS3Endpoint!)) {
    throw new InputError(where, [`backupS3Endpoint "${props.backupS3Endpoint}" is not an http(s) URL; give the S3 API's base URL, e.g. "http://swift.example.net:8080"`]);
  }
  for (const f of ["backupAccessKeyId", "backupSecretAccessKey"] as const) {
    if (props[f] === undefined) throw new InputError(where, [`${f} is required with backupS3Endpoint: give the store's credential (an EC2 credential on Swift)`]);
  }
  if (known(props.backupBucket) && !BUCKET.test(props.backupBucket!)) {
    throw new InputError(where, [`backupBucket "${props.backupBucket}" is not a bucket name; use 3-63 lower-case letters, digits, "." and "-" (e.g. "mep-backups")`]);
  }
  if (known(props.backupRegion) && !/^[-_a-zA-Z0-9]+$/.test(props.backupRegion!)) {
    throw new InputError(where, [`backupRegion "${props.backupRegion}" is not a region name (e.g. "RegionOne" or "us-east-1")`]);
  }
  if (known(props.backupSchedule)) {
    const fields = props.backupSchedule!.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw new InputError(where, [`backupSchedule "${props.backupSchedule}" is not a five-field cron schedule (e.g. "17 3 * * *", daily at 03:17)`]);
    }
  }
  const r = props.backupRetention;
  if (known(r) && (!Number.isInteger(r) || r! < 1 || r! > 10000)) {
    throw new InputError(where, [`backupRetention ${r} must be a whole number from 1 to 10000 (backups kept)`]);
  }
}

/**
 * The chart's `backup` values, and the Secret holding the store's keys (so they never appear in Helm values); none
 * when backups are off.
 */
export function backupValues(
  scope: Construct, props: MepBackupProps, release: string, namespace: string, kubernetes: KubernetesProvider,
  dependsOn: ITerraformDependable[], labels: Record<string, string>,
): { values?: Record<string, unknown>; secret?: SecretV1 } {
  if (props.backupS3Endpoint === undefined) return {};
  const secret = new SecretV1(scope, "backup-s3-secret", {
    provider: kubernetes,
    metadata: { name: `${release}-backup-s3`, namespace, labels },
    data: { accessKeyId: props.backupAccessKeyId!, secretAccessKey: props.backupSecretAccessKey! },
    dependsOn,
  });
  return {
    secret,
    values: {
      enabled: true,
      schedule: props.backupSchedule ?? "17 3 * * *",
      retention: props.backupRetention ?? 7,
      s3: {
        endpoint: props.backupS3Endpoint,
        region: props.backupRegion ?? "us-east-1",
        bucket: props.backupBucket ?? "mep-backups",
        prefix: "mep/",
        existingSecret: `${release}-backup-s3`,
        accessKeyIdKey: "accessKeyId",
        secretAccessKeyKey: "secretAccessKey",
      },
    },
  };
}
