/** Access tokens: compact JWS (HS256) signed with MEP_TOKEN_SIGNING_KEY, so any replica can verify them. */
import { createHmac, timingSafeEqual } from "crypto";

export interface Principal {
  /** The OAuth2 client id: the admin client id, or an app instance id. */
  readonly clientId: string;
  readonly admin: boolean;
}

interface Claims {
  sub: string;
  adm: boolean;
  iat: number;
  exp: number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64url");
const HEADER = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));

/** Verified tokens are remembered (up to this many) so the hot path skips the HMAC; a token never changes. */
const CACHE_LIMIT = 10_000;

export class TokenService {
  private readonly verified = new Map<string, { principal: Principal; expMs: number }>();

  constructor(
    private readonly key: string,
    readonly ttlSeconds: number,
  ) {}

  private sign(input: string) {
    return createHmac("sha256", this.key).update(input).digest();
  }

  issue(principal: Principal, nowMs = Date.now()): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: Claims = { sub: principal.clientId, adm: principal.admin, iat, exp: iat + this.ttlSeconds };
    const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
    return `${body}.${b64(this.sign(body))}`;
  }

  /** Returns the principal of a valid, unexpired token, or undefined. */
  verify(token: string, nowMs = Date.now()): Principal | undefined {
    const cached = this.verified.get(token);
    if (cached) return cached.expMs > nowMs ? cached.principal : undefined;
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    const expected = this.sign(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2], "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs) return undefined;
    const principal = { clientId: claims.sub, admin: claims.adm === true };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { principal, expMs: claims.exp * 1000 });
    return principal;
  }
}
