import { Construct } from "constructs";
import { Token } from "../cdk";
import { InputError } from "../validation";

/**
 * K8sClusterVnf's etcd snapshot props: k3s's own scheduled snapshots of its embedded etcd (clusters of several
 * servers; one server keeps its datastore in SQLite), kept on each server and, with `etcdS3Endpoint`, uploaded to an
 * S3-compatible store, both pruned beyond the retention count.
 */
export interface EtcdSnapshotProps {
  /**
   * Cron schedule of the servers' etcd snapshots (k3s `etcd-snapshot-schedule-cron`). Several servers only.
   * @default "0 *\/12 * * *" (k3s's: 00:00 and 12:00)
   */
  readonly etcdSnapshotSchedule?: string;
  /**
   * Snapshots each server keeps, on its disk and in the store (k3s `etcd-snapshot-retention`). Several servers only.
   * @default 5 (k3s's)
   */
  readonly etcdSnapshotRetention?: number;
  /**
   * Base URL of an S3-compatible store (e.g. Swift's s3api, `http://swift.example.net:8080`) the snapshots are uploaded
   * to as well (k3s `etcd-s3`, `etcd-s3-endpoint`; `etcd-s3-insecure` for http). Needs `etcdS3AccessKey` and
   * `etcdS3SecretKey`. Several servers only.
   * @default - snapshots stay on the servers' disks
   */
  readonly etcdS3Endpoint?: string;
  /**
   * Access key of the store's credential (an EC2 credential of the cluster's project on Swift).
   * @default - none; required with etcdS3Endpoint
   */
  readonly etcdS3AccessKey?: string;
  /**
   * Secret key of the store's credential. Sensitive: it reaches the servers through their user-data, as the join
   * token does.
   * @default - none; required with etcdS3Endpoint
   */
  readonly etcdS3SecretKey?: string;
  /**
   * Bucket of the snapshots (k3s `etcd-s3-bucket`); it must exist (k3s does not create it).
   * @default "k3s-etcd-snapshots"
   */
  readonly etcdS3Bucket?: string;
  /**
   * Region the store signs for (k3s `etcd-s3-region`).
   * @default "us-east-1"
   */
  readonly etcdS3Region?: string;
  /**
   * Folder of this cluster's snapshots in the bucket (k3s `etcd-s3-folder`).
   * @default - the cluster's `clusterName`
   */
  readonly etcdS3Folder?: string;
}

const FIELDS = ["etcdSnapshotSchedule", "etcdSnapshotRetention", "etcdS3Endpoint", "etcdS3AccessKey", "etcdS3SecretKey",
  "etcdS3Bucket", "etcdS3Region", "etcdS3Folder"] as const;
const S3_ONLY = FIELDS.slice(3);

/** The k3s server settings of the snapshots (empty when none is asked for), refused where they cannot work. */
export function etcdSnapshotConfig(cluster: Construct, props: EtcdSnapshotProps, ha: boolean, clusterName: string): Record<string, unknown> {
  const set = FIELDS.filter((f) => props[f] !== undefined);
  if (set.length === 0) return {};
  if (!ha) {
    throw new InputError(cluster, set[0], props[set[0]], "etcd snapshots need embedded etcd, which k3s runs with several " +
      "servers only (one server keeps its datastore in SQLite): set controllers to 3, or drop the etcd snapshot settings");
  }
  const known = (v: unknown): boolean => v !== undefined && !Token.isUnresolved(v);
  if (known(props.etcdSnapshotSchedule)) {
    const fields = props.etcdSnapshotSchedule!.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((f) => /^[-0-9*/,A-Za-z?]+$/.test(f))) {
      throw new InputError(cluster, "etcdSnapshotSchedule", props.etcdSnapshotSchedule, "give a five-field cron schedule, e.g. \"0 */6 * * *\" (every 6 hours)");
    }
  }
  const retention = props.etcdSnapshotRetention;
  if (known(retention) && (!Number.isInteger(retention) || retention! < 1 || retention! > 1000)) {
    throw new InputError(cluster, "etcdSnapshotRetention", retention, "keep a whole number of snapshots from 1 to 1000");
  }
  const config: Record<string, unknown> = {
    "etcd-snapshot-schedule-cron": props.etcdSnapshotSchedule ?? "0 */12 * * *",
    "etcd-snapshot-retention": retention ?? 5,
  };
  if (props.etcdS3Endpoint === undefined) {
    const s3 = S3_ONLY.filter((f) => props[f] !== undefined);
    if (s3.length > 0) throw new InputError(cluster, s3[0], props[s3[0]], "the S3 settings apply with etcdS3Endpoint only: set it, or drop them");
    return config;
  }
  if (Token.isUnresolved(props.etcdS3Endpoint)) {
    throw new InputError(cluster, "etcdS3Endpoint", props.etcdS3Endpoint, "must be known at synth (k3s takes its host and port apart from its scheme): give the URL itself");
  }
  const endpoint = parseUrl(props.etcdS3Endpoint);
  if (!endpoint || !/^https?:$/.test(endpoint.protocol) || endpoint.pathname !== "/" || endpoint.search) {
    throw new InputError(cluster, "etcdS3Endpoint", props.etcdS3Endpoint, "give the store's base URL, scheme and host only, e.g. \"http://swift.example.net:8080\"");
  }
  for (const f of ["etcdS3AccessKey", "etcdS3SecretKey"] as const) {
    if (props[f] === undefined) throw new InputError(cluster, f, undefined, "required with etcdS3Endpoint: give the store's credential (an EC2 credential on Swift)");
  }
  if (known(props.etcdS3Bucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.etcdS3Bucket!)) {
    throw new InputError(cluster, "etcdS3Bucket", props.etcdS3Bucket, "use 3-63 lower-case letters, digits, \".\" and \"-\" (e.g. \"k3s-etcd-snapshots\")");
  }
  if (known(props.etcdS3Folder) && !/^[A-Za-z0-9][-A-Za-z0-9._/]*$/.test(props.etcdS3Folder!)) {
    throw new InputError(cluster, "etcdS3Folder", props.etcdS3Folder, "use letters, digits, \"-\", \".\", \"_\" and \"/\" (e.g. \"acme\")");
  }
  return {
    ...config,
    "etcd-s3": true,
    // k3s takes a host[:port] here, and plain HTTP only with etcd-s3-insecure.
    "etcd-s3-endpoint": endpoint.host,
    ...(endpoint.protocol === "http:" ? { "etcd-s3-insecure": true } : {}),
    "etcd-s3-access-key": props.etcdS3AccessKey,
    "etcd-s3-secret-key": props.etcdS3SecretKey,
    "etcd-s3-bucket": props.etcdS3Bucket ?? "k3s-etcd-snapshots",
    "etcd-s3-region": props.etcdS3Region ?? "us-east-1",
    "etcd-s3-folder": props.etcdS3Folder ?? clusterName,
  };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
