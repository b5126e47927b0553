/** Assembles the MEP: Fastify with the ETSI schemas, security, every route family, the outbox dispatcher and sweeps. */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction, type RouteOptions } from "fastify";
import { requestGuard } from "./auth/guard";
import { TokenService } from "./auth/tokens";
import type { Config } from "./config";
import type { Context } from "./context";
import { Sweeper } from "./domain/sweeper";
import { installBodyParsers } from "./http/body-parsers";
import { CanonicalHeaderResponse } from "./http/canonical-headers";
import { installErrorHandling, installMethodNotAllowed } from "./http/error-handling";
import { serviceFastifyOptions } from "./http/fastify-options";
import { requestValidatorCompiler } from "./http/validation";
import { APP_SUPPORT, Links, SERVICE_MGMT } from "./links";
import { Metrics } from "./metrics";
import { CallbackPolicy } from "./notifications/callback-policy";
import { Dispatcher } from "./notifications/dispatcher";
import { buildOpenApiDocument } from "./openapi";
import { appSupportRoutes } from "./routes/app-support";
import { livenessRoutes } from "./routes/liveness";
import { managementRoutes } from "./routes/management";
import { oauthRoutes, platformClients } from "./routes/oauth";
import { operationsRoutes } from "./routes/operations";
import { registrationRoutes } from "./routes/registrations";
import { ruleRoutes } from "./routes/rules";
import { serviceRoutes } from "./routes/services";
import { subscriptionRoutes } from "./routes/subscriptions";
import { timingRoutes } from "./routes/timing";
import { allSchemas, createSpecValidator, schemasWithIds } from "./spec/schemas";
import { openStore } from "./storage/store";
import { TransportRegistry } from "./transports";

export interface ServerOptions {
  /** How often to look for missed heartbeats and expired graceful terminations. */
  readonly sweepIntervalMs?: number;
  /** How often the dispatcher looks for due notifications when nothing wakes it. */
  readonly dispatchPollMs?: number;
}

const PLATFORM_API = {
  info: {
    title: "mecaas MEC Platform (ETSI GS MEC 011 V2.2.1 Mp1, 3.x registration and liveness)",
    version: "2.2.1",
    description: "Mp1 APIs mec_service_mgmt/v1 and mec_app_support/v1, the 3.x app registration, and the mecaas management API.",
  },
  schemas: allSchemas,
};

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<FastifyInstance> {
  const links = new Links(config.apiRoot);
  // Configuration files are read before the database is opened, so a bad one leaves nothing open.
  const specValidator = createSpecValidator();
  const transports = TransportRegistry.load(config.transportsFile, links, (t) => specValidator.validate("TransportInfo", t));
  const store = await openStore(config);
  const app = Fastify({
    ...serviceFastifyOptions(config),
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key, minVersion: "TLSv1.2" as const, ServerResponse: CanonicalHeaderResponse } } : {}),
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(requestValidatorCompiler(schemasWithIds()));
  const metrics = new Metrics(store);
  const context: Context = {
    config,
    store,
    links,
    tokens: new TokenService(config.tokenSigningKey, config.tokenTtlSeconds),
    callbackPolicy: new CallbackPolicy(config.callbackAllowlist, config.clusterCidrs),
    transports,
    notificationsEnqueued: () => dispatcher.kick(),
  };
  const dispatcher = new Dispatcher(store, context.callbackPolicy, app.log, {
    maxAttempts: config.notificationMaxAttempts,
    retryBaseMs: config.notificationRetryBaseMs,
    timeoutMs: config.notificationTimeoutMs,
    pollMs: options.dispatchPollMs ?? 1000,
    concurrency: 128,
  }, metrics);
  const sweeper = new Sweeper(store, links, app.log, () => dispatcher.kick(), options.sweepIntervalMs ?? 1000);

  installBodyParsers(app);
  installErrorHandling(app, config.maxUriLength);
  const routes: RouteOptions[] = [];
  // Each route gets its own guard and metrics hooks, built with what they need to know about the route.
  app.addHook("onRoute", (route) => {
    routes.push(route);
    route.onRequest = [requestGuard(route.config?.auth ?? "public", context.tokens, config.maxUriLength), ...[route.onRequest ?? []].flat()];
    const routeUrl = route.url;
    route.onResponse = [...[route.onResponse ?? []].flat(), (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      metrics.httpDuration.observe({ method: request.method, route: routeUrl, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    }];
  });
  serviceRoutes(app, context);
  livenessRoutes(app, context);
  subscriptionRoutes(app, context, SERVICE_MGMT, "SerAvailabilityNotificationSubscription");
  subscriptionRoutes(app, context, APP_SUPPORT, "AppTerminationNotificationSubscription");
  ruleRoutes(app, context);
  appSupportRoutes(app, context);
  timingRoutes(app, context);
  registrationRoutes(app, context);
  managementRoutes(app, context);
  oauthRoutes(app, context.tokens, platformClients(context));
  let openApiDocument: unknown;
  operationsRoutes(app, context, metrics, () => (openApiDocument ??= buildOpenApiDocument(routes, config.apiRoot, PLATFORM_API)));
  installMethodNotAllowed(app, routes);

  app.addHook("onReady", async () => {
    dispatcher.start();
    sweeper.start();
  });
  // Fastify stops accepting connections and drains in-flight requests before onClose hooks run.
  app.addHook("onClose", async () => {
    await sweeper.stop();
    await dispatcher.stop();
    await store.close();
  });
  return app;
}
