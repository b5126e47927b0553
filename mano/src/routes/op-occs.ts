/** LCM operation occurrences, `app_lcm/v1/app_lcm_op_occs` (MEC 010-2 clauses 7.4.9-7.4.13). */
import type { FastifyInstance } from "fastify";
import { notFound } from "../../../mep/src/http/problem";
import type { Context } from "../context";
import { timeStampOf } from "../notifications/notifier";
import { APP_LCM } from "../links";
import type { OpOccRecord } from "../storage/records";
import { filtered, idParam, listQuery } from "./queries";

export function opOccRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links, lifecycle } = ctx;
  const base = `${APP_LCM}/app_lcm_op_occs`;
  const one = `${base}/:appLcmOpOccId`;
  const params = { params: idParam("appLcmOpOccId") };
  const tags = ["app-lcm"];
  const P = "ProblemDetails";
  const occId = (request: { params: unknown }) => (request.params as { appLcmOpOccId: string }).appLcmOpOccId;

  /**
   * AppLcmOpOcc (clause 6.2.2.13), with `error` (ProblemDetails) once it failed and `_links.grant` once it was
   * granted, as NFV-SOL 003's VnfLcmOpOcc has them.
   */
  const representation = (occ: OpOccRecord) => ({
    id: occ.id,
    operationState: occ.operationState,
    stateEnteredTime: timeStampOf(occ.stateEnteredTimeMs),
    startTime: timeStampOf(occ.startTimeMs),
    lcmOperation: occ.lcmOperation,
    operationParams: occ.operationParams,
    isCancelPending: false,
    ...(occ.error ? { error: occ.error } : {}),
    _links: {
      self: { href: links.opOcc(occ.id) }, appInstance: { href: links.appInstance(occ.appInstanceId) },
      ...(occ.grantId ? { grant: { href: links.grant(occ.grantId) } } : {}),
    },
  });

  app.get(base, { schema: { querystring: listQuery }, config: { auth: "admin", openapi: { summary: "Query LCM operation occurrences", tags, responses: { 200: "AppLcmOpOcc[]", 400: P } } } }, async (request) => {
    return filtered((await store.read.listOpOccs()).map(representation), request.query);
  });

  app.get(one, { schema: params, config: { auth: "admin", openapi: { summary: "Read an LCM operation occurrence", tags, responses: { 200: "AppLcmOpOcc", 404: P } } } }, async (request) => {
    const occ = await store.read.getOpOcc(occId(request));
    if (!occ) throw notFound(`LCM operation occurrence ${occId(request)}`);
    return representation(occ);
  });

  app.post(`${one}/fail`, { schema: params, config: { auth: "admin", openapi: { summary: "Finally fail a FAILED_TEMP occurrence", tags, responses: { 200: "AppLcmOpOcc", 404: P, 409: P } } } }, async (request) => representation(await lifecycle.fail(occId(request))));

  app.post(`${one}/retry`, { schema: params, config: { auth: "admin", openapi: { summary: "Retry a FAILED_TEMP occurrence", tags, responses: { 202: null, 404: P, 409: P } } } }, async (request, reply) => {
    await lifecycle.retry(occId(request));
    return reply.code(202).send();
  });
}
