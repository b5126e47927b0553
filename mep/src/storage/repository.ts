/** StoreOps written once in SQL common to SQLite and PostgreSQL; records are JSON documents plus indexed columns. */
import { OutboxRepository, placeholders } from "./outbox-repository";
import type { Row } from "./sql";
import type {
  AppInstanceRecord, RuleKind, RuleRecord, ServiceFilter, ServiceRecord, StoreOps,
  SubscriptionRecord, SubscriptionType,
} from "./store";

/** A service whose heartbeat is this much later than its interval is considered missed. */
const LIVENESS_TOLERANCE = 1.5;


/** A WHERE clause built from optional filters, with its parameters in order. */
class Conditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...params: unknown[]) {
    this.parts.push(condition);
    this.params.push(...params);
  }

  clause() {
    return this.parts.length ? ` WHERE ${this.parts.join(" AND ")}` : "";
  }

  expression() {
    return this.parts.length ? this.parts.join(" AND ") : "TRUE";
  }
}

function withoutVersion<T extends { version: number }>(record: T): Omit<T, "version"> {
  const { version: _ignored, ...rest } = record;
  return rest;
}

export function livenessDeadline(service: ServiceRecord): number | null {
  if (!service.liveness || service.info.state !== "ACTIVE") return null;
  return service.liveness.lastHeartbeatMs + service.liveness.intervalSeconds * 1000 * LIVENESS_TOLERANCE;
}

function serviceConditions(filter: ServiceFilter) {
  const where = new Conditions();
  if (filter.appInstanceId !== undefined) where.add("app_instance_id = ?", filter.appInstanceId);
  if (filter.ids) where.add(`id IN (${placeholders(filter.ids.length)})`, ...filter.ids);
  if (filter.names) where.add(`ser_name IN (${placeholders(filter.names.length)})`, ...filter.names);
  if (filter.categoryId !== undefined) where.add("category_id = ?", filter.categoryId);
  return where;
}

/** Every StoreOps operation; the outbox ones come from OutboxRepository. */
export class SqlRepository extends OutboxRepository implements StoreOps {

  async getApp(id: string) {
    return (await this.sql.all("SELECT doc, version FROM app_instances WHERE id = ?", [id])).map(toApp)[0];
  }

  async listApps() {
    return (await this.sql.all("SELECT doc, version FROM app_instances ORDER BY id")).map(toApp);
  }

  async putApp(app: AppInstanceRecord, expectedVersion: number | null) {
    const doc = JSON.stringify(withoutVersion(app));
    const deadline = app.termination && (app.state === "STOPPING" || app.state === "TERMINATING") ? app.termination.deadlineMs : null;
    if (expectedVersion === null) {
      return (await this.sql.run(
        "INSERT INTO app_instances (id, state, termination_deadline, doc, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        [app.id, app.state, deadline, doc, app.version],
      )) === 1;
    }
    return (await this.sql.run(
      "UPDATE app_instances SET state = ?, termination_deadline = ?, doc = ?, version = ? WHERE id = ? AND version = ?",
      [app.state, deadline, doc, app.version, app.id, expectedVersion],
    )) === 1;
  }

  async deleteApp(id: string) {
    await this.sql.run("DELETE FROM app_instances WHERE id = ?", [id]);
  }

  async listAppsTerminationDue(nowMs: number) {
    return (await this.sql.all("SELECT doc, version FROM app_instances WHERE termination_deadline <= ?", [nowMs])).map(toApp);
  }

  async getService(id: string) {
    return (await this.sql.all("SELECT doc, version FROM services WHERE id = ?", [id])).map(toService)[0];
  }

  async listServices(filter: ServiceFilter) {
    if ((filter.ids && !filter.ids.length) || (filter.names && !filter.names.length)) return [];
    const where = serviceConditions(filter);
    return (await this.sql.all(`SELECT doc, version FROM services${where.clause()} ORDER BY id`, where.params)).map(toService);
  }

  /**
   * PostgreSQL only: listServices in one statement that also returns the MVCC snapshot it read with. The left join
   * on one row yields that snapshot even when no service matches (a row without doc).
   */
  async listServicesWithSnapshot(filter: ServiceFilter): Promise<{ snapshot: string; services: ServiceRecord[] }> {
    const none = (filter.ids && !filter.ids.length) || (filter.names && !filter.names.length);
    const where = none ? new Conditions() : serviceConditions(filter);
    if (none) where.add("FALSE");
    const rows = await this.sql.all(
      `SELECT pg_current_snapshot()::text AS snapshot, s.doc, s.version FROM (VALUES (1)) AS one (x)
        LEFT JOIN services s ON ${where.expression()} ORDER BY s.id`,
      where.params,
    );
    return { snapshot: String(rows[0].snapshot), services: rows.filter((r) => r.doc !== null).map(toService) };
  }

  async putService(service: ServiceRecord, expectedVersion: number | null) {
    const doc = JSON.stringify(withoutVersion(service));
    const columns = [service.appInstanceId, service.info.serName, service.info.serCategory?.id ?? null, livenessDeadline(service), doc, service.version];
    if (expectedVersion === null) {
      return (await this.sql.run(
        "INSERT INTO services (app_instance_id, ser_name, category_id, liveness_deadline, doc, version, id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        [...columns, service.id],
      )) === 1;
    }
    return (await this.sql.run(
      "UPDATE services SET app_instance_id = ?, ser_name = ?, category_id = ?, liveness_deadline = ?, doc = ?, version = ? WHERE id = ? AND version = ?",
      [...columns, service.id, expectedVersion],
    )) === 1;
  }

  async deleteService(id: string) {
    await this.sql.run("DELETE FROM services WHERE id = ?", [id]);
  }

  async listServicesLivenessDue(nowMs: number) {
    return (await this.sql.all("SELECT doc, version FROM services WHERE liveness_deadline < ?", [nowMs])).map(toService);
  }

  async getSubscription(id: string) {
    return (await this.sql.all("SELECT doc FROM subscriptions WHERE id = ?", [id])).map(toSubscription)[0];
  }

  async listSubscriptions(filter: { appInstanceId?: string; subscriptionType?: SubscriptionType }) {
    const where = new Conditions();
    if (filter.appInstanceId !== undefined) where.add("app_instance_id = ?", filter.appInstanceId);
    if (filter.subscriptionType !== undefined) where.add("subscription_type = ?", filter.subscriptionType);
    return (await this.sql.all(`SELECT doc FROM subscriptions${where.clause()} ORDER BY id`, where.params)).map(toSubscription);
  }

  async countSubscriptions(appInstanceId: string) {
    const [row] = await this.sql.all("SELECT COUNT(*) AS n FROM subscriptions WHERE app_instance_id = ?", [appInstanceId]);
    return Number(row.n);
  }

  async insertSubscription(subscription: SubscriptionRecord) {
    await this.sql.run("INSERT INTO subscriptions (id, app_instance_id, subscription_type, doc) VALUES (?, ?, ?, ?)", [
      subscription.id, subscription.appInstanceId, subscription.subscriptionType, JSON.stringify(subscription),
    ]);
  }

  async deleteSubscription(id: string) {
    await this.sql.run("DELETE FROM outbox WHERE subscription_id = ? AND status = 'pending'", [id]);
    await this.sql.run("DELETE FROM subscriptions WHERE id = ?", [id]);
  }

  async getRule(kind: RuleKind, appInstanceId: string, id: string) {
    return (await this.sql.all("SELECT doc, version FROM rules WHERE kind = ? AND app_instance_id = ? AND id = ?", [kind, appInstanceId, id])).map(toRule)[0];
  }

  async listRules(kind: RuleKind, appInstanceId: string) {
    return (await this.sql.all("SELECT doc, version FROM rules WHERE kind = ? AND app_instance_id = ? ORDER BY id", [kind, appInstanceId])).map(toRule);
  }

  async putRule(rule: RuleRecord, expectedVersion: number | null) {
    const doc = JSON.stringify(withoutVersion(rule));
    if (expectedVersion === null) {
      return (await this.sql.run(
        "INSERT INTO rules (kind, app_instance_id, id, doc, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, app_instance_id, id) DO NOTHING",
        [rule.kind, rule.appInstanceId, rule.id, doc, rule.version],
      )) === 1;
    }
    return (await this.sql.run(
      "UPDATE rules SET doc = ?, version = ? WHERE kind = ? AND app_instance_id = ? AND id = ? AND version = ?",
      [doc, rule.version, rule.kind, rule.appInstanceId, rule.id, expectedVersion],
    )) === 1;
  }

  async deleteRules(appInstanceId: string, kind?: RuleKind) {
    if (kind) await this.sql.run("DELETE FROM rules WHERE app_instance_id = ? AND kind = ?", [appInstanceId, kind]);
    else await this.sql.run("DELETE FROM rules WHERE app_instance_id = ?", [appInstanceId]);
  }
}

const parse = (row: Row) => JSON.parse(String(row.doc));
const toApp = (row: Row): AppInstanceRecord => ({ ...parse(row), version: Number(row.version) });
const toService = (row: Row): ServiceRecord => ({ ...parse(row), version: Number(row.version) });
const toRule = (row: Row): RuleRecord => ({ ...parse(row), version: Number(row.version) });
const toSubscription = (row: Row): SubscriptionRecord => parse(row);
