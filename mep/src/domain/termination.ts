/** Graceful termination/stop of an app instance (clauses 5.2.3, 7.2.11): notify, wait for confirmation or timeout. */
import { APP_SUPPORT, type Links } from "../links";
import { conflict } from "../http/problem";
import type { AppInstanceRecord, OperationAction, StoreOps } from "../storage/store";
import { announceServiceChanges } from "./service-availability";

const ongoing = (app: AppInstanceRecord) => app.state === "STOPPING" || app.state === "TERMINATING";

/** Moves the app into STOPPING/TERMINATING and notifies its AppTerminationNotification subscribers. */
export async function startTermination(
  tx: StoreOps, links: Links, app: AppInstanceRecord, operationAction: OperationAction, timeoutSeconds: number, nowMs: number,
): Promise<AppInstanceRecord | undefined> {
  if (ongoing(app)) throw conflict(`app instance ${app.id} is already ${app.state}`);
  if (app.state === "TERMINATED" || app.state === "STOPPED") throw conflict(`app instance ${app.id} is already ${app.state}`);
  const next: AppInstanceRecord = {
    ...app, state: operationAction, termination: { operationAction, deadlineMs: nowMs + timeoutSeconds * 1000 }, version: app.version + 1,
  };
  if (!(await tx.putApp(next, app.version))) return undefined;
  const subscriptions = await tx.listSubscriptions({ appInstanceId: app.id, subscriptionType: "AppTerminationNotificationSubscription" });
  await tx.enqueueNotifications(
    subscriptions.map((s) => ({
      subscriptionId: s.id,
      callbackReference: s.body.callbackReference,
      payload: {
        notificationType: "AppTerminationNotification",
        operationAction,
        maxGracefulTimeout: timeoutSeconds,
        _links: { subscription: { href: links.subscription(APP_SUPPORT, app.id, s.id) }, confirmTermination: { href: links.confirmTermination(app.id) } },
      },
    })),
    nowMs,
  );
  return next;
}

/** The app confirmed (clause 7.2.11.3.4): 409 when no termination is ongoing or the action differs. */
export async function confirmTermination(tx: StoreOps, links: Links, app: AppInstanceRecord, operationAction: OperationAction, nowMs: number) {
  if (!ongoing(app)) throw conflict(`no termination or stop is ongoing for app instance ${app.id} (state ${app.state})`);
  if (app.termination?.operationAction !== operationAction) {
    throw conflict(`operationAction ${operationAction} does not match the ongoing ${app.termination?.operationAction}`);
  }
  return finishTermination(tx, links, app, nowMs);
}

/** Ends the flow (on confirmation or timeout): the app's services are deregistered and its rules deactivated. */
export async function finishTermination(tx: StoreOps, links: Links, app: AppInstanceRecord, nowMs: number): Promise<boolean> {
  const done: AppInstanceRecord = {
    ...app, state: app.termination?.operationAction === "STOPPING" ? "STOPPED" : "TERMINATED", version: app.version + 1,
  };
  if (!(await tx.putApp(done, app.version))) return false;
  await removeAppServices(tx, links, app.id, nowMs);
  for (const kind of ["traffic", "dns"] as const) {
    for (const rule of await tx.listRules(kind, app.id)) {
      await tx.putRule({ ...rule, body: { ...rule.body, state: "INACTIVE" }, version: rule.version + 1 }, rule.version);
    }
  }
  return true;
}

export async function removeAppServices(tx: StoreOps, links: Links, appInstanceId: string, nowMs: number) {
  const services = await tx.listServices({ appInstanceId });
  for (const s of services) await tx.deleteService(s.id);
  await announceServiceChanges(tx, links, services.map((s) => ({ service: s.info, changeType: "REMOVED" as const })), nowMs);
}
