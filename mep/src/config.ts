/** The MEP's configuration, read from environment variables (documented in mep/README.md). */
import { readFileSync } from "fs";
import { ConfigError, apiRoot, integer, list, logLevel, required, signingKey, type Env } from "./env";
import { DEFAULT_CLUSTER_CIDRS, parseCidr } from "./notifications/callback-policy";

export { ConfigError };

export interface Config {
  readonly listenHost: string;
  readonly listenPort: number;
  /** Public base URL, used in Location headers and _links. No trailing slash. */
  readonly apiRoot: string;
  readonly databaseUrl?: string;
  readonly sqlitePath: string;
  /** PostgreSQL: how cached discovery answers are kept fresh (see DiscoveryFreshness in storage/postgres-store.ts). */
  readonly discoveryFreshness: "notify" | "snapshot";
  readonly adminClientId: string;
  readonly adminClientSecret: string;
  readonly tokenSigningKey: string;
  readonly tokenTtlSeconds: number;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly callbackAllowlist: readonly string[];
  /** The cluster's pod and service ranges, refused as callback targets unless the allow-list names them. */
  readonly clusterCidrs: readonly string[];
  readonly bodyLimitBytes: number;
  readonly maxUriLength: number;
  readonly maxSubscriptionsPerApp: number;
  readonly logLevel: string;
  readonly gracefulTerminationTimeoutSeconds: number;
  readonly livenessIntervalSeconds: number;
  readonly timeSourceStatus: "TRACEABLE" | "NONTRACEABLE";
  readonly ntpServers: readonly string[];
  readonly transportsFile?: string;
  readonly notificationMaxAttempts: number;
  readonly notificationRetryBaseMs: number;
  readonly notificationTimeoutMs: number;
}

export function loadConfig(env: Env = process.env): Config {
  const root = apiRoot(env, "MEP_API_ROOT", "http://localhost:8080", "https://mep.example.net");
  const databaseUrl = env.MEP_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("MEP_DATABASE_URL must start with postgres:// or postgresql://; unset it to use SQLite");
  }
  const certFile = env.MEP_TLS_CERT_FILE || undefined;
  const keyFile = env.MEP_TLS_KEY_FILE || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError("MEP_TLS_CERT_FILE and MEP_TLS_KEY_FILE must be set together (PEM files) or both left unset");
  }
  const timeSourceStatus = env.MEP_TIME_SOURCE_STATUS || "NONTRACEABLE";
  if (timeSourceStatus !== "TRACEABLE" && timeSourceStatus !== "NONTRACEABLE") {
    throw new ConfigError("MEP_TIME_SOURCE_STATUS must be TRACEABLE or NONTRACEABLE");
  }
  const discoveryFreshness = env.MEP_DISCOVERY_FRESHNESS || "notify";
  if (discoveryFreshness !== "notify" && discoveryFreshness !== "snapshot") {
    throw new ConfigError("MEP_DISCOVERY_FRESHNESS must be notify (LISTEN for changes; the default) or snapshot (check each answer against the database)");
  }
  const clusterCidrs = env.MEP_CLUSTER_CIDRS === undefined ? [...DEFAULT_CLUSTER_CIDRS] : list(env, "MEP_CLUSTER_CIDRS");
  for (const cidr of clusterCidrs) {
    if (!parseCidr(cidr)) {
      throw new ConfigError(`MEP_CLUSTER_CIDRS entry ${JSON.stringify(cidr)} is not a CIDR: give the cluster's pod and service ranges, e.g. 10.42.0.0/16,10.43.0.0/16 (empty for none)`);
    }
  }
  return {
    listenHost: env.MEP_LISTEN_HOST || "0.0.0.0",
    listenPort: integer(env, "MEP_LISTEN_PORT", 8080, 0, 65535),
    apiRoot: root,
    databaseUrl,
    sqlitePath: env.MEP_SQLITE_PATH || "./mep.db",
    discoveryFreshness,
    adminClientId: required(env, "MEP_ADMIN_CLIENT_ID", "set the client id of the management credential"),
    adminClientSecret: required(env, "MEP_ADMIN_CLIENT_SECRET", "set the client secret of the management credential"),
    tokenSigningKey: signingKey(env, "MEP_TOKEN_SIGNING_KEY"),
    tokenTtlSeconds: integer(env, "MEP_TOKEN_TTL_SECONDS", 3600, 60, 86400),
    tls: certFile && keyFile ? { cert: readPem("MEP_TLS_CERT_FILE", certFile), key: readPem("MEP_TLS_KEY_FILE", keyFile) } : undefined,
    callbackAllowlist: list(env, "MEP_CALLBACK_ALLOWLIST"),
    clusterCidrs,
    bodyLimitBytes: integer(env, "MEP_BODY_LIMIT_BYTES", 1048576, 1024, 104857600),
    maxUriLength: integer(env, "MEP_MAX_URI_LENGTH", 4096, 256, 16384),
    maxSubscriptionsPerApp: integer(env, "MEP_MAX_SUBSCRIPTIONS_PER_APP", 100, 1, 1000000),
    logLevel: logLevel(env, "MEP_LOG_LEVEL"),
    gracefulTerminationTimeoutSeconds: integer(env, "MEP_GRACEFUL_TERMINATION_TIMEOUT_SECONDS", 30, 1, 86400),
    livenessIntervalSeconds: integer(env, "MEP_LIVENESS_INTERVAL_SECONDS", 30, 1, 86400),
    timeSourceStatus,
    ntpServers: list(env, "MEP_NTP_SERVERS"),
    transportsFile: env.MEP_TRANSPORTS_FILE || undefined,
    notificationMaxAttempts: integer(env, "MEP_NOTIFICATION_MAX_ATTEMPTS", 10, 1, 1000),
    notificationRetryBaseMs: integer(env, "MEP_NOTIFICATION_RETRY_BASE_MS", 500, 1, 3600000),
    notificationTimeoutMs: integer(env, "MEP_NOTIFICATION_TIMEOUT_MS", 5000, 100, 600000),
  };
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`${name}=${file} cannot be read (${(err as Error).message}): point it at a PEM file`);
  }
}
