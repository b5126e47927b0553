/** Turns service changes into ServiceAvailabilityNotifications for every matching subscription (clause 8.1.4.2). */
import { SERVICE_MGMT, type Links } from "../links";
import type { ServiceInfo, StoreOps, SubscriptionRecord } from "../storage/store";

export type ChangeType = "ADDED" | "REMOVED" | "STATE_CHANGED" | "ATTRIBUTES_CHANGED";

export interface ServiceChange {
  readonly service: ServiceInfo;
  readonly changeType: ChangeType;
}

interface FilteringCriteria {
  serInstanceIds?: string[];
  serNames?: string[];
  serCategories?: { id: string }[];
  states?: string[];
  isLocal?: boolean;
}

function matches(criteria: FilteringCriteria | undefined, service: ServiceInfo): boolean {
  if (!criteria) return true;
  if (criteria.serInstanceIds && !criteria.serInstanceIds.includes(service.serInstanceId)) return false;
  if (criteria.serNames && !criteria.serNames.includes(service.serName)) return false;
  if (criteria.serCategories && !criteria.serCategories.some((c) => c.id === service.serCategory?.id)) return false;
  if (criteria.states && !criteria.states.includes(service.state)) return false;
  if (criteria.isLocal !== undefined && criteria.isLocal !== (service.isLocal ?? true)) return false;
  return true;
}

/** Classifies a replacement: only the state changed, or some other attribute did (clause 8.1.4.2, changeType). */
export function classifyChange(before: ServiceInfo, after: ServiceInfo): ChangeType | undefined {
  const { state: s1, ...rest1 } = before;
  const { state: s2, ...rest2 } = after;
  if (JSON.stringify(rest1) !== JSON.stringify(rest2)) return "ATTRIBUTES_CHANGED";
  return s1 !== s2 ? "STATE_CHANGED" : undefined;
}

export async function announceServiceChanges(tx: StoreOps, links: Links, changes: readonly ServiceChange[], nowMs: number): Promise<number> {
  if (!changes.length) return 0;
  const subscriptions = await tx.listSubscriptions({ subscriptionType: "SerAvailabilityNotificationSubscription" });
  const notifications = subscriptions.flatMap((subscription: SubscriptionRecord) => {
    const criteria = subscription.body.filteringCriteria as FilteringCriteria | undefined;
    const serviceReferences = changes
      .filter((c) => matches(criteria, c.service))
      .map(({ service, changeType }) => ({
        ...(changeType === "REMOVED" ? {} : { link: { href: links.service(service.serInstanceId) } }),
        serName: service.serName,
        serInstanceId: service.serInstanceId,
        state: service.state,
        changeType,
      }));
    if (!serviceReferences.length) return [];
    const payload = {
      notificationType: "SerAvailabilityNotification",
      serviceReferences,
      _links: { subscription: { href: links.subscription(SERVICE_MGMT, subscription.appInstanceId, subscription.id) } },
    };
    return [{ subscriptionId: subscription.id, callbackReference: subscription.body.callbackReference, payload }];
  });
  await tx.enqueueNotifications(notifications, nowMs);
  return notifications.length;
}
