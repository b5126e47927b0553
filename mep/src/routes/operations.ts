/** Operations endpoints: liveness/readiness probes, Prometheus metrics, the OpenAPI document. */
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { ApiError } from "../http/problem";
import type { Metrics } from "../metrics";

export function operationsRoutes(app: FastifyInstance, ctx: Context, metrics: Metrics, openApiDocument: () => unknown) {
  const tags = ["operations"];
  app.get("/healthz", { config: { openapi: { summary: "Liveness probe", tags, responses: { 200: null } } } }, async () => ({ status: "ok" }));

  app.get("/readyz", { config: { openapi: { summary: "Readiness probe (the database answers)", tags, responses: { 200: null, 503: "ProblemDetails" } } } }, async () => {
    try {
      await ctx.store.ping();
    } catch (err) {
      throw new ApiError(503, `database unavailable: ${(err as Error).message}`);
    }
    return { status: "ready" };
  });

  app.get("/metrics", { config: { openapi: { summary: "Prometheus metrics", tags, responses: { 200: null } } } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get("/openapi.json", { config: { openapi: { summary: "This OpenAPI document", tags, responses: { 200: null } } } }, async () => openApiDocument());
}
