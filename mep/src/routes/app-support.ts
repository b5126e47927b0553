/** App support tasks: confirm_ready (clause 7.2.12) and confirm_termination (7.2.11). */
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { confirmTermination } from "../domain/termination";
import { ApiError, conflict } from "../http/problem";
import { APP_SUPPORT } from "../links";
import type { OperationAction } from "../storage/store";
import { appParams, requireApp, spec } from "./common";

const tags = ["app support"];

export function appSupportRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;

  app.post(`${APP_SUPPORT}/applications/:appInstanceId/confirm_ready`, {
    schema: { params: appParams(), body: spec("AppReadyConfirmation") },
    config: { auth: "app", openapi: { summary: "Confirm that the app instance is up and running", tags, responses: { 204: null, 400: "ProblemDetails", 401: "ProblemDetails", 403: "ProblemDetails", 404: "ProblemDetails", 409: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    await store.transaction(async (tx) => {
      const appInstance = await requireApp(tx, appInstanceId);
      if (appInstance.state === "READY") return;
      if (appInstance.state !== "INSTANTIATED") throw conflict(`app instance ${appInstanceId} is ${appInstance.state}; it cannot become ready`);
      if (!(await tx.putApp({ ...appInstance, state: "READY", version: appInstance.version + 1 }, appInstance.version))) {
        throw new ApiError(409, `app instance ${appInstanceId} changed concurrently; retry`);
      }
    });
    return reply.code(204).send();
  });

  app.post(`${APP_SUPPORT}/applications/:appInstanceId/confirm_termination`, {
    schema: { params: appParams(), body: spec("AppTerminationConfirmation") },
    config: { auth: "app", openapi: { summary: "Confirm the application level termination or stop", tags, responses: { 204: null, 400: "ProblemDetails", 401: "ProblemDetails", 403: "ProblemDetails", 404: "ProblemDetails", 409: "ProblemDetails" } } },
  }, async (request, reply) => {
    const { appInstanceId } = request.params as { appInstanceId: string };
    const { operationAction } = request.body as { operationAction: OperationAction };
    await store.transaction(async (tx) => {
      const appInstance = await requireApp(tx, appInstanceId);
      if (!(await confirmTermination(tx, links, appInstance, operationAction, Date.now()))) {
        throw conflict(`app instance ${appInstanceId} changed concurrently; retry`);
      }
    });
    ctx.notificationsEnqueued();
    return reply.code(204).send();
  });
}
