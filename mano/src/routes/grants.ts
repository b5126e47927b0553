/**
 * Granting, `granting/v1/grants/{grantId}` (MEC 010-2 clause 7.5, Mm3): the grants the Edge MANO, MEO and MEPM at
 * once, gave its own operations (domain/granting.ts), each linked from its occurrence's `_links.grant`. There is no
 * POST: no external MEPM asks this MEO for grants.
 */
import type { FastifyInstance } from "fastify";
import { notFound } from "../../../mep/src/http/problem";
import type { Context } from "../context";
import { GRANTING } from "../links";
import type { GrantRecord } from "../storage/records";
import { idParam } from "./queries";

export function grantRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;
  const tags = ["granting"];

  /**
   * Grant (clause 6.2.4.4): the pool is the one resource zone; the AppD's virtualComputeDescriptor, when it has one,
   * the resource added there, in the namespace its MCIOs go to (the Edge MANO is its own MEPM, so there is no
   * GrantRequest: the resource definition is named by the descriptor's id). additionalParams: what was asked and the
   * pool's nodes that had room for it, with what each had free when it was granted.
   */
  const representation = (grant: GrantRecord) => ({
    id: grant.id,
    appInstanceId: grant.appInstanceId,
    appLcmOpOccId: grant.appLcmOpOccId,
    zones: [{ id: grant.pool, zoneId: grant.pool }],
    ...(grant.compute ? { addResources: [{ resourceDefinitionId: grant.compute.virtualComputeDescId, zoneId: grant.pool, containerNamespace: grant.namespace }] } : {}),
    additionalParams: {
      ...(grant.compute ? { requested: { numVirtualCpu: grant.compute.numVirtualCpu, virtualMemSize: grant.compute.virtualMemSize } } : {}),
      nodes: grant.nodes,
    },
    _links: {
      self: { href: links.grant(grant.id) },
      appLcmOpOcc: { href: links.opOcc(grant.appLcmOpOccId) },
      appInstance: { href: links.appInstance(grant.appInstanceId) },
    },
  });

  app.get(`${GRANTING}/grants/:grantId`, { schema: { params: idParam("grantId") }, config: { auth: "admin", openapi: { summary: "Read a grant", tags, responses: { 200: "Grant", 404: "ProblemDetails" } } } }, async (request) => {
    const { grantId } = request.params as { grantId: string };
    const grant = await store.read.getGrant(grantId);
    if (!grant) throw notFound(`grant ${grantId}`);
    return representation(grant);
  });
}
