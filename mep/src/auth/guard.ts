/** Authenticates bearer tokens and enforces who may touch which resources (before body validation). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../http/problem";
import type { TokenService } from "./tokens";

const challenge = (error?: string) => ({ "www-authenticate": `Bearer realm="mep"${error ? `, error="${error}"` : ""}` });

export function installAuthGuard(app: FastifyInstance, tokens: TokenService) {
  app.addHook("onRequest", async (request: FastifyRequest) => {
    const rule = request.routeOptions.config.auth ?? "public";
    if (rule === "public") return;
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new ApiError(401, "a bearer access token is required (POST /oauth/token)", challenge());
    const principal = tokens.verify(match[1]);
    if (!principal) throw new ApiError(401, "the access token is invalid or expired", challenge("invalid_token"));
    request.principal = principal;
    if (principal.admin || rule === "any") return;
    if (rule === "admin") throw new ApiError(403, "this operation needs the platform management credential");
    const appInstanceId = (request.params as { appInstanceId?: string }).appInstanceId;
    if (appInstanceId !== principal.clientId) {
      throw new ApiError(403, `client ${principal.clientId} may not act on resources of app instance ${appInstanceId}`);
    }
  });
}
