/**
 * OAuth 2.0 token endpoint, client credentials grant (RFC 6749 clause 4.4; MEC 009 clause 6.16). The route is the
 * same for the MEP and the Edge MANO (mano/); who the clients are is each service's own (a ClientAuthenticator).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { sameSecret, verifySecret } from "../auth/secrets";
import type { Principal, TokenService } from "../auth/tokens";
import type { Context } from "../context";
import { ApiError } from "../http/problem";

const tags = ["security"];

/** The principal whose credentials these are, or undefined when authentication fails. */
export type ClientAuthenticator = (clientId: string, secret: string) => Promise<Principal | undefined>;

function oauthError(reply: FastifyReply, realm: string, status: number, error: string, description: string) {
  if (status === 401) reply.header("www-authenticate", `Basic realm="${realm}"`);
  return reply.code(status).header("cache-control", "no-store").send({ error, error_description: description });
}

/** The admin client configured for the service, by a constant-time comparison of its secret. */
export function adminClient(adminClientId: string, adminClientSecret: string): ClientAuthenticator {
  return async (clientId, secret) => (clientId === adminClientId && sameSecret(secret, adminClientSecret) ? { clientId, admin: true } : undefined);
}

/** The MEP's clients: its admin, and every app instance with the secret it was created with. */
export function platformClients(ctx: Context): ClientAuthenticator {
  const admin = adminClient(ctx.config.adminClientId, ctx.config.adminClientSecret);
  return async (clientId, secret) => {
    if (clientId === ctx.config.adminClientId) return admin(clientId, secret);
    const appInstance = await ctx.store.getApp(clientId);
    return appInstance && (await verifySecret(secret, appInstance.clientSecretHash)) ? { clientId, admin: false } : undefined;
  };
}

/** Client credentials from HTTP Basic (preferred by RFC 6749) or from the form body. */
function credentials(authorization: string | undefined, body: Record<string, string>) {
  const basic = authorization?.match(/^Basic\s+(\S+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return body.client_id && body.client_secret ? { id: body.client_id, secret: body.client_secret } : undefined;
}

export function oauthRoutes(app: FastifyInstance, tokens: TokenService, authenticate: ClientAuthenticator, realm = "mep") {
  app.post("/oauth/token", {
    schema: { body: { $ref: "TokenRequest#" } },
    // RFC 6749 clause 5.2: a malformed token request is answered with an OAuth error, not ProblemDetails.
    errorHandler: (error, _request, reply) => {
      const status = error instanceof ApiError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
      if (status >= 500) throw error;
      return oauthError(reply, realm, 400, "invalid_request", error.message);
    },
    config: { auth: "public", openapi: { summary: "Issue an access token (client credentials grant)", tags, responses: { 200: "TokenResponse", 400: "OAuthError", 401: "OAuthError" } } },
  }, async (request, reply) => {
    const body = request.body as Record<string, string>;
    if (body.grant_type !== "client_credentials") {
      return oauthError(reply, realm, 400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    let client: { id: string; secret: string } | undefined;
    try {
      client = credentials(request.headers.authorization, body);
    } catch {
      client = undefined;
    }
    if (!client) return oauthError(reply, realm, 401, "invalid_client", "client credentials are required (HTTP Basic or client_id/client_secret)");
    const principal = await authenticate(client.id, client.secret);
    if (!principal) return oauthError(reply, realm, 401, "invalid_client", "client authentication failed");
    return reply.header("cache-control", "no-store").send({ access_token: tokens.issue(principal), token_type: "Bearer", expires_in: tokens.ttlSeconds });
  });
}
