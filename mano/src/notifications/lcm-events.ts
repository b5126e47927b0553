/**
 * Application lifecycle notifications (MEC 010-2 clauses 6.2.2.11, 6.2.2.16, 6.2.2.27, 6.2.2.30): which
 * subscription hears of which change of an app instance or of an LCM operation occurrence.
 */
import { APP_LCM, type Links } from "../links";
import type { AppInstanceRecord, OpOccRecord, PackageRecord, SubscriptionRecord } from "../storage/records";
import type { ManoRepository } from "../storage/repository";
import type { Notifier } from "./notifier";

/** The state an AppInstNotification reports: NOT_INSTANTIATED, or STARTED / STOPPED while instantiated. */
export const appInstanceState = (instance: AppInstanceRecord) =>
  instance.instantiationState === "NOT_INSTANTIATED" ? "NOT_INSTANTIATED" : (instance.operationalState ?? "STARTED");

const asList = (value: unknown) => (value === undefined ? undefined : [value].flat() as unknown[]);

/** AppInstanceSubscriptionFilter (clause 6.2.2.5): which app instances a subscription is about. */
function instanceSelected(filter: Record<string, unknown> | undefined, instance: AppInstanceRecord, pkg: PackageRecord): boolean {
  if (!filter) return true;
  const listed = (filter.appInstances as string[] | undefined) ?? [];
  switch (filter.appInstSelectorType) {
    case 1: return listed.includes(instance.id);
    case 2: return instance.appInstanceName !== undefined && listed.includes(instance.appInstanceName);
    case 3: return listed.includes(instance.appDId);
    case 4: {
      const providers = (filter.appsFromProviders as { appProvider: string; appProducts?: { appName: string }[] }[] | undefined) ?? [];
      return providers.some((p) => p.appProvider === pkg.appProvider && (!p.appProducts?.length || p.appProducts.some((product) => product.appName === pkg.appName)));
    }
    default: return true; // 0 = VOID: every app instance
  }
}

export type LcmEvent =
  | { readonly kind: "created" | "deleted" | "stateChanged" }
  | { readonly kind: "opOcc"; readonly occ: OpOccRecord };

function matches(subscription: SubscriptionRecord, event: LcmEvent, instance: AppInstanceRecord, pkg: PackageRecord): boolean {
  const body = subscription.body;
  switch (subscription.subscriptionType) {
    case "AppIdentifierCreationSubscription":
      return event.kind === "created" && instanceSelected(body.appInstanceSubscriptionFilter as Record<string, unknown>, instance, pkg);
    case "AppIdentifierDeletionSubscription":
      return event.kind === "deleted" && instanceSelected(body.appInstanceSubscriptionFilter as Record<string, unknown>, instance, pkg);
    case "AppInstanceStateChangeSubscription":
      return event.kind === "stateChanged" && (body.appInstanceState === undefined || body.appInstanceState === appInstanceState(instance))
        && instanceSelected(body.appInstanceSubscriptionFilter as Record<string, unknown>, instance, pkg);
    case "AppLcmOpOccStateChangeSubscription": {
      if (event.kind !== "opOcc") return false;
      const filter = (body.appLcmOpOccSubscriptionFilter ?? {}) as Record<string, unknown>;
      const types = asList(filter.operationTypes);
      const states = asList(filter.operationStates);
      return (!types || types.includes(event.occ.lcmOperation)) && (!states || states.includes(event.occ.operationState))
        && instanceSelected(filter.appInstanceSubscriptionFilter as Record<string, unknown>, instance, pkg);
    }
    default:
      return false;
  }
}

/** Queues the event's notifications, in the transaction `tx`, for every subscription that matches. */
export function notifyLcmEvent(tx: ManoRepository, notifier: Notifier, links: Links, event: LcmEvent, instance: AppInstanceRecord, pkg: PackageRecord) {
  return notifier.enqueue(tx, "app_lcm", (s) => matches(s, event, instance, pkg), (s, header) => {
    const subscription = { href: links.subscription(APP_LCM, s.id) };
    const appInstance = { href: links.appInstance(instance.id) };
    const common = { ...header, subscriptionId: s.id, appInstanceId: instance.id };
    switch (event.kind) {
      case "created":
        return { ...common, notificationType: "AppInstanceIdentifierCreationNotification", _links: { subscription, appInstance } };
      case "deleted":
        return { ...common, notificationType: "AppInstanceIdentifierDeletionNotification", _links: { subscription, appInstance } };
      case "stateChanged":
        return {
          ...common, notificationType: "AppInstNotification", appInstanceState: appInstanceState(instance),
          appPkgId: instance.appPkgId, appDId: instance.appDId, _links: { subscription },
        };
      case "opOcc":
        return {
          ...common, notificationType: "AppLcmOpOccNotification", operationType: event.occ.lcmOperation, operationState: event.occ.operationState,
          appLcmOpOccId: event.occ.id, _links: { appInstance, subscription, appLcmOpOcc: { href: links.opOcc(event.occ.id) } },
        };
    }
  });
}
