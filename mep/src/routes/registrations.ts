/** 3.x app registration (GS MEC 011 V3.1.1 clauses 7.2.13, 7.2.14): an app instance registers its AppInfo. */
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { forbidden, notFound } from "../http/problem";
import { APP_SUPPORT_V2 } from "../links";
import type { AppInstanceRecord, StoreOps } from "../storage/store";
import { appParams, requireApp, sendCreated, spec } from "./common";

const tags = ["registrations"];
type AppInfo = Record<string, unknown> & { appInstanceId?: string };

export function registrationRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;

  async function update(ops: StoreOps, appInstance: AppInstanceRecord, registration: AppInfo | undefined) {
    const { registration: _previous, ...rest } = appInstance;
    const next = { ...rest, ...(registration ? { registration } : {}), version: appInstance.version + 1 };
    if (!(await ops.putApp(next, appInstance.version))) throw forbidden(`app instance ${appInstance.id} changed concurrently; retry`);
  }

  async function registered(ops: StoreOps, appInstanceId: string) {
    const appInstance = await requireApp(ops, appInstanceId);
    if (!appInstance.registration) throw notFound(`registration of app instance ${appInstanceId}`);
    return appInstance;
  }

  app.post(`${APP_SUPPORT_V2}/registrations`, {
    schema: { body: spec("AppInfo") },
    config: { auth: "any", openapi: { summary: "Register the app instance (AppInfo)", tags, responses: { 201: "AppInfo", 400: "ProblemDetails", 403: "ProblemDetails", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const principal = request.principal!;
    const body = request.body as AppInfo;
    const appInstanceId = body.appInstanceId ?? principal.clientId;
    if (!principal.admin && appInstanceId !== principal.clientId) {
      throw forbidden(`client ${principal.clientId} may not register app instance ${appInstanceId}`);
    }
    const registration = { ...body, appInstanceId };
    await store.transaction(async (tx) => {
      const appInstance = await requireApp(tx, appInstanceId);
      if (appInstance.registration) throw forbidden(`app instance ${appInstanceId} is already registered; use PUT to update it`);
      await update(tx, appInstance, registration);
    });
    return sendCreated(reply, links.registration(appInstanceId), registration);
  });

  app.get(`${APP_SUPPORT_V2}/registrations/:appInstanceId`, {
    schema: { params: appParams() },
    config: { auth: "app", openapi: { summary: "Read the registration of an app instance", tags, responses: { 200: "AppInfo", 404: "ProblemDetails" } } },
  }, async (request) => (await registered(store, (request.params as { appInstanceId: string }).appInstanceId)).registration);

  app.put(`${APP_SUPPORT_V2}/registrations/:appInstanceId`, {
    schema: { params: appParams(), body: spec("AppInfo") },
    config: { auth: "app", openapi: { summary: "Update the registration of an app instance", tags, responses: { 204: null, 400: "ProblemDetails", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await store.transaction(async (tx) => update(tx, await registered(tx, appInstanceId), { ...(request.body as AppInfo), appInstanceId }));
    return reply.code(204).send();
  });

  app.delete(`${APP_SUPPORT_V2}/registrations/:appInstanceId`, {
    schema: { params: appParams() },
    config: { auth: "app", openapi: { summary: "Deregister an app instance", tags, responses: { 204: null, 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await store.transaction(async (tx) => update(tx, await registered(tx, appInstanceId), undefined));
    return reply.code(204).send();
  });
}
