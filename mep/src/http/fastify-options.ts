/**
 * The Fastify options every service here starts with (the MEP, the Edge MANO): logging, body and URI limits, how
 * unparsable requests and closing are handled, and header names spelled as usual.
 */
import { LogController } from "fastify";
import { CanonicalHeaderResponse } from "./canonical-headers";
import { rejectUnparsableRequest } from "./error-handling";

export interface ServiceLimits {
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly maxUriLength: number;
}

export function serviceFastifyOptions({ logLevel, bodyLimitBytes, maxUriLength }: ServiceLimits) {
  return {
    logger: { level: logLevel, redact: ["req.headers.authorization"] },
    // A line per request received and completed only at debug and trace: at the default (info) they cost about a
    // third of the discovery throughput and a few hundred bytes per request (bench/mep), and what they would
    // tell is counted per route and status in mep_http_request_duration_seconds. Errors are logged at any level.
    logController: new LogController({ disableRequestLogging: !["debug", "trace"].includes(logLevel) }),
    bodyLimit: bodyLimitBytes,
    // While closing, requests already on open connections are still served (the listener no longer accepts new ones).
    return503OnClosing: false,
    clientErrorHandler: rejectUnparsableRequest,
    routerOptions: { maxParamLength: maxUriLength },
    // Every response's header names leave with their usual capitalization (see http/canonical-headers.ts).
    http: { ServerResponse: CanonicalHeaderResponse },
  };
}
