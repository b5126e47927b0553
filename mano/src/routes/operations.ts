/** Operations endpoints: liveness and readiness probes. */
import type { FastifyInstance } from "fastify";
import { ApiError } from "../../../mep/src/http/problem";
import type { Context } from "../context";

export function operationsRoutes(app: FastifyInstance, ctx: Context) {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async () => {
    try {
      await ctx.store.read.ping();
    } catch (err) {
      throw new ApiError(503, `database unavailable: ${(err as Error).message}`);
    }
    return { status: "ready" };
  });
}
