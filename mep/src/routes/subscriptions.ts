/**
 * Subscriptions of an app instance (clauses 7.2.3/7.2.4 and 8.2.8/8.2.9): the same resource shape under both API
 * roots, each root holding its own subscription type.
 */
import { randomUUID } from "crypto";
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { badRequest, forbidden, notFound } from "../http/problem";
import type { SubscriptionRecord, SubscriptionType } from "../storage/store";
import { appParams, requireApp, sendCreated, spec } from "./common";

export function subscriptionRoutes(app: FastifyInstance, ctx: Context, root: string, subscriptionType: SubscriptionType) {
  const { store, links } = ctx;
  const base = `${root}/applications/:appInstanceId/subscriptions`;
  const tags = ["subscriptions"];
  const representation = (s: SubscriptionRecord) => ({ ...s.body, _links: { self: { href: links.subscription(root, s.appInstanceId, s.id) } } });

  async function ownSubscription(appInstanceId: string, subscriptionId: string) {
    await requireApp(store, appInstanceId);
    const subscription = await store.getSubscription(subscriptionId);
    if (!subscription || subscription.appInstanceId !== appInstanceId || subscription.subscriptionType !== subscriptionType) {
      throw notFound(`subscription ${subscriptionId} of app instance ${appInstanceId}`);
    }
    return subscription;
  }

  app.get(base, {
    schema: { params: appParams() },
    config: { auth: "app", openapi: { summary: `List the app instance's ${subscriptionType}s`, tags, responses: { 200: "SubscriptionLinkList", 404: "ProblemDetails" } } },
  }, async (request) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await requireApp(store, appInstanceId);
    const subscriptions = await store.listSubscriptions({ appInstanceId, subscriptionType });
    return {
      _links: {
        self: { href: links.subscriptions(root, appInstanceId) },
        subscriptions: subscriptions.map((s) => ({ href: links.subscription(root, appInstanceId, s.id), subscriptionType })),
      },
    };
  });

  app.post(base, {
    schema: { params: appParams(), body: spec(subscriptionType) },
    config: { auth: "app", openapi: { summary: `Create a ${subscriptionType}`, tags, responses: { 201: subscriptionType, 400: "ProblemDetails", 403: "ProblemDetails", 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    // _links in a request is ignored; for termination subscriptions the path's app instance wins over the body's.
    const { _links: _ignored, ...body } = request.body as SubscriptionRecord["body"];
    if (subscriptionType === "AppTerminationNotificationSubscription") body.appInstanceId = appInstanceId;
    const refusal = ctx.callbackPolicy.refusal(body.callbackReference);
    if (refusal) throw badRequest(refusal);
    const subscription = await store.transaction(async (tx) => {
      await requireApp(tx, appInstanceId);
      if ((await tx.countSubscriptions(appInstanceId)) >= ctx.config.maxSubscriptionsPerApp) {
        throw forbidden(`app instance ${appInstanceId} already has ${ctx.config.maxSubscriptionsPerApp} subscriptions (MEP_MAX_SUBSCRIPTIONS_PER_APP)`);
      }
      const record: SubscriptionRecord = { id: randomUUID(), appInstanceId, subscriptionType, body };
      await tx.insertSubscription(record);
      return record;
    });
    return sendCreated(reply, links.subscription(root, appInstanceId, subscription.id), representation(subscription));
  });

  app.get(`${base}/:subscriptionId`, {
    schema: { params: appParams("subscriptionId") },
    config: { auth: "app", openapi: { summary: `Read a ${subscriptionType}`, tags, responses: { 200: subscriptionType, 404: "ProblemDetails" } } },
  }, async (request) => {
    const { appInstanceId, subscriptionId } = request.params as { appInstanceId: string; subscriptionId: string };
    return representation(await ownSubscription(appInstanceId, subscriptionId));
  });

  app.delete(`${base}/:subscriptionId`, {
    schema: { params: appParams("subscriptionId") },
    config: { auth: "app", openapi: { summary: `Delete a ${subscriptionType}`, tags, responses: { 204: null, 404: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId, subscriptionId } = request.params as { appInstanceId: string; subscriptionId: string };
    await ownSubscription(appInstanceId, subscriptionId);
    await store.deleteSubscription(subscriptionId);
    return reply.code(204).send();
  });
}
