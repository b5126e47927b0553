/** Application lifecycle management, Mm1 `app_lcm/v1` (MEC 010-2 clause 7.4): app instances and their operations. */
import type { FastifyInstance, FastifyReply } from "fastify";
import { notFound } from "../../../mep/src/http/problem";
import { sendCreated, spec } from "../../../mep/src/routes/common";
import type { Context } from "../context";
import type { CreateAppInstanceRequest } from "../domain/lifecycle";
import { APP_LCM } from "../links";
import type { AppInstanceRecord, LcmOperation, OpOccRecord, PackageRecord } from "../storage/records";
import { filtered, idParam, listQuery } from "./queries";

export function appInstanceRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links, lifecycle } = ctx;
  const base = `${APP_LCM}/app_instances`;
  const one = `${base}/:appInstanceId`;
  const params = { params: idParam("appInstanceId") };
  const tags = ["app-lcm"];
  const P = "ProblemDetails";

  /** AppInstanceInfo (clause 6.2.2.4): the instance, with what it was created from copied from its AppD. */
  const representation = (instance: AppInstanceRecord, pkg: PackageRecord) => {
    const self = links.appInstance(instance.id);
    return {
      id: instance.id,
      ...(instance.appInstanceName !== undefined ? { appInstanceName: instance.appInstanceName } : {}),
      ...(instance.appInstanceDescription !== undefined ? { appInstanceDescription: instance.appInstanceDescription } : {}),
      appDId: instance.appDId,
      appProvider: pkg.appProvider,
      appName: pkg.appName,
      appSoftVersion: pkg.appSoftwareVersion,
      appDVersion: pkg.appDVersion,
      appPkgId: instance.appPkgId,
      instantiationState: instance.instantiationState,
      ...(instance.operationalState ? { instantiatedAppState: { operationalState: instance.operationalState } } : {}),
      _links: {
        self: { href: self },
        ...(instance.instantiationState === "NOT_INSTANTIATED"
          ? { instantiate: { href: `${self}/instantiate` } }
          : { terminate: { href: `${self}/terminate` }, operate: { href: `${self}/operate` } }),
      },
    };
  };

  async function withPackage(instance: AppInstanceRecord) {
    return representation(instance, (await store.read.getPackage(instance.appPkgId))!);
  }

  app.post(base, { schema: { body: spec("CreateAppInstanceRequest") }, config: { auth: "admin", openapi: { summary: "Create an app instance identifier", tags, responses: { 201: "AppInstanceInfo", 400: P, 409: P } } } }, async (request, reply) => {
    const instance = await lifecycle.createInstance(request.body as CreateAppInstanceRequest);
    return sendCreated(reply, links.appInstance(instance.id), await withPackage(instance));
  });

  app.get(base, { schema: { querystring: listQuery }, config: { auth: "admin", openapi: { summary: "Query app instances", tags, responses: { 200: "AppInstanceInfo[]", 400: P } } } }, async (request) => {
    const packages = new Map((await store.read.listPackages()).map((p) => [p.id, p]));
    const all = (await store.read.listInstances()).map((i) => representation(i, packages.get(i.appPkgId)!));
    return filtered(all, request.query);
  });

  app.get(one, { schema: params, config: { auth: "admin", openapi: { summary: "Read an app instance", tags, responses: { 200: "AppInstanceInfo", 404: P } } } }, async (request) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    const instance = await store.read.getInstance(appInstanceId);
    if (!instance) throw notFound(`app instance ${appInstanceId}`);
    return withPackage(instance);
  });

  app.delete(one, { schema: params, config: { auth: "admin", openapi: { summary: "Delete a NOT_INSTANTIATED app instance identifier", tags, responses: { 204: null, 404: P, 409: P } } } }, async (request, reply) => {
    await lifecycle.deleteInstance((request.params as { appInstanceId: string }).appInstanceId);
    return reply.code(204).send();
  });

  /** 202 with the Location of the operation occurrence, and no body (clauses 7.4.6-7.4.8). */
  const accepted = (reply: FastifyReply, occ: OpOccRecord) => reply.code(202).header("location", links.opOcc(occ.id)).send();
  for (const [task, operation, body] of [
    ["instantiate", "INSTANTIATE", "InstantiateAppRequest"],
    ["terminate", "TERMINATE", "TerminateAppRequest"],
    ["operate", "OPERATE", "OperateAppRequest"],
  ] as [string, LcmOperation, string][]) {
    app.post(`${one}/${task}`, { schema: { ...params, body: spec(body) }, config: { auth: "admin", openapi: { summary: `${task} the app instance (an LCM operation occurrence)`, tags, responses: { 202: null, 400: P, 404: P, 409: P } } } }, async (request, reply) => {
      const { appInstanceId } = request.params as { appInstanceId: string };
      return accepted(reply, await lifecycle.start(appInstanceId, operation, request.body as Record<string, unknown>));
    });
  }
}
