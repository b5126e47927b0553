/**
 * The first look at every request to a route: refuses over-long URIs (414), then authenticates the bearer token and
 * enforces who may touch which resources (401/403), all before the body is parsed or validated. Built once per
 * route, so the hot path reads no route options.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import type { AuthRule } from "../context";
import { ApiError } from "../http/problem";
import type { Principal, TokenService } from "./tokens";

const challenge = (realm: string, error?: string) => ({ "www-authenticate": `Bearer realm="${realm}"${error ? `, error="${error}"` : ""}` });

export const uriTooLong = (maxUriLength: number) =>
  new ApiError(414, `the request URI is longer than ${maxUriLength} characters (MEP_MAX_URI_LENGTH)`);

function authorize(rule: AuthRule, tokens: TokenService, request: FastifyRequest, realm: string): Principal | undefined {
  if (rule === "public") return undefined;
  const match = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new ApiError(401, "a bearer access token is required (POST /oauth/token)", challenge(realm));
  const principal = tokens.verify(match[1]);
  if (!principal) throw new ApiError(401, "the access token is invalid or expired", challenge(realm, "invalid_token"));
  if (principal.admin || rule === "any") return principal;
  if (rule === "admin") throw new ApiError(403, "this operation needs the platform management credential");
  const appInstanceId = (request.params as { appInstanceId?: string }).appInstanceId;
  if (appInstanceId !== principal.clientId) {
    throw new ApiError(403, `client ${principal.clientId} may not act on resources of app instance ${appInstanceId}`);
  }
  return principal;
}

/** `realm` names the service in WWW-Authenticate challenges (the MEP, or the Edge MANO). */
export function requestGuard(rule: AuthRule, tokens: TokenService, maxUriLength: number, realm = "mep") {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    try {
      if (request.url.length > maxUriLength) throw uriTooLong(maxUriLength);
      request.principal = authorize(rule, tokens, request, realm);
      done();
    } catch (err) {
      done(err as Error);
    }
  };
}
