/**
 * Backups of the MEP's state to an S3-compatible object store: `mep backup` exports a snapshot (snapshot.ts), uploads
 * it as <prefix>mep-<UTC time>.json and deletes the oldest beyond the retention count; `mep restore [name]` downloads
 * one (the newest by default) and imports it. Settings come from MEP_BACKUP_* variables (mep/README.md).
 */
import { ConfigError, integer, required, type Env } from "../env";
import { exportSnapshot, importSnapshot, type Snapshot } from "../snapshot";
import type { Store } from "../storage/store";
import { S3Client } from "./s3-client";

export interface BackupConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  /** Keys start with it ("" for the bucket's top level, else ending in "/"). */
  readonly prefix: string;
  /** How many backups are kept; older ones are deleted after each upload. */
  readonly retention: number;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Only names this code writes are listed, restored by default or pruned: nothing else in the bucket is touched. */
const NAME = /^mep-\d{8}T\d{6}\.\d{3}Z\.json$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function loadBackupConfig(env: Env = process.env): BackupConfig {
  const endpoint = required(env, "MEP_BACKUP_S3_ENDPOINT", "set the S3 API's base URL, e.g. http://swift.example.net:8080");
  if (!/^https?:\/\//.test(endpoint)) {
    throw new ConfigError(`MEP_BACKUP_S3_ENDPOINT=${JSON.stringify(endpoint)} is not an http(s) URL: set the S3 API's base URL, e.g. http://swift.example.net:8080`);
  }
  const bucket = required(env, "MEP_BACKUP_S3_BUCKET", "name the bucket backups go to");
  if (!BUCKET.test(bucket)) {
    throw new ConfigError(`MEP_BACKUP_S3_BUCKET=${JSON.stringify(bucket)} is not a bucket name: use 3-63 lower-case letters, digits, '.' and '-'`);
  }
  const prefix = env.MEP_BACKUP_S3_PREFIX ?? "mep/";
  if (prefix !== "" && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
    throw new ConfigError(`MEP_BACKUP_S3_PREFIX=${JSON.stringify(prefix)} must end with '/' and not start with one (e.g. mep/), or be empty`);
  }
  return {
    endpoint: endpoint.replace(/\/+$/, ""),
    region: env.MEP_BACKUP_S3_REGION || "us-east-1",
    bucket,
    prefix,
    retention: integer(env, "MEP_BACKUP_RETENTION", 7, 1, 10000),
    accessKeyId: required(env, "MEP_BACKUP_S3_ACCESS_KEY_ID", "set the access key of the store's credential (an EC2 credential on Swift)"),
    secretAccessKey: required(env, "MEP_BACKUP_S3_SECRET_ACCESS_KEY", "set the secret key of the store's credential"),
  };
}

export interface BackupResult {
  readonly key: string;
  readonly bytes: number;
  readonly deleted: string[];
  readonly snapshot: Snapshot;
}

const clientOf = (config: BackupConfig) => new S3Client(config);

/** The backups under the prefix, oldest first (their names sort by time). */
export async function listBackups(config: BackupConfig, s3 = clientOf(config)): Promise<string[]> {
  const keys = await s3.listKeys(config.bucket, config.prefix);
  return keys.filter((k) => NAME.test(k.slice(config.prefix.length))).sort();
}

export async function backup(store: Store, config: BackupConfig, now = new Date()): Promise<BackupResult> {
  const s3 = clientOf(config);
  const snapshot = await exportSnapshot(store);
  const body = Buffer.from(JSON.stringify(snapshot) + "\n");
  await s3.ensureBucket(config.bucket);
  const key = `${config.prefix}mep-${now.toISOString().replace(/[-:]/g, "")}.json`;
  await s3.putObject(config.bucket, key, body, "application/json");
  // Pruned only once the new one is stored: a failed upload never costs an older backup.
  const all = await listBackups(config, s3);
  const deleted = all.slice(0, Math.max(0, all.length - config.retention));
  for (const old of deleted) await s3.deleteObject(config.bucket, old);
  return { key, bytes: body.length, deleted, snapshot };
}

/**
 * Imports a backup: `name` is a key, or a name under the prefix, or "latest" (the default). Records in the snapshot
 * replace those with the same ids; records it does not hold are left as they are, so restore into an empty MEP to get
 * exactly the backed-up state.
 */
export async function restore(store: Store, config: BackupConfig, name = "latest") {
  const s3 = clientOf(config);
  let key: string;
  if (name === "latest") {
    const all = await listBackups(config, s3);
    if (all.length === 0) throw new ConfigError(`no backup under s3://${config.bucket}/${config.prefix}: nothing to restore`);
    key = all[all.length - 1];
  } else {
    key = name.startsWith(config.prefix) ? name : `${config.prefix}${name}`;
  }
  const snapshot = JSON.parse((await s3.getObject(config.bucket, key)).toString("utf8")) as Snapshot;
  return { key, counts: await importSnapshot(store, snapshot) };
}
