/** Starts a real MEP on 127.0.0.1:0 and talks to it over real HTTP. */
import type { FastifyInstance } from "fastify";
import { loadConfig, type Config } from "../../src/config";
import { buildServer, type ServerOptions } from "../../src/server";

export const ADMIN = { id: "platform-admin", secret: "admin-secret-for-tests-0001" };
export const SIGNING_KEY = "test-signing-key-0123456789abcdef0123456789";

export interface Response {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body sent as is (with its own content-type header). */
  raw?: string;
}

export function testEnv(db: { databaseUrl?: string; sqlitePath: string }, env: Record<string, string> = {}) {
  return {
    MEP_ADMIN_CLIENT_ID: ADMIN.id,
    MEP_ADMIN_CLIENT_SECRET: ADMIN.secret,
    MEP_TOKEN_SIGNING_KEY: SIGNING_KEY,
    MEP_SQLITE_PATH: db.sqlitePath,
    ...(db.databaseUrl ? { MEP_DATABASE_URL: db.databaseUrl } : {}),
    MEP_CALLBACK_ALLOWLIST: "127.0.0.1/32",
    MEP_LOG_LEVEL: "silent",
    MEP_NOTIFICATION_RETRY_BASE_MS: "50",
    ...env,
  };
}

export class Mep {
  private constructor(
    /** The in-process server, or undefined for a MEP running in another process. */
    private readonly server: FastifyInstance | undefined,
    readonly url: string,
    readonly config: Config,
  ) {}

  /** A client of a MEP running elsewhere (a child process), configured with the same environment. */
  static remote(url: string, env: Record<string, string>) {
    return new Mep(undefined, url, loadConfig(env));
  }

  get app(): FastifyInstance {
    if (!this.server) throw new Error("this MEP runs in another process");
    return this.server;
  }

  static async start(db: { databaseUrl?: string; sqlitePath: string }, env: Record<string, string> = {}, options: ServerOptions = {}) {
    const config = loadConfig({ MEP_API_ROOT: "http://mep.test", ...testEnv(db, env) });
    const app = await buildServer(config, { sweepIntervalMs: 100, dispatchPollMs: 50, ...options });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    return new Mep(app, address, config);
  }

  /** Rewrites an absolute link of the platform (based on MEP_API_ROOT) to this listener. */
  local(link: string) {
    return link.replace(this.config.apiRoot, this.url);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(path.startsWith("http") ? path : `${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  async token(clientId: string, secret: string): Promise<string> {
    const response = await fetch(`${this.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  adminToken() {
    return this.token(ADMIN.id, ADMIN.secret);
  }

  /** Creates an app instance through the management API and returns its access token. */
  async createApp(appInstanceId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const secret = `secret-of-${appInstanceId}-0123456789`;
    const response = await this.request("PUT", `/mecaas_mgmt/v1/app_instances/${appInstanceId}`, {
      token: await this.adminToken(),
      body: { appName: `app ${appInstanceId}`, clientSecret: secret, ...extra },
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`createApp ${appInstanceId}: ${response.status} ${response.text}`);
    return this.token(appInstanceId, secret);
  }

  async close() {
    await this.server?.close();
  }
}
