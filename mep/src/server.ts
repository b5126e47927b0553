/** Assembles the MEP: Fastify with the ETSI schemas, security, every route family, the outbox dispatcher and sweeps. */
import { STATUS_CODES } from "http";
import type { Socket } from "net";
import Fastify, {
  LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction, type RouteOptions,
} from "fastify";
import { requestGuard, uriTooLong } from "./auth/guard";
import { TokenService } from "./auth/tokens";
import type { Config } from "./config";
import type { Context } from "./context";
import { Sweeper } from "./domain/sweeper";
import { installBodyParsers } from "./http/body-parsers";
import { CanonicalHeaderResponse } from "./http/canonical-headers";
import { ApiError, problem } from "./http/problem";
import { requestValidatorCompiler } from "./http/validation";
import { APP_SUPPORT, Links, SERVICE_MGMT } from "./links";
import { Metrics } from "./metrics";
import { CallbackPolicy } from "./notifications/callback-policy";
import { Dispatcher } from "./notifications/dispatcher";
import { buildOpenApiDocument } from "./openapi";
import { appSupportRoutes } from "./routes/app-support";
import { livenessRoutes } from "./routes/liveness";
import { managementRoutes } from "./routes/management";
import { oauthRoutes } from "./routes/oauth";
import { operationsRoutes } from "./routes/operations";
import { registrationRoutes } from "./routes/registrations";
import { ruleRoutes } from "./routes/rules";
import { serviceRoutes } from "./routes/services";
import { subscriptionRoutes } from "./routes/subscriptions";
import { timingRoutes } from "./routes/timing";
import { createSpecValidator } from "./spec/schemas";
import { openStore } from "./storage/store";
import { TransportRegistry } from "./transports";

export interface ServerOptions {
  /** How often to look for missed heartbeats and expired graceful terminations. */
  readonly sweepIntervalMs?: number;
  /** How often the dispatcher looks for due notifications when nothing wakes it. */
  readonly dispatchPollMs?: number;
}

/** A request line longer than this, in a head Node refused as too large, is an over-long URI. */
const HEADER_LINE_LIMIT = 8192;
const SUPPORTED_METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE"] as const;

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<FastifyInstance> {
  const links = new Links(config.apiRoot);
  // Configuration files are read before the database is opened, so a bad one leaves nothing open.
  const specValidator = createSpecValidator();
  const transports = TransportRegistry.load(config.transportsFile, links, (t) => specValidator.validate("TransportInfo", t));
  const store = await openStore(config);
  const app = Fastify({
    logger: { level: config.logLevel, redact: ["req.headers.authorization"] },
    // A line per request received and completed only at debug and trace: at the default (info) they cost about a
    // third of the discovery throughput and a few hundred bytes per request (bench/mep), and what they would
    // tell is counted per route and status in mep_http_request_duration_seconds. Errors are logged at any level.
    logController: new LogController({ disableRequestLogging: !["debug", "trace"].includes(config.logLevel) }),
    bodyLimit: config.bodyLimitBytes,
    // While closing, requests already on open connections are still served (the listener no longer accepts new ones).
    return503OnClosing: false,
    clientErrorHandler: rejectUnparsableRequest,
    routerOptions: { maxParamLength: config.maxUriLength },
    // Every response's header names leave with their usual capitalization (see http/canonical-headers.ts).
    http: { ServerResponse: CanonicalHeaderResponse },
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key, minVersion: "TLSv1.2" as const, ServerResponse: CanonicalHeaderResponse } } : {}),
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(requestValidatorCompiler());
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
  const dispatcher = new Dispatcher(store, context.callbackPolicy, metrics, app.log, {
    maxAttempts: config.notificationMaxAttempts,
    retryBaseMs: config.notificationRetryBaseMs,
    timeoutMs: config.notificationTimeoutMs,
    pollMs: options.dispatchPollMs ?? 1000,
    concurrency: 128,
  });
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
  oauthRoutes(app, context);
  let openApiDocument: unknown;
  operationsRoutes(app, context, metrics, () => (openApiDocument ??= buildOpenApiDocument(routes, config.apiRoot)));
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

/** Every error leaves as application/problem+json ProblemDetails. */
function installErrorHandling(app: FastifyInstance, maxUriLength: number) {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    let status = 500;
    let detail = "internal error";
    if (error instanceof ApiError) {
      status = error.status;
      detail = error.message;
      reply.headers(error.headers);
    } else if (error.validation) {
      status = 400;
      detail = `${error.validationContext ?? "request"}: ${error.message}`;
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      detail = error.message;
    } else {
      request.log.error({ err: error }, "request failed");
    }
    reply.code(status).type("application/problem+json").send(problem(status, detail, request.url));
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.length > maxUriLength) throw uriTooLong(maxUriLength);
    reply.code(404).type("application/problem+json").send(problem(404, `no resource at ${request.method} ${request.url.split("?")[0]}`, request.url));
  });
}

/**
 * Node refuses requests whose head exceeds its 16 KiB limit before Fastify sees them. Answer with ProblemDetails:
 * 414 when the request line is what is too long, 431 when the header fields are.
 */
function rejectUnparsableRequest(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const raw = error.rawPacket;
  let status = 400;
  if (error.code === "HPE_HEADER_OVERFLOW") {
    const lineEnd = Buffer.isBuffer(raw) ? raw.indexOf("\r\n") : -1;
    status = lineEnd === -1 || lineEnd > HEADER_LINE_LIMIT ? 414 : 431;
  }
  else if (error.code === "HPE_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_REQUEST_TIMEOUT") status = 408;
  const body = JSON.stringify(problem(status, { 400: "the request could not be parsed as HTTP", 408: "the request was not received in time", 414: "the request URI is longer than the server accepts", 431: "the request header fields are larger than the server accepts" }[status]!));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Methods a resource does not support get 405 with an Allow header (instead of a 404). */
function installMethodNotAllowed(app: FastifyInstance, routes: readonly RouteOptions[]) {
  const byUrl = new Map<string, Set<string>>();
  for (const route of routes) {
    for (const method of [route.method].flat()) if (method !== "HEAD") (byUrl.get(route.url) ?? byUrl.set(route.url, new Set()).get(route.url)!).add(method);
  }
  for (const [url, allowed] of byUrl) {
    const missing = SUPPORTED_METHODS.filter((m) => !allowed.has(m));
    if (!missing.length) continue;
    const allow = [...allowed].join(", ");
    app.route({
      method: missing,
      url,
      config: { methodNotAllowed: true },
      handler: async (request) => {
        throw new ApiError(405, `${request.method} is not supported on this resource; allowed: ${allow}`, { allow });
      },
    });
  }
}
