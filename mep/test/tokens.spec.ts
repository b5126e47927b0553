/** Access tokens: signed, expiring, and still expiring when remembered by the verification cache. */
import { TokenService } from "../src/auth/tokens";

const KEY = "k".repeat(40);

describe("TokenService", () => {
  const tokens = new TokenService(KEY, 60);
  const issuedAt = Date.UTC(2026, 0, 1);

  test("a token verifies to its principal until it expires, also after it was cached", () => {
    const token = tokens.issue({ clientId: "app-1", admin: false }, issuedAt);
    expect(tokens.verify(token, issuedAt + 1000)).toEqual({ clientId: "app-1", admin: false });
    expect(tokens.verify(token, issuedAt + 59_000)).toEqual({ clientId: "app-1", admin: false });
    expect(tokens.verify(token, issuedAt + 60_000)).toBeUndefined();
  });

  test("a tampered payload or signature does not verify", () => {
    const token = tokens.issue({ clientId: "app-1", admin: false }, issuedAt);
    const [header, , signature] = token.split(".");
    const forgedClaims = Buffer.from(JSON.stringify({ sub: "app-1", adm: true, iat: 0, exp: 4102444800 })).toString("base64url");
    expect(tokens.verify(`${header}.${forgedClaims}.${signature}`, issuedAt)).toBeUndefined();
    expect(tokens.verify(`${token.slice(0, -2)}xx`, issuedAt)).toBeUndefined();
    expect(new TokenService("o".repeat(40), 60).verify(token, issuedAt)).toBeUndefined();
  });
});
