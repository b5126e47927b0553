/** Operations endpoints: liveness and readiness probes, the OpenAPI document. */
import type { FastifyInstance } from "fastify";
import { ApiError } from "../../../mep/src/http/problem";
import type { Context } from "../context";

export function operationsRoutes(app: FastifyInstance, ctx: Context, openApiDocument: () => unknown) {
  const tags = ["operations"];
  app.get("/healthz", { config: { openapi: { summary: "Liveness probe", tags, responses: { 200: null } } } }, async () => ({ status: "ok" }));
  app.get("/readyz", { config: { openapi: { summary: "Readiness probe (the database answers)", tags, responses: { 200: null, 503: "ProblemDetails" } } } }, async () => {
    try {
      await ctx.store.read.ping();
    } catch (err) {
      throw new ApiError(503, `database unavailable: ${(err as Error).message}`);
    }
    return { status: "ready" };
  });
  app.get("/openapi.json", { config: { openapi: { summary: "This OpenAPI document", tags, responses: { 200: null } } } }, async () => openApiDocument());
}
