/**
 * Application package notifications (MEC 010-2 clause 6.2.3.6, AppPkgNotification): who is told of what. An
 * AppPackageOnBoardingSubscription hears of onboarding, an AppPackageChangeSubscription of enabling and disabling,
 * an AppPackageDeletionSubscription of deletion; each only for packages one of its appPkgFilter entries matches
 * (all of them when it has none).
 */
import type { Links } from "../links";
import { APP_PKGM } from "../links";
import type { PackageRecord, SubscriptionRecord } from "../storage/records";
import type { ManoRepository } from "../storage/repository";
import type { Notifier } from "./notifier";

export type PackageEvent = "AppPackageOnBoarded" | "AppPackageEnabled" | "AppPackageDisabled" | "AppPackageDeleted";

const SUBSCRIPTION_TYPE: Record<PackageEvent, string> = {
  AppPackageOnBoarded: "AppPackageOnBoardingSubscription",
  AppPackageEnabled: "AppPackageChangeSubscription",
  AppPackageDisabled: "AppPackageChangeSubscription",
  AppPackageDeleted: "AppPackageDeletionSubscription",
};

/** The AppPkgFilter attributes (clause 6.2.3.10) and the package values they match. */
function filterMatches(filter: Record<string, unknown>, pkg: PackageRecord, usageState: string): boolean {
  const values: Record<string, string> = {
    appPkgInfoId: pkg.id, appDId: pkg.appDId, appProvider: pkg.appProvider, appName: pkg.appName,
    appSoftwareVersion: pkg.appSoftwareVersion, appDVersion: pkg.appDVersion, operationalState: pkg.operationalState, usageState,
  };
  return Object.entries(values).every(([name, value]) => filter[name] === undefined || filter[name] === value);
}

export function packageSubscriptionMatches(subscription: SubscriptionRecord, event: PackageEvent, pkg: PackageRecord, usageState: string) {
  if (subscription.subscriptionType !== SUBSCRIPTION_TYPE[event]) return false;
  const filters = (subscription.body.appPkgFilter as Record<string, unknown>[] | undefined) ?? [];
  return !filters.length || filters.some((f) => filterMatches(f, pkg, usageState));
}

/** Queues the event's notification for every matching subscription, in the transaction `tx`. */
export function notifyPackageEvent(tx: ManoRepository, notifier: Notifier, links: Links, event: PackageEvent, pkg: PackageRecord, usageState: string) {
  return notifier.enqueue(tx, "app_pkgm", (s) => packageSubscriptionMatches(s, event, pkg, usageState), (s, header) => ({
    ...header,
    notificationType: event,
    subscriptionId: s.id,
    appPkgId: pkg.id,
    appDId: pkg.appDId,
    operationalState: pkg.operationalState,
    _links: { subscription: { href: links.subscription(APP_PKGM, s.id) } },
  }));
}
