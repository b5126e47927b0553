/** JSON snapshots of the platform state (app instances, services, subscriptions, rules), keeping every id. */
import type { AppInstanceRecord, RuleRecord, ServiceRecord, Store, SubscriptionRecord } from "./storage/store";

export const SNAPSHOT_FORMAT = "mecaas-mep-snapshot/1";

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly exportedAt: string;
  readonly appInstances: AppInstanceRecord[];
  readonly services: ServiceRecord[];
  readonly subscriptions: SubscriptionRecord[];
  readonly rules: RuleRecord[];
}

export async function exportSnapshot(store: Store): Promise<Snapshot> {
  return store.transaction(async (tx) => {
    const appInstances = await tx.listApps();
    const rules: RuleRecord[] = [];
    for (const app of appInstances) rules.push(...(await tx.listRules("traffic", app.id)), ...(await tx.listRules("dns", app.id)));
    return {
      format: SNAPSHOT_FORMAT,
      exportedAt: new Date().toISOString(),
      appInstances,
      services: await tx.listServices({}),
      subscriptions: await tx.listSubscriptions({}),
      rules,
    };
  });
}

/** Restores a snapshot in one transaction; records that already exist are replaced. Returns counts. */
export async function importSnapshot(store: Store, snapshot: Snapshot) {
  if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`not a MEP snapshot: format must be ${SNAPSHOT_FORMAT}`);
  return store.transaction(async (tx) => {
    for (const app of snapshot.appInstances) {
      const existing = await tx.getApp(app.id);
      await tx.putApp(existing ? { ...app, version: existing.version + 1 } : app, existing?.version ?? null);
    }
    for (const service of snapshot.services) {
      const existing = await tx.getService(service.id);
      await tx.putService(existing ? { ...service, version: existing.version + 1 } : service, existing?.version ?? null);
    }
    for (const subscription of snapshot.subscriptions) {
      if (await tx.getSubscription(subscription.id)) await tx.deleteSubscription(subscription.id);
      await tx.insertSubscription(subscription);
    }
    for (const rule of snapshot.rules) {
      const existing = await tx.getRule(rule.kind, rule.appInstanceId, rule.id);
      await tx.putRule(existing ? { ...rule, version: existing.version + 1 } : rule, existing?.version ?? null);
    }
    return {
      appInstances: snapshot.appInstances.length, services: snapshot.services.length,
      subscriptions: snapshot.subscriptions.length, rules: snapshot.rules.length,
    };
  });
}
