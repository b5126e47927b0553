/** The sample app's configuration, from environment variables (set by charts/mec-app-sample). */

export interface SampleAppConfig {
  /** The app instance id, which is also the OAuth2 client id (MEC 009). */
  readonly appInstanceId: string;
  readonly clientSecret: string;
  /** The MEP's API root, e.g. http://mep.mec.svc:8080 (no trailing slash). */
  readonly mepUrl: string;
  readonly listenHost: string;
  /** 0 picks a free port (tests). */
  readonly listenPort: number;
  /** How the MEP reaches this app; unset: http://{listenHost}:{bound port}. */
  readonly callbackBaseUrl?: string;
  /** The service this app produces. */
  readonly serviceName: string;
  readonly serviceVersion: string;
  /** Where consumers reach the produced service; unset: the callback base URL. */
  readonly serviceEndpoint?: string;
  /** serNames this app consumes: discovered at start and watched. */
  readonly consumedServices: readonly string[];
  readonly logLevel: LogLevel;
}

export type LogLevel = "error" | "warn" | "info" | "debug";
const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export function loadSampleAppConfig(env: Env = process.env): SampleAppConfig {
  const listenPort = Number(env.MEC_APP_LISTEN_PORT ?? "8080");
  if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65535) {
    throw new Error(`MEC_APP_LISTEN_PORT=${env.MEC_APP_LISTEN_PORT} is not a port number`);
  }
  const logLevel = (env.MEC_APP_LOG_LEVEL || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`MEC_APP_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return {
    appInstanceId: required(env, "MEC_APP_INSTANCE_ID"),
    clientSecret: required(env, "MEC_APP_CLIENT_SECRET"),
    mepUrl: required(env, "MEP_URL").replace(/\/+$/, ""),
    listenHost: env.MEC_APP_LISTEN_HOST || "0.0.0.0",
    listenPort,
    callbackBaseUrl: env.MEC_APP_CALLBACK_BASE_URL?.replace(/\/+$/, "") || undefined,
    serviceName: env.MEC_APP_SERVICE_NAME || "sample-echo",
    serviceVersion: env.MEC_APP_SERVICE_VERSION || "1.0.0",
    serviceEndpoint: env.MEC_APP_SERVICE_ENDPOINT || undefined,
    consumedServices: (env.MEC_APP_CONSUMED_SERVICES ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    logLevel,
  };
}

/** One JSON object per line on stdout, filtered by level. */
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export function jsonLogger(threshold: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const max = LOG_LEVELS.indexOf(threshold);
  return (level, message, fields = {}) => {
    if (LOG_LEVELS.indexOf(level) > max) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  };
}
