/** Starts a real MEP on 127.0.0.1:0 and talks to it over real HTTP. */
import type { FastifyInstance } from "fastify";
import { loadConfig, type Config } from "../../src/config";
import { buildServer, type ServerOptions } from "../../src/server";
import { HttpClient } from "./http-client";

export type { Response, RequestOptions } from "./http-client";

export const ADMIN = { id: "platform-admin", secret: "admin-secret-for-tests-0001" };
export const SIGNING_KEY = "test-signing-key-0123456789abcdef0123456789";

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

export class Mep extends HttpClient {
  private constructor(
    /** The in-process server, or undefined for a MEP running in another process. */
    private readonly server: FastifyInstance | undefined,
    url: string,
    readonly config: Config,
  ) {
    super(url);
  }

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
