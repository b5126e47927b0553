/** What route modules share: configuration, storage, links, security and the transport registry. */
import type { Config } from "./config";
import type { Links } from "./links";
import type { TokenService } from "./auth/tokens";
import type { CallbackPolicy } from "./notifications/callback-policy";
import type { Store } from "./storage/store";
import type { TransportRegistry } from "./transports";

export interface Context {
  readonly config: Config;
  readonly store: Store;
  readonly links: Links;
  readonly tokens: TokenService;
  readonly callbackPolicy: CallbackPolicy;
  readonly transports: TransportRegistry;
  /** Wakes the notification dispatcher once a transaction that enqueued notifications has committed. */
  readonly notificationsEnqueued: () => void;
}

/** Who may call a route: nobody in particular, any valid token, the admin, or the app named in the path (or the admin). */
export type AuthRule = "public" | "any" | "admin" | "app";

export interface OpenApiInfo {
  readonly summary: string;
  readonly tags: readonly string[];
  /** The request body may be left out (every field has a default). */
  readonly optionalBody?: boolean;
  /** Response status -> component schema name (or null for an empty body). */
  readonly responses: Readonly<Record<number, string | null>>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: AuthRule;
    openapi?: OpenApiInfo;
    /** Routes answering 405 for unsupported methods; kept out of the OpenAPI document. */
    methodNotAllowed?: boolean;
  }
  interface FastifyRequest {
    principal?: import("./auth/tokens").Principal;
  }
}
