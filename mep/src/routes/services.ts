/** MEC service management: services (clauses 8.2.3, 8.2.4, 8.2.6, 8.2.7) and transports (8.2.5). */
import { randomUUID } from "crypto";
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { announceServiceChanges, classifyChange } from "../domain/service-availability";
import { checkIfMatch, etagOf } from "../http/etag";
import { ApiError, badRequest, forbidden, notFound } from "../http/problem";
import { ReadCache } from "../http/read-cache";
import { SERVICE_MGMT } from "../links";
import type { AppInstanceRecord, ServiceFilter, ServiceInfo, ServiceRecord, StoreOps } from "../storage/store";
import { appParams, requireApp, sendCreated, spec } from "./common";

const tags = ["services"];
const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    ser_instance_id: { type: "array", items: { type: "string" } },
    ser_name: { type: "array", items: { type: "string" } },
    ser_category_id: { type: "string" },
    scope_of_locality: spec("LocalityType"),
    consumed_local_only: { type: "boolean" },
    is_local: { type: "boolean" },
  },
};

interface ListQuery {
  ser_instance_id?: string[];
  ser_name?: string[];
  ser_category_id?: string;
  scope_of_locality?: string;
  consumed_local_only?: boolean;
  is_local?: boolean;
}

/** Values may be repeated (a=1&a=2) or comma-separated (a=1,2). */
const values = (list?: string[]) => list?.flatMap((v) => v.split(",")).filter((v) => v !== "");

type ServiceBody = Record<string, unknown> & { transportId?: string; livenessInterval?: number };

export function serviceRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;

  const representation = (s: ServiceRecord, selfHref: string) => ({
    ...s.info,
    _links: { self: { href: selfHref }, ...(s.liveness ? { liveness: { href: links.liveness(s.appInstanceId, s.id) } } : {}) },
  });

  async function ownService(tx: StoreOps, appInstanceId: string, serviceId: string) {
    const appInstance = await requireApp(tx, appInstanceId);
    const service = await tx.getService(serviceId);
    if (!service || service.appInstanceId !== appInstanceId) throw notFound(`service ${serviceId} of app instance ${appInstanceId}`);
    return { appInstance, service };
  }

  /** An app instance registers only the services its descriptor says it produces (when the list is given). */
  function checkProduces(appInstance: AppInstanceRecord, serName: string) {
    const produced = appInstance.producedServices ?? [];
    if (produced.length && !produced.includes(serName)) {
      throw forbidden(`app instance ${appInstance.id} may register only ${produced.join(", ")}, not ${serName}`);
    }
  }

  /** Builds the stored ServiceInfo from a POST/PUT body: path id wins, transportId resolves to its TransportInfo. */
  function serviceInfo(body: ServiceBody, serviceId: string, liveness: ServiceRecord["liveness"]): ServiceInfo {
    const { serInstanceId: _id, _links: _l, transportId, livenessInterval: _li, ...rest } = body;
    let transportInfo = rest.transportInfo;
    if (transportId !== undefined) {
      transportInfo = ctx.transports.find(transportId);
      if (!transportInfo) throw badRequest(`transportId ${transportId} is not a platform transport (see GET ${SERVICE_MGMT}/transports)`);
    }
    return {
      ...(rest as unknown as ServiceInfo),
      serInstanceId: serviceId,
      transportInfo,
      ...(liveness ? { livenessInterval: liveness.intervalSeconds } : {}),
    };
  }

  /** Applies the GET query of clause 8.2.3.3.1; absent locality attributes take their defaults (clause 8.1.2.2). */
  async function matchingServices(appInstanceId: string | undefined, q: ListQuery, list: (filter: ServiceFilter) => Promise<ServiceRecord[]> = store.listServices) {
    const ids = values(q.ser_instance_id);
    const names = values(q.ser_name);
    if ([ids, names, q.ser_category_id].filter((v) => v !== undefined).length > 1) {
      throw badRequest("use at most one of ser_instance_id, ser_name and ser_category_id (clause 8.2.3.3.1)");
    }
    const services = await list({ appInstanceId, ids, names, categoryId: q.ser_category_id });
    return services.filter((s) =>
      (q.scope_of_locality === undefined || (s.info.scopeOfLocality ?? "MEC_HOST") === q.scope_of_locality) &&
      (q.consumed_local_only === undefined || (s.info.consumedLocalOnly ?? true) === q.consumed_local_only) &&
      (q.is_local === undefined || (s.info.isLocal ?? true) === q.is_local));
  }

  /** Clause 8.1.2.2: a livenessInterval in the request means the app can send heartbeats; 0 lets the platform choose. */
  const livenessFor = (body: ServiceBody, nowMs: number): ServiceRecord["liveness"] =>
    body.livenessInterval === undefined ? undefined : {
      intervalSeconds: body.livenessInterval > 0 ? body.livenessInterval : ctx.config.livenessIntervalSeconds,
      lastHeartbeatMs: nowMs,
    };

  // Discovery is the hot read path: its answers are cached by the database version they were read from, and a
  // request is answered from the cache only at the version the database has after the request arrived.
  const discoveryCache = new ReadCache();

  app.get(`${SERVICE_MGMT}/services`, {
    schema: { querystring: listQuery },
    config: { auth: "any", openapi: { summary: "Discover services (service availability query)", tags, responses: { 200: "ServiceInfo[]", 400: "ProblemDetails", 414: "ProblemDetails" } } },
  }, async (request, reply) => {
    // The raw query string determines the answer (the path is this route's), so it is the key as received.
    const key = request.url.slice(request.url.indexOf("?") + 1);
    let body = discoveryCache.get(await store.versioned.version(), key);
    if (body === undefined) {
      let readAt = "";
      const services = await matchingServices(undefined, request.query as ListQuery, async (filter) => {
        const answer = await store.versioned.listServices(filter);
        readAt = answer.version;
        return answer.services;
      });
      body = Buffer.from(JSON.stringify(services.map((s) => representation(s, links.service(s.id)))));
      discoveryCache.set(readAt, key, body);
    }
    return reply.type("application/json; charset=utf-8").send(body);
  });

  app.get(`${SERVICE_MGMT}/services/:serviceId`, {
    schema: { params: { type: "object", properties: { serviceId: { type: "string" } } } },
    config: { auth: "any", openapi: { summary: "Read a service", tags, responses: { 200: "ServiceInfo", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { serviceId } = request.params as { serviceId: string };
    const service = await store.getService(serviceId);
    if (!service) throw notFound(`service ${serviceId}`);
    reply.header("etag", etagOf(service.version));
    return representation(service, links.service(service.id));
  });

  app.get(`${SERVICE_MGMT}/applications/:appInstanceId/services`, {
    schema: { params: appParams(), querystring: listQuery },
    config: { auth: "app", openapi: { summary: "List the services an app instance produces", tags, responses: { 200: "ServiceInfo[]", 400: "ProblemDetails", 404: "ProblemDetails" } } },
  }, async (request) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await requireApp(store, appInstanceId);
    const services = await matchingServices(appInstanceId, request.query as ListQuery);
    return services.map((s) => representation(s, links.appService(appInstanceId, s.id)));
  });

  app.post(`${SERVICE_MGMT}/applications/:appInstanceId/services`, {
    schema: { params: appParams(), body: spec("ServiceInfoInput") },
    config: { auth: "app", openapi: { summary: "Register a service", tags, responses: { 201: "ServiceInfo", 400: "ProblemDetails", 403: "ProblemDetails", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    const body = request.body as ServiceBody;
    const nowMs = Date.now();
    const { record: service, enqueued } = await store.transaction(async (tx) => {
      const appInstance = await requireApp(tx, appInstanceId);
      if (["STOPPING", "TERMINATING", "STOPPED", "TERMINATED"].includes(appInstance.state)) {
        throw forbidden(`app instance ${appInstanceId} is ${appInstance.state} and cannot register services`);
      }
      checkProduces(appInstance, String(body.serName));
      const id = randomUUID();
      const liveness = livenessFor(body, nowMs);
      const record: ServiceRecord = { id, appInstanceId, info: serviceInfo(body, id, liveness), liveness, version: 1 };
      await tx.putService(record, null);
      return { record, enqueued: await announceServiceChanges(tx, links, [{ service: record.info, changeType: "ADDED" }], nowMs) };
    });
    // Waking the dispatcher costs a claim query; with nobody subscribed there is nothing for it to send.
    if (enqueued) ctx.notificationsEnqueued();
    const self = links.appService(appInstanceId, service.id);
    return sendCreated(reply, self, representation(service, self), etagOf(service.version));
  });

  app.get(`${SERVICE_MGMT}/applications/:appInstanceId/services/:serviceId`, {
    schema: { params: appParams("serviceId") },
    config: { auth: "app", openapi: { summary: "Read a service of an app instance", tags, responses: { 200: "ServiceInfo", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, serviceId } = request.params as { appInstanceId: string; serviceId: string };
    const { service } = await ownService(store, appInstanceId, serviceId);
    reply.header("etag", etagOf(service.version));
    return representation(service, links.appService(appInstanceId, serviceId));
  });

  app.put(`${SERVICE_MGMT}/applications/:appInstanceId/services/:serviceId`, {
    schema: { params: appParams("serviceId"), body: spec("ServiceInfoInput") },
    config: { auth: "app", openapi: { summary: "Replace a service (If-Match supported)", tags, responses: { 200: "ServiceInfo", 400: "ProblemDetails", 404: "ProblemDetails", 412: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, serviceId } = request.params as { appInstanceId: string; serviceId: string };
    const body = request.body as ServiceBody;
    const nowMs = Date.now();
    const { updated, enqueued } = await store.transaction(async (tx) => {
      const { appInstance, service: current } = await ownService(tx, appInstanceId, serviceId);
      checkIfMatch(request.headers["if-match"], current.version);
      checkProduces(appInstance, String(body.serName));
      const liveness = current.liveness ?? livenessFor(body, nowMs);
      const next: ServiceRecord = { ...current, info: serviceInfo(body, serviceId, liveness), liveness, version: current.version + 1 };
      if (!(await tx.putService(next, current.version))) throw new ApiError(412, `service ${serviceId} changed concurrently; read it again`);
      const changeType = classifyChange(current.info, next.info);
      return { updated: next, enqueued: changeType ? await announceServiceChanges(tx, links, [{ service: next.info, changeType }], nowMs) : 0 };
    });
    if (enqueued) ctx.notificationsEnqueued();
    reply.header("etag", etagOf(updated.version));
    return representation(updated, links.appService(appInstanceId, serviceId));
  });

  app.delete(`${SERVICE_MGMT}/applications/:appInstanceId/services/:serviceId`, {
    schema: { params: appParams("serviceId") },
    config: { auth: "app", openapi: { summary: "Deregister a service", tags, responses: { 204: null, 404: "ProblemDetails", 412: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, serviceId } = request.params as { appInstanceId: string; serviceId: string };
    const enqueued = await store.transaction(async (tx) => {
      const { service: current } = await ownService(tx, appInstanceId, serviceId);
      checkIfMatch(request.headers["if-match"], current.version);
      await tx.deleteService(serviceId);
      return announceServiceChanges(tx, links, [{ service: current.info, changeType: "REMOVED" }], Date.now());
    });
    if (enqueued) ctx.notificationsEnqueued();
    return reply.code(204).send();
  });

  app.get(`${SERVICE_MGMT}/transports`, {
    config: { auth: "any", openapi: { summary: "List the platform-provided transports", tags, responses: { 200: "TransportInfo[]" } } },
  }, async () => ctx.transports.transports);
}
