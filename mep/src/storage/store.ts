/** The persistence boundary of the MEP: one interface, implemented over SQLite and PostgreSQL. */

export type AppState = "INSTANTIATED" | "READY" | "STOPPING" | "TERMINATING" | "STOPPED" | "TERMINATED";
export type OperationAction = "STOPPING" | "TERMINATING";

export interface AppInstanceRecord {
  readonly id: string;
  readonly appName: string;
  readonly appProvider?: string;
  readonly appDId?: string;
  readonly clientSecretHash: string;
  readonly requiredServices: readonly string[];
  /** serNames the instance may register; empty means any (records from before this field read as empty). */
  readonly producedServices?: readonly string[];
  readonly state: AppState;
  readonly termination?: { readonly operationAction: OperationAction; readonly deadlineMs: number };
  /** The 3.x AppInfo the instance registered with, if any. */
  readonly registration?: Record<string, unknown>;
  readonly version: number;
}

export interface ServiceRecord {
  readonly id: string;
  readonly appInstanceId: string;
  /** The ServiceInfo as stored: serInstanceId and transportInfo filled in, without _links. */
  readonly info: ServiceInfo;
  /** Present when the platform requires heartbeats for this service. */
  readonly liveness?: { readonly intervalSeconds: number; readonly lastHeartbeatMs: number };
  readonly version: number;
}

export interface ServiceInfo extends Record<string, unknown> {
  serInstanceId: string;
  serName: string;
  state: "ACTIVE" | "INACTIVE" | "SUSPENDED";
  serCategory?: { id: string; href: string; name: string; version: string };
  scopeOfLocality?: string;
  consumedLocalOnly?: boolean;
  isLocal?: boolean;
  livenessInterval?: number;
}

export type SubscriptionType = "SerAvailabilityNotificationSubscription" | "AppTerminationNotificationSubscription";

export interface SubscriptionRecord {
  readonly id: string;
  readonly appInstanceId: string;
  readonly subscriptionType: SubscriptionType;
  /** The subscription body as created, without _links. */
  readonly body: Record<string, unknown> & { callbackReference: string };
}

export type RuleKind = "traffic" | "dns";

export interface RuleRecord {
  readonly kind: RuleKind;
  readonly appInstanceId: string;
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly version: number;
}

export interface NewNotification {
  readonly subscriptionId: string;
  readonly callbackReference: string;
  readonly payload: unknown;
}

export interface OutboxEntry {
  readonly id: number;
  readonly subscriptionId: string;
  readonly callbackReference: string;
  readonly payload: string;
  readonly attempts: number;
}

export interface ServiceFilter {
  readonly appInstanceId?: string;
  readonly ids?: readonly string[];
  readonly names?: readonly string[];
  readonly categoryId?: string;
}

/** Everything a request handler may read or write; inside a transaction, all of it commits or none. */
export interface StoreOps {
  getApp(id: string): Promise<AppInstanceRecord | undefined>;
  listApps(): Promise<AppInstanceRecord[]>;
  /** Inserts (expectedVersion null) or updates when the stored version matches; false on a version conflict. */
  putApp(app: AppInstanceRecord, expectedVersion: number | null): Promise<boolean>;
  deleteApp(id: string): Promise<void>;
  listAppsTerminationDue(nowMs: number): Promise<AppInstanceRecord[]>;

  getService(id: string): Promise<ServiceRecord | undefined>;
  listServices(filter: ServiceFilter): Promise<ServiceRecord[]>;
  putService(service: ServiceRecord, expectedVersion: number | null): Promise<boolean>;
  deleteService(id: string): Promise<void>;
  listServicesLivenessDue(nowMs: number): Promise<ServiceRecord[]>;

  getSubscription(id: string): Promise<SubscriptionRecord | undefined>;
  listSubscriptions(filter: { appInstanceId?: string; subscriptionType?: SubscriptionType }): Promise<SubscriptionRecord[]>;
  countSubscriptions(appInstanceId: string): Promise<number>;
  insertSubscription(subscription: SubscriptionRecord): Promise<void>;
  deleteSubscription(id: string): Promise<void>;

  getRule(kind: RuleKind, appInstanceId: string, id: string): Promise<RuleRecord | undefined>;
  listRules(kind: RuleKind, appInstanceId: string): Promise<RuleRecord[]>;
  putRule(rule: RuleRecord, expectedVersion: number | null): Promise<boolean>;
  /** Deletes the app instance's rules of one kind, or of both kinds. */
  deleteRules(appInstanceId: string, kind?: RuleKind): Promise<void>;

  enqueueNotifications(notifications: readonly NewNotification[], nowMs: number): Promise<void>;
  /** Leases the oldest pending notification of each subscription that is due, at most `limit` of them. */
  claimDueNotifications(nowMs: number, leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  deleteNotifications(ids: readonly number[]): Promise<void>;
  rescheduleNotification(id: number, attempts: number, nextAttemptMs: number): Promise<void>;
  giveUpNotification(id: number, attempts: number): Promise<void>;
  countNotifications(): Promise<{ pending: number; givenUp: number }>;
}

/**
 * A version identifies a state of the whole database: two reads that report the same version saw the same data.
 * SQLite: `PRAGMA data_version` of the read connection, which moves on every commit by any other connection (the
 * writer, another process). PostgreSQL: the MVCC snapshot (`pg_current_snapshot()`: xmin, xmax and the
 * transactions in progress), which decides exactly which commits a read sees, whichever replica made them.
 */
export interface VersionedReads {
  /** The version of the database as of a moment after this call; `reads` counts the reads made, each shared by many calls. */
  readonly version: { (): Promise<string>; readonly reads: number };
  /** listServices, with the version of the state its answer was read from. */
  listServices(filter: ServiceFilter): Promise<{ version: string; services: ServiceRecord[] }>;
}

export interface Store extends StoreOps {
  readonly dialect: "sqlite" | "postgres";
  /** Reads tagged with the database state they saw, which lets their answers be cached (discovery). */
  readonly versioned: VersionedReads;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  transaction<T>(work: (tx: StoreOps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const opNames = [
  "getApp", "listApps", "putApp", "deleteApp", "listAppsTerminationDue",
  "getService", "listServices", "putService", "deleteService", "listServicesLivenessDue",
  "getSubscription", "listSubscriptions", "countSubscriptions", "insertSubscription", "deleteSubscription",
  "getRule", "listRules", "putRule", "deleteRules",
  "enqueueNotifications", "claimDueNotifications", "deleteNotifications", "rescheduleNotification", "giveUpNotification",
  "countNotifications",
] as const satisfies readonly (keyof StoreOps)[];

// Fails to compile when an operation of StoreOps is missing from opNames.
type UnlistedOps = Exclude<keyof StoreOps, (typeof opNames)[number]>;
const everyOpListed: [UnlistedOps] extends [never] ? true : never = true;
void everyOpListed;

type Runner = <T>(work: (ops: StoreOps) => Promise<T>) => Promise<T>;

const isRead = (name: string) => /^(get|list|count)/.test(name);

/**
 * Builds StoreOps whose calls run through `runWrites` (e.g. a serializing queue), or `runReads` for reads; with
 * `only`, runWrites serves just the writes named there and the others run as reads do.
 */
export function delegateOps(runWrites: Runner, runReads: Runner = runWrites, only?: ReadonlySet<string>): StoreOps {
  const ops: Record<string, unknown> = {};
  for (const name of opNames) {
    const run = isRead(name) || (only !== undefined && !only.has(name)) ? runReads : runWrites;
    ops[name] = (...args: unknown[]) => run((target) => (target[name] as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return ops as unknown as StoreOps;
}

export async function openStore(config: {
  databaseUrl?: string;
  sqlitePath: string;
  /** PostgreSQL: how cached discovery answers are kept fresh (see DiscoveryFreshness). @default "notify" */
  discoveryFreshness?: "notify" | "snapshot";
}): Promise<Store> {
  // Loaded lazily so a SQLite deployment never needs pg, and the reverse.
  const store = config.databaseUrl
    ? (await import("./postgres-store")).openPostgresStore(config.databaseUrl, config.discoveryFreshness)
    : (await import("./sqlite-store")).openSqliteStore(config.sqlitePath);
  await store.migrate();
  return store;
}
