/**
 * Subscriptions of one Mm1 API (MEC 010-2 clauses 7.3.3/7.3.4 for app_pkgm, 7.4.4/7.4.5 for app_lcm): the same
 * resource shape under both roots, each with its own subscription types. The representation is the request as
 * created, with its id and _links.self (AppPkgSubscriptionInfo, AppInstSubscriptionInfo, ...).
 */
import { randomUUID } from "crypto";
import type { FastifyInstance } from "fastify";
import { badRequest, notFound } from "../../../mep/src/http/problem";
import { sendCreated, spec } from "../../../mep/src/routes/common";
import type { Context } from "../context";
import type { APP_LCM, APP_PKGM } from "../links";
import type { ManoApi, SubscriptionRecord } from "../storage/records";
import { idParam } from "./queries";

export interface SubscriptionApi {
  readonly root: typeof APP_PKGM | typeof APP_LCM;
  readonly api: ManoApi;
  /** The schema a POST body is validated with. */
  readonly requestSchema: string;
  /** The schema of a subscription as created. */
  readonly infoSchema: string;
  /** The schema of the list of subscriptions. */
  readonly linkListSchema: string;
}

export function subscriptionRoutes(app: FastifyInstance, ctx: Context, { root, api, requestSchema, infoSchema, linkListSchema }: SubscriptionApi) {
  const { store, links } = ctx;
  const base = `${root}/subscriptions`;
  const tags = [`${api} subscriptions`];
  const P = "ProblemDetails";
  const representation = (s: SubscriptionRecord) => ({ id: s.id, ...s.body, _links: { self: { href: links.subscription(root, s.id) } } });

  async function requireSubscription(subscriptionId: string) {
    const subscription = await store.read.getSubscription(api, subscriptionId);
    if (!subscription) throw notFound(`subscription ${subscriptionId}`);
    return subscription;
  }

  app.post(base, { schema: { body: spec(requestSchema) }, config: { auth: "admin", openapi: { summary: "Subscribe to notifications", tags, responses: { 201: infoSchema, 400: P } } } }, async (request, reply) => {
    const { _links: _ignored, id: _id, ...body } = request.body as Record<string, unknown> & { callbackUri: string; subscriptionType: string };
    const refusal = ctx.callbackPolicy.refusal(body.callbackUri);
    if (refusal) throw badRequest(refusal.replace("callbackReference", "callbackUri"));
    const subscription: SubscriptionRecord = { id: randomUUID(), api, subscriptionType: body.subscriptionType, callbackUri: body.callbackUri, body };
    await store.transaction((tx) => tx.insertSubscription(subscription));
    return sendCreated(reply, links.subscription(root, subscription.id), representation(subscription));
  });

  app.get(base, {
    schema: { querystring: { type: "object", additionalProperties: false, properties: { subscriptiontype: { type: "string" } } } },
    config: { auth: "admin", openapi: { summary: "List the subscriptions", tags, responses: { 200: linkListSchema, 400: P } } },
  }, async (request) => {
    const { subscriptiontype } = request.query as { subscriptiontype?: string };
    const subscriptions = await store.read.listSubscriptions(api, subscriptiontype);
    return {
      _links: {
        self: { href: links.subscriptions(root) },
        subscriptions: subscriptions.map((s) => ({ href: links.subscription(root, s.id), subscriptionType: s.subscriptionType })),
      },
    };
  });

  app.get(`${base}/:subscriptionId`, { schema: { params: idParam("subscriptionId") }, config: { auth: "admin", openapi: { summary: "Read a subscription", tags, responses: { 200: infoSchema, 404: P } } } }, async (request) => {
    return representation(await requireSubscription((request.params as { subscriptionId: string }).subscriptionId));
  });

  app.delete(`${base}/:subscriptionId`, { schema: { params: idParam("subscriptionId") }, config: { auth: "admin", openapi: { summary: "Delete a subscription", tags, responses: { 204: null, 404: P } } } }, async (request, reply) => {
    const { subscriptionId } = request.params as { subscriptionId: string };
    await requireSubscription(subscriptionId);
    await store.transaction((tx) => tx.deleteSubscription(subscriptionId));
    return reply.code(204).send();
  });
}
