/** The Edge MANO's configuration, read from MANO_* environment variables (documented in mano/README.md). */
import { ConfigError, apiRoot, integer, list, logLevel, required, signingKey, type Env } from "../../mep/src/env";
import { DEFAULT_CLUSTER_CIDRS, parseCidr } from "../../mep/src/notifications/callback-policy";
import type { MepConfig } from "./domain/mep-client";

export { ConfigError };

export interface HelmConfig {
  /** The helm executable (a name on PATH or a path). */
  readonly binary: string;
  /** The kubeconfig helm uses to reach the CSP's cluster. */
  readonly kubeconfig: string;
  /** The namespace app releases are installed into (created when missing). */
  readonly namespace: string;
  /** How long one helm command may run before it is stopped and the operation fails. */
  readonly timeoutSeconds: number;
  /** Create the namespace when missing (false: it exists, and the Edge MANO needs no rights on namespaces). */
  readonly createNamespace: boolean;
}

export interface Config {
  readonly listenHost: string;
  readonly listenPort: number;
  /** Public base URL, used in Location headers, _links and notifications. No trailing slash. */
  readonly apiRoot: string;
  readonly sqlitePath: string;
  readonly adminClientId: string;
  readonly adminClientSecret: string;
  readonly tokenSigningKey: string;
  readonly tokenTtlSeconds: number;
  readonly bodyLimitBytes: number;
  readonly maxUriLength: number;
  readonly logLevel: string;
  /** Directories whose files may be onboarded by a file: appPkgPath. */
  readonly packageDirs: readonly string[];
  /** Hosts an http(s) appPkgPath may name. */
  readonly packageHosts: readonly string[];
  readonly packageMaxBytes: number;
  readonly callbackAllowlist: readonly string[];
  readonly clusterCidrs: readonly string[];
  readonly notificationMaxAttempts: number;
  readonly notificationRetryBaseMs: number;
  readonly notificationTimeoutMs: number;
  /** Pending notifications kept per subscription; the oldest beyond are dropped. */
  readonly notificationQueueLimit: number;
  readonly helm: HelmConfig;
  /** The kubectl executable, which applies the apps' identity Secrets. */
  readonly kubectlBinary: string;
  /** The MEP the apps live on (Mm5); undefined: charts only, no app instance on a MEP. */
  readonly mep?: MepConfig;
}

export function loadConfig(env: Env = process.env): Config {
  const clusterCidrs = env.MANO_CLUSTER_CIDRS === undefined ? [...DEFAULT_CLUSTER_CIDRS] : list(env, "MANO_CLUSTER_CIDRS");
  for (const cidr of clusterCidrs) {
    if (!parseCidr(cidr)) throw new ConfigError(`MANO_CLUSTER_CIDRS entry ${JSON.stringify(cidr)} is not a CIDR: give the cluster's pod and service ranges (empty for none)`);
  }
  return {
    listenHost: env.MANO_LISTEN_HOST || "0.0.0.0",
    listenPort: integer(env, "MANO_LISTEN_PORT", 8090, 0, 65535),
    apiRoot: apiRoot(env, "MANO_API_ROOT", "http://localhost:8090", "https://mano.example.net"),
    sqlitePath: env.MANO_SQLITE_PATH || "./mano.db",
    adminClientId: required(env, "MANO_ADMIN_CLIENT_ID", "set the client id of the OSS credential"),
    adminClientSecret: required(env, "MANO_ADMIN_CLIENT_SECRET", "set the client secret of the OSS credential"),
    tokenSigningKey: signingKey(env, "MANO_TOKEN_SIGNING_KEY"),
    tokenTtlSeconds: integer(env, "MANO_TOKEN_TTL_SECONDS", 3600, 60, 86400),
    bodyLimitBytes: integer(env, "MANO_BODY_LIMIT_BYTES", 1048576, 1024, 104857600),
    maxUriLength: integer(env, "MANO_MAX_URI_LENGTH", 4096, 256, 16384),
    logLevel: logLevel(env, "MANO_LOG_LEVEL"),
    packageDirs: list(env, "MANO_PACKAGE_DIRS"),
    packageHosts: env.MANO_PACKAGE_HOSTS === undefined ? ["localhost", "127.0.0.1", "::1"] : list(env, "MANO_PACKAGE_HOSTS"),
    packageMaxBytes: integer(env, "MANO_PACKAGE_MAX_BYTES", 1048576, 1024, 104857600),
    callbackAllowlist: list(env, "MANO_CALLBACK_ALLOWLIST"),
    clusterCidrs,
    notificationMaxAttempts: integer(env, "MANO_NOTIFICATION_MAX_ATTEMPTS", 10, 1, 1000),
    notificationRetryBaseMs: integer(env, "MANO_NOTIFICATION_RETRY_BASE_MS", 500, 1, 3600000),
    notificationTimeoutMs: integer(env, "MANO_NOTIFICATION_TIMEOUT_MS", 5000, 100, 600000),
    notificationQueueLimit: integer(env, "MANO_NOTIFICATION_QUEUE_LIMIT", 1000, 1, 1000000),
    helm: {
      binary: env.MANO_HELM_BINARY || "helm",
      kubeconfig: required(env, "MANO_KUBECONFIG", "set the path of the kubeconfig helm uses to reach the CSP's cluster"),
      namespace: env.MANO_APP_NAMESPACE || "mec-apps",
      timeoutSeconds: integer(env, "MANO_HELM_TIMEOUT_SECONDS", 300, 1, 86400),
      createNamespace: boolean(env, "MANO_CREATE_NAMESPACE", true),
    },
    kubectlBinary: env.MANO_KUBECTL_BINARY || "kubectl",
    ...(env.MANO_MEP_URL ? { mep: mepConfig(env) } : {}),
  };
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (value !== "true" && value !== "false") throw new ConfigError(`${name}=${JSON.stringify(value)} is not true or false`);
  return value === "true";
}

function mepConfig(env: Env): MepConfig {
  const url = apiRoot(env, "MANO_MEP_URL", "", "http://mep.mec-platform.svc:8080");
  const identitySecretValue = env.MANO_IDENTITY_SECRET_VALUE || "identity.existingSecret";
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(identitySecretValue)) {
    throw new ConfigError(`MANO_IDENTITY_SECRET_VALUE ${JSON.stringify(identitySecretValue)} is not a dotted Helm value path: give one such as identity.existingSecret`);
  }
  return {
    url,
    appUrl: env.MANO_MEP_APP_URL ? apiRoot(env, "MANO_MEP_APP_URL", "", "http://mep.mec-platform.svc:8080") : url,
    adminClientId: required(env, "MANO_MEP_ADMIN_CLIENT_ID", "set the client id of the MEP's admin credential (MANO_MEP_URL is set)"),
    adminClientSecret: required(env, "MANO_MEP_ADMIN_CLIENT_SECRET", "set the client secret of the MEP's admin credential (MANO_MEP_URL is set)"),
    readyTimeoutSeconds: integer(env, "MANO_READY_TIMEOUT_SECONDS", 300, 1, 86400),
    gracefulTimeoutSeconds: integer(env, "MANO_GRACEFUL_TIMEOUT_SECONDS", 30, 1, 86400),
    pollMs: integer(env, "MANO_MEP_POLL_MS", 1000, 10, 60000),
    identitySecretValue,
  };
}
