/**
 * Response header names spelled as HTTP servers usually write them (Content-Type, Location, ETag,
 * WWW-Authenticate). Names are case-insensitive in HTTP, but clients that copy the headers into a plain dictionary
 * (Python's `dict(response.headers)`) then look them up by exactly that spelling. Fastify keeps reply header names
 * in lower case and Node writes names as they were given, so the respelling happens where every response's head is
 * written: in `writeHead`, which Node also calls itself for implicit heads. A Fastify hook cannot do it: the
 * Content-Length that Fastify adds after the onSend hooks would still leave in lower case.
 */
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders } from "http";

/** Names whose usual spelling is not "each word capitalized". */
const IRREGULAR = Object.entries({
  etag: "ETag", "www-authenticate": "WWW-Authenticate", "content-md5": "Content-MD5", te: "TE", dnt: "DNT", "x-request-id": "X-Request-ID",
});

const spelled = new Map<string, string>(IRREGULAR);

export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase();
  let canonical = spelled.get(lower);
  if (canonical === undefined) {
    canonical = lower.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
    // Names come from this server's code, so the map stays small; the cap bounds it whatever a handler sets.
    if (spelled.size < 1000) spelled.set(lower, canonical);
  }
  return canonical;
}

export class CanonicalHeaderResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  override writeHead(statusCode: number, reason?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this {
    // Names set earlier with setHeader keep the spelling of that call; setting them again respells them.
    for (const name of this.getHeaderNames()) this.setHeader(canonicalHeaderName(name), this.getHeader(name)!);
    if (typeof reason === "string") return super.writeHead(statusCode, reason, respelled(headers));
    return super.writeHead(statusCode, respelled(reason));
  }
}

function respelled(headers: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined): OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined {
  if (headers === undefined) return undefined;
  if (Array.isArray(headers)) {
    // A flat [name, value, name, value, …] list: names at even positions.
    return headers.map((entry, i) => (i % 2 === 0 && typeof entry === "string" ? canonicalHeaderName(entry) : entry));
  }
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) out[canonicalHeaderName(name)] = headers[name];
  return out;
}
