/** Service liveness (clauses 5.2.12, 8.2.10): heartbeats keep a service ACTIVE, a missed one suspends it. */
import { conflict } from "../http/problem";
import type { Links } from "../links";
import type { ServiceRecord, StoreOps } from "../storage/store";
import { announceServiceChanges } from "./service-availability";

export function livenessInfo(service: ServiceRecord) {
  const ms = service.liveness!.lastHeartbeatMs;
  return {
    state: service.info.state,
    timeStamp: { seconds: Math.floor(ms / 1000), nanoSeconds: (ms % 1000) * 1_000_000 },
    interval: service.liveness!.intervalSeconds,
  };
}

/** Records a heartbeat; a SUSPENDED service becomes ACTIVE again. Returns undefined on a concurrent update. */
export async function heartbeat(tx: StoreOps, links: Links, service: ServiceRecord, nowMs: number): Promise<ServiceRecord | undefined> {
  // Clause 8.2.10.3.3: a heartbeat may not overwrite INACTIVE.
  if (service.info.state === "INACTIVE") throw conflict(`service ${service.id} is INACTIVE; a heartbeat cannot activate it`);
  const resumed = service.info.state === "SUSPENDED";
  const next: ServiceRecord = {
    ...service,
    info: { ...service.info, state: "ACTIVE" },
    liveness: { ...service.liveness!, lastHeartbeatMs: nowMs },
    version: service.version + 1,
  };
  if (!(await tx.putService(next, service.version))) return undefined;
  if (resumed) await announceServiceChanges(tx, links, [{ service: next.info, changeType: "STATE_CHANGED" }], nowMs);
  return next;
}

/** Suspends every ACTIVE service whose heartbeat is overdue, and notifies subscribers. */
export async function suspendOverdueServices(tx: StoreOps, links: Links, nowMs: number): Promise<number> {
  let suspended = 0;
  for (const service of await tx.listServicesLivenessDue(nowMs)) {
    const next: ServiceRecord = { ...service, info: { ...service.info, state: "SUSPENDED" }, version: service.version + 1 };
    if (await tx.putService(next, service.version)) {
      await announceServiceChanges(tx, links, [{ service: next.info, changeType: "STATE_CHANGED" }], nowMs);
      suspended++;
    }
  }
  return suspended;
}
