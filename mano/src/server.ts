/**
 * Assembles the Edge MANO: Fastify with the ETSI MEC 010-2 schemas, OAuth2 bearer tokens, the Mm1 package and
 * lifecycle routes and the grants, the LCM engine with its deployer and granting, and the notification dispatcher. What it shares with the MEP
 * (errors, body parsing, header spelling, tokens, callback policy, the outbox and its dispatcher, SQLite writing)
 * is the MEP's code, imported from mep/src.
 */
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { requestGuard } from "../../mep/src/auth/guard";
import { TokenService } from "../../mep/src/auth/tokens";
import { installBodyParsers } from "../../mep/src/http/body-parsers";
import { installErrorHandling, installMethodNotAllowed } from "../../mep/src/http/error-handling";
import { serviceFastifyOptions } from "../../mep/src/http/fastify-options";
import { requestValidatorCompiler } from "../../mep/src/http/validation";
import { CallbackPolicy } from "../../mep/src/notifications/callback-policy";
import { Dispatcher } from "../../mep/src/notifications/dispatcher";
import { buildOpenApiDocument } from "../../mep/src/openapi";
import { adminClient, oauthRoutes } from "../../mep/src/routes/oauth";
import type { Config } from "./config";
import type { Context } from "./context";
import { HelmDeployer, type Deployer } from "./domain/deployer";
import { AppRuntime } from "./domain/app-runtime";
import { ClusterGranting } from "./domain/granting";
import { KubectlSecrets } from "./domain/identity";
import { Lifecycle } from "./domain/lifecycle";
import { MepClient } from "./domain/mep-client";
import { PackageService } from "./domain/packages";
import { APP_LCM, APP_PKGM, Links } from "./links";
import { Notifier } from "./notifications/notifier";
import { appInstanceRoutes } from "./routes/app-instances";
import { appPackageRoutes } from "./routes/app-packages";
import { grantRoutes } from "./routes/grants";
import { opOccRoutes } from "./routes/op-occs";
import { operationsRoutes } from "./routes/operations";
import { subscriptionRoutes } from "./routes/subscriptions";
import { allSchemas, createSpecValidator, schemasWithIds } from "./spec/schemas";
import { openStore } from "./storage/store";

export interface ServerOptions {
  /** How app instances reach the cluster; default: helm, as configured. */
  readonly deployer?: Deployer;
  /** How often the dispatcher looks for due notifications when nothing wakes it. */
  readonly dispatchPollMs?: number;
}

const REALM = "mano";
const MANO_API = {
  info: {
    title: "mecaas Edge MANO (ETSI GS MEC 010-2 v3.1.1 Mm1, Mm3 grants)",
    version: "3.1.1",
    description: "Application package management app_pkgm/v1, application lifecycle management app_lcm/v1, and the grants the Edge MANO gives its own operations granting/v1.",
  },
  schemas: allSchemas,
};

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<FastifyInstance> {
  const store = await openStore(config.sqlitePath);
  const app = Fastify(serviceFastifyOptions(config)) as unknown as FastifyInstance;
  app.setValidatorCompiler(requestValidatorCompiler(schemasWithIds()));

  const links = new Links(config.apiRoot);
  const tokens = new TokenService(config.tokenSigningKey, config.tokenTtlSeconds);
  const callbackPolicy = new CallbackPolicy(config.callbackAllowlist, config.clusterCidrs);
  const dispatcher = new Dispatcher(store.outbox, callbackPolicy, app.log, {
    maxAttempts: config.notificationMaxAttempts,
    retryBaseMs: config.notificationRetryBaseMs,
    timeoutMs: config.notificationTimeoutMs,
    pollMs: options.dispatchPollMs ?? 1000,
    concurrency: 16,
  });
  const notifier = new Notifier(config.notificationQueueLimit, app.log, () => dispatcher.kick());
  const mm5 = config.mep && {
    mep: new MepClient(config.mep), config: config.mep, secrets: new KubectlSecrets(config.kubectlBinary, config.helm), secretKey: config.tokenSigningKey,
  };
  const runtime = new AppRuntime(options.deployer ?? new HelmDeployer(config.helm), mm5);
  const lifecycle = new Lifecycle(store, runtime, new ClusterGranting(config.kubectlBinary, config.helm), notifier, links, app.log);
  const context: Context = {
    config, store, links, callbackPolicy, lifecycle,
    packages: new PackageService(store, notifier, links, config, createSpecValidator()),
  };
  // Before any request: what a crash cut off runs again (every step of an operation is safe to repeat).
  await lifecycle.resumeInterrupted();

  installBodyParsers(app);
  installErrorHandling(app, config.maxUriLength);
  const routes: RouteOptions[] = [];
  app.addHook("onRoute", (route) => {
    routes.push(route);
    route.onRequest = [requestGuard(route.config?.auth ?? "public", tokens, config.maxUriLength, REALM), ...[route.onRequest ?? []].flat()];
  });
  appPackageRoutes(app, context);
  subscriptionRoutes(app, context, { root: APP_PKGM, api: "app_pkgm", requestSchema: "AppPkgSubscription", infoSchema: "AppPkgSubscriptionInfo", linkListSchema: "AppPkgSubscriptionLinkList" });
  appInstanceRoutes(app, context);
  opOccRoutes(app, context);
  grantRoutes(app, context);
  subscriptionRoutes(app, context, { root: APP_LCM, api: "app_lcm", requestSchema: "LcmSubscriptionRequest", infoSchema: "LcmSubscriptionInfo", linkListSchema: "AppInstanceSubscriptionLinkList" });
  oauthRoutes(app, tokens, adminClient(config.adminClientId, config.adminClientSecret), REALM);
  let openApiDocument: unknown;
  operationsRoutes(app, context, () => (openApiDocument ??= buildOpenApiDocument(routes, config.apiRoot, MANO_API)));
  installMethodNotAllowed(app, routes);

  app.addHook("onReady", async () => dispatcher.start());
  app.addHook("onClose", async () => {
    await lifecycle.drain();
    await dispatcher.stop();
    await store.close();
  });
  return app;
}
