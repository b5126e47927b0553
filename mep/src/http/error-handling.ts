/**
 * What every service here answers the same way: errors as application/problem+json ProblemDetails, heads Node could
 * not parse, and methods a resource does not support (405 with Allow). Shared by the MEP and the Edge MANO (mano/).
 */
import { STATUS_CODES } from "http";
import type { Socket } from "net";
import type { FastifyError, FastifyInstance, RouteOptions } from "fastify";
import { uriTooLong } from "../auth/guard";
import { ApiError, problem } from "./problem";

/** A request line longer than this, in a head Node refused as too large, is an over-long URI. */
const HEADER_LINE_LIMIT = 8192;
const SUPPORTED_METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE"] as const;

/** Every error leaves as application/problem+json ProblemDetails. */
export function installErrorHandling(app: FastifyInstance, maxUriLength: number) {
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
export function rejectUnparsableRequest(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
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
export function installMethodNotAllowed(app: FastifyInstance, routes: readonly RouteOptions[]) {
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
