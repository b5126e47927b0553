/** Individual mecServiceLiveness (clause 8.2.10): read, and the heartbeat PATCH. */
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { heartbeat, livenessInfo } from "../domain/liveness";
import { checkIfMatch, etagOf } from "../http/etag";
import { ApiError, notFound } from "../http/problem";
import { SERVICE_MGMT } from "../links";
import type { StoreOps } from "../storage/store";
import { appParams, requireApp, spec } from "./common";

const tags = ["services"];

export function livenessRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;
  const path = `${SERVICE_MGMT}/applications/:appInstanceId/services/:serviceId/liveness`;

  const load = async (ops: StoreOps, appInstanceId: string, serviceId: string) => {
    await requireApp(ops, appInstanceId);
    const service = await ops.getService(serviceId);
    if (!service || service.appInstanceId !== appInstanceId || !service.liveness) {
      throw notFound(`liveness resource of service ${serviceId} (the platform allocates one only when it requires heartbeats)`);
    }
    return service;
  };

  app.get(path, {
    schema: { params: appParams("serviceId") },
    config: { auth: "app", openapi: { summary: "Read the liveness of a service", tags, responses: { 200: "ServiceLivenessInfo", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, serviceId } = request.params as { appInstanceId: string; serviceId: string };
    const service = await load(store, appInstanceId, serviceId);
    reply.header("etag", etagOf(service.version));
    return livenessInfo(service);
  });

  app.patch(path, {
    schema: { params: appParams("serviceId"), body: spec("ServiceLivenessUpdate") },
    config: { auth: "app", openapi: { summary: "Send a heartbeat", tags, responses: { 200: "ServiceLivenessInfo", 400: "ProblemDetails", 404: "ProblemDetails", 409: "ProblemDetails", 412: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, serviceId } = request.params as { appInstanceId: string; serviceId: string };
    const updated = await store.transaction(async (tx) => {
      const service = await load(tx, appInstanceId, serviceId);
      checkIfMatch(request.headers["if-match"], service.version);
      const next = await heartbeat(tx, links, service, Date.now());
      if (!next) throw new ApiError(412, `service ${serviceId} changed concurrently`);
      return next;
    });
    ctx.notificationsEnqueued();
    // Clause 8.2.10.3.3 allows 204 or 200 with the ServiceLivenessInfo; clients written against other MEPs read
    // the body (the interval to keep), and a client expecting 204 ignores it.
    reply.header("etag", etagOf(updated.version));
    return livenessInfo(updated);
  });
}
