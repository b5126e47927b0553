/** The Edge MANO's records over SQL: JSON documents plus the columns they are looked up by. */
import { OutboxRepository, placeholders } from "../../../mep/src/storage/outbox-repository";
import type { Row } from "../../../mep/src/storage/sql";
import { OPEN_STATES, type AppInstanceRecord, type GrantRecord, type ManoApi, type OpOccRecord, type PackageRecord, type SubscriptionRecord } from "./records";

const parse = <T>(row: Row): T => JSON.parse(String(row.doc));
const first = <T>(rows: Row[]): T | undefined => (rows.length ? parse<T>(rows[0]) : undefined);

export class ManoRepository extends OutboxRepository {
  async getPackage(id: string) {
    return first<PackageRecord>(await this.sql.all("SELECT doc FROM packages WHERE id = ?", [id]));
  }

  async getPackageByAppDId(appDId: string) {
    return first<PackageRecord>(await this.sql.all("SELECT doc FROM packages WHERE app_d_id = ?", [appDId]));
  }

  async listPackages() {
    return (await this.sql.all("SELECT doc FROM packages ORDER BY id")).map(parse<PackageRecord>);
  }

  /** False when a package with the same appDId is onboarded already. */
  async insertPackage(pkg: PackageRecord) {
    return (await this.sql.run("INSERT INTO packages (id, app_d_id, doc) VALUES (?, ?, ?) ON CONFLICT (app_d_id) DO NOTHING", [pkg.id, pkg.appDId, JSON.stringify(pkg)])) === 1;
  }

  async updatePackage(pkg: PackageRecord) {
    await this.sql.run("UPDATE packages SET doc = ? WHERE id = ?", [JSON.stringify(pkg), pkg.id]);
  }

  async deletePackage(id: string) {
    await this.sql.run("DELETE FROM packages WHERE id = ?", [id]);
  }

  /** Package ids that have app instances (their usageState is IN_USE), among `ids`. */
  async packagesInUse(ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.sql.all(`SELECT DISTINCT app_pkg_id FROM app_instances WHERE app_pkg_id IN (${placeholders(ids.length)})`, ids);
    return new Set(rows.map((r) => String(r.app_pkg_id)));
  }

  async getInstance(id: string) {
    return first<AppInstanceRecord>(await this.sql.all("SELECT doc FROM app_instances WHERE id = ?", [id]));
  }

  async listInstances() {
    return (await this.sql.all("SELECT doc FROM app_instances ORDER BY id")).map(parse<AppInstanceRecord>);
  }

  async insertInstance(instance: AppInstanceRecord) {
    await this.sql.run("INSERT INTO app_instances (id, app_pkg_id, doc) VALUES (?, ?, ?)", [instance.id, instance.appPkgId, JSON.stringify(instance)]);
  }

  async updateInstance(instance: AppInstanceRecord) {
    await this.sql.run("UPDATE app_instances SET doc = ? WHERE id = ?", [JSON.stringify(instance), instance.id]);
  }

  async deleteInstance(id: string) {
    await this.sql.run("DELETE FROM app_instances WHERE id = ?", [id]);
  }

  async getOpOcc(id: string) {
    return first<OpOccRecord>(await this.sql.all("SELECT doc FROM op_occs WHERE id = ?", [id]));
  }

  async listOpOccs() {
    return (await this.sql.all("SELECT doc FROM op_occs ORDER BY start_time, id")).map(parse<OpOccRecord>);
  }

  /** The occurrence that still holds the app instance (STARTING, PROCESSING or FAILED_TEMP), if any. */
  async openOpOccOf(appInstanceId: string) {
    return first<OpOccRecord>(await this.sql.all(
      `SELECT doc FROM op_occs WHERE app_instance_id = ? AND operation_state IN (${placeholders(OPEN_STATES.length)})`,
      [appInstanceId, ...OPEN_STATES],
    ));
  }

  /** Occurrences that were running (STARTING or PROCESSING). */
  async listRunningOpOccs() {
    return (await this.sql.all("SELECT doc FROM op_occs WHERE operation_state IN ('STARTING', 'PROCESSING') ORDER BY start_time")).map(parse<OpOccRecord>);
  }

  async insertOpOcc(occ: OpOccRecord) {
    await this.sql.run("INSERT INTO op_occs (id, app_instance_id, operation_state, start_time, doc) VALUES (?, ?, ?, ?, ?)", [
      occ.id, occ.appInstanceId, occ.operationState, occ.startTimeMs, JSON.stringify(occ),
    ]);
  }

  async updateOpOcc(occ: OpOccRecord) {
    await this.sql.run("UPDATE op_occs SET operation_state = ?, doc = ? WHERE id = ?", [occ.operationState, JSON.stringify(occ), occ.id]);
  }

  async getGrant(id: string) {
    return first<GrantRecord>(await this.sql.all("SELECT doc FROM grants WHERE id = ?", [id]));
  }

  async insertGrant(grant: GrantRecord) {
    await this.sql.run("INSERT INTO grants (id, doc) VALUES (?, ?)", [grant.id, JSON.stringify(grant)]);
  }

  async getSubscription(api: ManoApi, id: string) {
    return first<SubscriptionRecord>(await this.sql.all("SELECT doc FROM subscriptions WHERE api = ? AND id = ?", [api, id]));
  }

  async listSubscriptions(api: ManoApi, subscriptionType?: string) {
    const rows = subscriptionType === undefined
      ? await this.sql.all("SELECT doc FROM subscriptions WHERE api = ? ORDER BY id", [api])
      : await this.sql.all("SELECT doc FROM subscriptions WHERE api = ? AND subscription_type = ? ORDER BY id", [api, subscriptionType]);
    return rows.map(parse<SubscriptionRecord>);
  }

  async insertSubscription(subscription: SubscriptionRecord) {
    await this.sql.run("INSERT INTO subscriptions (id, api, subscription_type, doc) VALUES (?, ?, ?, ?)", [
      subscription.id, subscription.api, subscription.subscriptionType, JSON.stringify(subscription),
    ]);
  }

  async deleteSubscription(id: string) {
    await this.sql.run("DELETE FROM outbox WHERE subscription_id = ? AND status = 'pending'", [id]);
    await this.sql.run("DELETE FROM subscriptions WHERE id = ?", [id]);
  }

  async ping() {
    await this.sql.all("SELECT 1");
  }
}
