/** What the route modules share. */
import type { CallbackPolicy } from "../../mep/src/notifications/callback-policy";
import type { Config } from "./config";
import type { Lifecycle } from "./domain/lifecycle";
import type { PackageService } from "./domain/packages";
import type { Links } from "./links";
import type { Store } from "./storage/store";

export interface Context {
  readonly config: Config;
  readonly store: Store;
  readonly links: Links;
  readonly callbackPolicy: CallbackPolicy;
  readonly packages: PackageService;
  readonly lifecycle: Lifecycle;
}
