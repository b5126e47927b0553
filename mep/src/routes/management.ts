/** The platform management API (ours): app instances, their credentials and rules, termination. Admin only. */
import type { FastifyInstance } from "fastify";
import { hashSecret } from "../auth/secrets";
import type { Context } from "../context";
import { removeAppServices, startTermination } from "../domain/termination";
import { ApiError, notFound } from "../http/problem";
import { MANAGEMENT } from "../links";
import type { AppInstanceRecord, OperationAction, RuleKind, StoreOps } from "../storage/store";
import { appParams, spec } from "./common";
import { normalizeRule } from "./rules";

const tags = ["management"];

interface AppInstanceInput {
  appName: string;
  appProvider?: string;
  appDId?: string;
  clientSecret: string;
  requiredServices?: string[];
  producedServices?: string[];
  appDnsRule?: Record<string, unknown>[];
  appTrafficRule?: Record<string, unknown>[];
}

async function replaceRules(tx: StoreOps, appInstanceId: string, kind: RuleKind, idField: string, rules: Record<string, unknown>[]) {
  const previous = new Map((await tx.listRules(kind, appInstanceId)).map((r) => [r.id, r.version]));
  await tx.deleteRules(appInstanceId, kind);
  for (const body of rules) {
    const id = String(body[idField]);
    await tx.putRule({ kind, appInstanceId, id, body: normalizeRule(kind, body), version: (previous.get(id) ?? 0) + 1 }, null);
  }
}

export function managementRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;
  const base = `${MANAGEMENT}/app_instances`;

  const representation = (a: AppInstanceRecord) => ({
    appInstanceId: a.id,
    appName: a.appName,
    ...(a.appProvider !== undefined ? { appProvider: a.appProvider } : {}),
    ...(a.appDId !== undefined ? { appDId: a.appDId } : {}),
    requiredServices: a.requiredServices,
    producedServices: a.producedServices ?? [],
    state: a.state,
    ...(a.termination && (a.state === "STOPPING" || a.state === "TERMINATING")
      ? { termination: { operationAction: a.termination.operationAction, deadline: new Date(a.termination.deadlineMs).toISOString() } }
      : {}),
    _links: { self: { href: links.appInstance(a.id) } },
  });

  const load = async (ops: StoreOps, appInstanceId: string) => {
    const found = await ops.getApp(appInstanceId);
    if (!found) throw notFound(`app instance ${appInstanceId}`);
    return found;
  };

  app.get(base, {
    config: { auth: "admin", openapi: { summary: "List app instances", tags, responses: { 200: "AppInstance[]" } } },
  }, async () => (await store.listApps()).map(representation));

  app.get(`${base}/:appInstanceId`, {
    schema: { params: appParams() },
    config: { auth: "admin", openapi: { summary: "Read an app instance", tags, responses: { 200: "AppInstance", 404: "ProblemDetails" } } },
  }, async (request) => representation(await load(store, (request.params as { appInstanceId: string }).appInstanceId)));

  app.put(`${base}/:appInstanceId`, {
    schema: { params: appParams(), body: spec("AppInstanceInput") },
    config: { auth: "admin", openapi: { summary: "Create or replace an app instance, its credential and its rules (idempotent)", tags, responses: { 200: "AppInstance", 201: "AppInstance", 400: "ProblemDetails", 409: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    const input = request.body as AppInstanceInput;
    const trafficRules = (input.appTrafficRule ?? []).map((r) => normalizeRule("traffic", r));
    const clientSecretHash = await hashSecret(input.clientSecret);
    const { record, created } = await store.transaction(async (tx) => {
      const existing = await tx.getApp(appInstanceId);
      const record: AppInstanceRecord = {
        ...(existing ?? { state: "INSTANTIATED" as const }),
        id: appInstanceId,
        appName: input.appName,
        appProvider: input.appProvider,
        appDId: input.appDId,
        clientSecretHash,
        requiredServices: input.requiredServices ?? [],
        producedServices: input.producedServices ?? [],
        version: (existing?.version ?? 0) + 1,
      };
      if (!(await tx.putApp(record, existing ? existing.version : null))) throw new ApiError(409, `app instance ${appInstanceId} changed concurrently; retry`);
      await replaceRules(tx, appInstanceId, "traffic", "trafficRuleId", trafficRules);
      await replaceRules(tx, appInstanceId, "dns", "dnsRuleId", input.appDnsRule ?? []);
      return { record, created: !existing };
    });
    reply.code(created ? 201 : 200);
    if (created) reply.header("location", links.appInstance(appInstanceId));
    return representation(record);
  });

  app.delete(`${base}/:appInstanceId`, {
    schema: { params: appParams() },
    config: { auth: "admin", openapi: { summary: "Delete an app instance with its services, subscriptions and rules", tags, responses: { 204: null, 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await store.transaction(async (tx) => {
      await load(tx, appInstanceId);
      await removeAppServices(tx, links, appInstanceId, Date.now());
      for (const s of await tx.listSubscriptions({ appInstanceId })) await tx.deleteSubscription(s.id);
      await tx.deleteRules(appInstanceId);
      await tx.deleteApp(appInstanceId);
    });
    ctx.notificationsEnqueued();
    return reply.code(204).send();
  });

  app.post(`${base}/:appInstanceId/terminate`, {
    schema: { params: appParams(), body: spec("TerminationRequest") },
    // Every field has a default, so an empty request is a valid one.
    preValidation: async (request) => void (request.body ??= {}),
    config: { auth: "admin", openapi: { summary: "Start the graceful termination (or stop) of an app instance", tags, optionalBody: true, responses: { 202: "AppInstance", 400: "ProblemDetails", 404: "ProblemDetails", 409: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    const body = request.body as { operationAction?: OperationAction; gracefulTimeoutSeconds?: number };
    const timeout = body.gracefulTimeoutSeconds ?? ctx.config.gracefulTerminationTimeoutSeconds;
    const record = await store.transaction(async (tx) => {
      const current = await load(tx, appInstanceId);
      const next = await startTermination(tx, links, current, body.operationAction ?? "TERMINATING", timeout, Date.now());
      if (!next) throw new ApiError(409, `app instance ${appInstanceId} changed concurrently; retry`);
      return next;
    });
    ctx.notificationsEnqueued();
    return reply.code(202).send(representation(record));
  });
}
