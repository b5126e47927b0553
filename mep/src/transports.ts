/** The platform-provided transports (clause 8.2.5), from MEP_TRANSPORTS_FILE or the MEP's own REST endpoint. */
import { readFileSync } from "fs";
import { ConfigError } from "./config";
import type { Links } from "./links";

export interface TransportInfo extends Record<string, unknown> {
  id: string;
}

export class TransportRegistry {
  constructor(readonly transports: readonly TransportInfo[]) {}

  find(id: string): TransportInfo | undefined {
    return this.transports.find((t) => t.id === id);
  }

  static load(file: string | undefined, links: Links, validate: (t: unknown) => string | undefined): TransportRegistry {
    if (!file) {
      return new TransportRegistry([{
        id: "mep-rest-http",
        name: "MEP REST",
        description: "REST over HTTP on the MEC platform, secured by OAuth 2.0 client credentials",
        type: "REST_HTTP",
        protocol: "HTTP",
        version: "1.1",
        endpoint: { uris: [links.apiRoot] },
        security: { oAuth2Info: { grantTypes: ["OAUTH2_CLIENT_CREDENTIALS"], tokenEndpoint: links.tokenEndpoint() } },
      }]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new ConfigError(`MEP_TRANSPORTS_FILE=${file} cannot be read as JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new ConfigError(`MEP_TRANSPORTS_FILE=${file} must hold a JSON array of TransportInfo`);
    parsed.forEach((t, i) => {
      const error = validate(t);
      if (error) throw new ConfigError(`MEP_TRANSPORTS_FILE=${file}: entry ${i} is not a valid TransportInfo: ${error}`);
    });
    return new TransportRegistry(parsed as TransportInfo[]);
  }
}
