// Request bodies as third-party Mp1 clients send them. A request with no content has no body, whatever its
// Content-Type says (clients that set `Content-Type: */*` or `application/json` on every request, DELETE
// included). JSON is accepted as `application/json` or any `+json` type (with parameters), and also when the
// client declares no type or a wildcard such as `*/*`, if the content is JSON. Other declared types are refused
// with 415, as is undeclared content that is not JSON. Form bodies are for the token endpoint (RFC 6749).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "./problem";

type Parsed = (error: Error | null, body?: unknown) => void;
type TextParser = (request: FastifyRequest, body: string, done: Parsed) => void;

/** No content is no body: the route's schema decides whether it needed one. */
const unlessEmpty = (parse: TextParser): TextParser => (request, body, done) => (body === "" ? done(null, undefined) : parse(request, body, done));

const mediaTypeOf = (request: FastifyRequest) => (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();

// No declared type, or one that names no particular type (`*/*`, `application/*`).
const isUndeclared = (mediaType: string) => mediaType === "" || mediaType.endsWith("/*");

const SUPPORTED = "application/json (or application/merge-patch+json for the liveness PATCH)";

export function installBodyParsers(app: FastifyInstance) {
  const json: TextParser = app.getDefaultJsonParser("error", "error") as unknown as TextParser;
  // Fastify's own parsers would refuse an empty JSON body (400) and accept text/plain as a string.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(["application/json", "application/merge-patch+json"], { parseAs: "string" }, unlessEmpty(json));
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, unlessEmpty((_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body)));
  }));
  // Everything else: other +json types, undeclared content, and what is refused.
  app.addContentTypeParser("*", { parseAs: "string" }, unlessEmpty((request, body, done) => {
    const mediaType = mediaTypeOf(request);
    if (mediaType.endsWith("+json")) return json(request, body, done);
    if (!isUndeclared(mediaType)) return done(new ApiError(415, `Content-Type ${mediaType} is not supported: send ${SUPPORTED}`));
    json(request, body, (error, parsed) => {
      if (error) done(new ApiError(415, `the body (Content-Type ${mediaType || "not given"}) is not JSON: send ${SUPPORTED}`));
      else done(null, parsed);
    });
  }));
}
