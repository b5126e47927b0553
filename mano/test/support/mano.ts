/** Starts a real Edge MANO on 127.0.0.1:0 (or names one in a child process) and talks to it over real HTTP. */
import type { FastifyInstance } from "fastify";
import { join } from "path";
import { conformanceAssertions } from "../../../mep/test/support/conformance";
import { HttpClient } from "../../../mep/test/support/http-client";
import { scratchDir } from "../../../mep/test/support/scratch";
import { loadConfig, type Config } from "../../src/config";
import { buildServer } from "../../src/server";
import { createSpecValidator } from "../../src/spec/schemas";
import type { FakeHelm } from "./fake-helm";
import { FakeKubectl } from "./fake-kubectl";

export { expectStatus } from "../../../mep/test/support/conformance";
export const { expectConforms, expectProblem } = conformanceAssertions(createSpecValidator());

export const ADMIN = { id: "oss", secret: "oss-secret-for-tests-0001" };
export const PKGM = "/app_pkgm/v1";
export const LCM = "/app_lcm/v1";

/** The environment of an Edge MANO on a fresh SQLite file, its helm the given stand-in, its kubectl a roomy stand-in pool. */
export function manoEnv(helm: Pick<FakeHelm, "binary">, env: Record<string, string> = {}): Record<string, string> {
  return {
    MANO_ADMIN_CLIENT_ID: ADMIN.id,
    MANO_ADMIN_CLIENT_SECRET: ADMIN.secret,
    MANO_TOKEN_SIGNING_KEY: "test-signing-key-0123456789abcdef0123456789",
    MANO_SQLITE_PATH: join(scratchDir("mano-db"), "mano.db"),
    MANO_HELM_BINARY: helm.binary,
    MANO_KUBECTL_BINARY: new FakeKubectl().binary,
    MANO_KUBECONFIG: "/etc/mecaas/csp-kubeconfig",
    MANO_APP_NAMESPACE: "mec-apps",
    MANO_CALLBACK_ALLOWLIST: "127.0.0.1/32",
    MANO_LOG_LEVEL: "silent",
    MANO_NOTIFICATION_RETRY_BASE_MS: "50",
    ...env,
  };
}

export class Mano extends HttpClient {
  private adminTokenValue?: string;

  private constructor(
    private readonly server: FastifyInstance | undefined,
    url: string,
    readonly config: Config,
  ) {
    super(url);
  }

  static async start(env: Record<string, string>) {
    const config = loadConfig({ MANO_API_ROOT: "http://mano.test", ...env });
    const app = await buildServer(config, { dispatchPollMs: 50 });
    return new Mano(app, await app.listen({ host: "127.0.0.1", port: 0 }), config);
  }

  /** A client of an Edge MANO running in another process with this environment. */
  static remote(url: string, env: Record<string, string>) {
    return new Mano(undefined, url, loadConfig(env));
  }

  async adminToken() {
    return (this.adminTokenValue ??= await this.token(ADMIN.id, ADMIN.secret));
  }

  /** A request with the OSS's token. */
  async as(method: string, path: string, body?: unknown) {
    return this.request(method, this.local(path), { token: await this.adminToken(), ...(body === undefined ? {} : { body }) });
  }

  /** Rewrites an absolute link (based on MANO_API_ROOT) to this listener. */
  local(link: string) {
    return link.replace(this.config.apiRoot, this.url);
  }

  /** Polls an LCM operation occurrence until it is in one of `states`. */
  async opOccIn(location: string, states: string[], timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const occ = await this.as("GET", location);
      if (states.includes(occ.body?.operationState)) return occ.body;
      if (Date.now() > deadline) throw new Error(`operation occurrence ${location} did not reach ${states.join("/")}: ${occ.text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close() {
    await this.server?.close();
  }
}
