/** Small helpers shared by the route modules. */
import type { FastifyReply } from "fastify";
import { notFound } from "../http/problem";
import type { StoreOps } from "../storage/store";

export async function requireApp(store: StoreOps, appInstanceId: string) {
  const app = await store.getApp(appInstanceId);
  if (!app) throw notFound(`app instance ${appInstanceId}`);
  return app;
}

export function sendCreated(reply: FastifyReply, location: string, body: unknown, etag?: string) {
  reply.code(201).header("location", location);
  if (etag) reply.header("etag", etag);
  return reply.send(body);
}

export const appParams = (...more: string[]) => ({
  type: "object",
  required: ["appInstanceId", ...more],
  properties: Object.fromEntries(["appInstanceId", ...more].map((p) => [p, { type: "string", minLength: 1 }])),
});

/** Validation schema reference to a derived ETSI schema. */
export const spec = (name: string) => ({ $ref: `${name}#` });
