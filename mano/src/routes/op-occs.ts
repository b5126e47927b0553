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
  const occId = (request: { params: unknown }) => (request.params as { appLcmOpOccId: string }).appLcmOpOccId;

  /** AppLcmOpOcc (clause 6.2.2.13), with `error` (ProblemDetails) once it failed, as NFV-SOL 003's VnfLcmOpOcc has it. */
  const representation = (occ: OpOccRecord) => ({
    id: occ.id,
    operationState: occ.operationState,
    stateEnteredTime: timeStampOf(occ.stateEnteredTimeMs),
    startTime: timeStampOf(occ.startTimeMs),
    lcmOperation: occ.lcmOperation,
    operationParams: occ.operationParams,
    isCancelPending: false,
    ...(occ.error ? { error: occ.error } : {}),
    _links: { self: { href: links.opOcc(occ.id) }, appInstance: { href: links.appInstance(occ.appInstanceId) } },
  });

  app.get(base, { schema: { querystring: listQuery }, config: { auth: "admin" } }, async (request) => {
    return filtered((await store.read.listOpOccs()).map(representation), request.query);
  });

  app.get(one, { schema: params, config: { auth: "admin" } }, async (request) => {
    const occ = await store.read.getOpOcc(occId(request));
    if (!occ) throw notFound(`LCM operation occurrence ${occId(request)}`);
    return representation(occ);
  });

  app.post(`${one}/fail`, { schema: params, config: { auth: "admin" } }, async (request) => representation(await lifecycle.fail(occId(request))));

  app.post(`${one}/retry`, { schema: params, config: { auth: "admin" } }, async (request, reply) => {
    await lifecycle.retry(occId(request));
    return reply.code(202).send();
  });
}
