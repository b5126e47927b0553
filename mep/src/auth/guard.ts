/**
 * The first look at every request: refuses over-long URIs (414), then authenticates the bearer token and enforces
 * who may touch which resources (401/403), all before the body is parsed or validated.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../http/problem";
import type { TokenService } from "./tokens";

const challenge = (error?: string) => ({ "www-authenticate": `Bearer realm="mep"${error ? `, error="${error}"` : ""}` });

export function installRequestGuard(app: FastifyInstance, tokens: TokenService, maxUriLength: number) {
  app.addHook("onRequest", async (request: FastifyRequest) => {
    if (request.url.length > maxUriLength) {
      throw new ApiError(414, `the request URI is longer than ${maxUriLength} characters (MEP_MAX_URI_LENGTH)`);
    }
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
