/**
 * The durable notification outbox in SQL common to SQLite and PostgreSQL: notifications are written in the same
 * transaction as the change they tell of, then leased, delivered and deleted by the dispatcher. Used by the MEP's
 * repository and by the Edge MANO's (mano/), each on its own database.
 */
import type { SqlExecutor } from "./sql";
import type { NewNotification, OutboxEntry } from "./store";

/** Rows per multi-row statement; 4 parameters each stays under SQLite's default limit of 32766 variables. */
const BATCH = 500;

export const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The outbox table and its index; `serial` is the dialect's auto-incrementing primary key. */
export const outboxTable = (serial: string) => `CREATE TABLE outbox (
  id ${serial},
  subscription_id TEXT NOT NULL,
  callback TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX outbox_pending ON outbox (status, subscription_id, id);
`;

export class OutboxRepository {
  constructor(protected readonly sql: SqlExecutor) {}

  async enqueueNotifications(notifications: readonly NewNotification[], nowMs: number) {
    // Multi-row inserts: a fan-out to many subscribers costs a few statements, not one per subscriber.
    for (let i = 0; i < notifications.length; i += BATCH) {
      const batch = notifications.slice(i, i + BATCH);
      await this.sql.run(
        `INSERT INTO outbox (subscription_id, callback, payload, next_attempt_at) VALUES ${batch.map(() => "(?, ?, ?, ?)").join(", ")}`,
        batch.flatMap((n) => [n.subscriptionId, n.callbackReference, JSON.stringify(n.payload), nowMs]),
      );
    }
  }

  async claimDueNotifications(nowMs: number, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    // Only the head of each subscription's queue is eligible, which keeps delivery ordered per subscription.
    const due = await this.sql.all(
      `SELECT o.id FROM outbox o
        WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND o.lease_until <= ?
          AND o.id = (SELECT MIN(i.id) FROM outbox i WHERE i.subscription_id = o.subscription_id AND i.status = 'pending')
        ORDER BY o.id LIMIT ?`,
      [nowMs, nowMs, limit],
    );
    if (!due.length) return [];
    const claimed = await this.sql.all(
      `UPDATE outbox SET lease_until = ? WHERE lease_until <= ? AND id IN (${placeholders(due.length)})
        RETURNING id, subscription_id, callback, payload, attempts`,
      [nowMs + leaseMs, nowMs, ...due.map((r) => r.id)],
    );
    return claimed
      .map((r) => ({
        id: Number(r.id), subscriptionId: String(r.subscription_id), callbackReference: String(r.callback),
        payload: String(r.payload), attempts: Number(r.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async deleteNotifications(ids: readonly number[]) {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      await this.sql.run(`DELETE FROM outbox WHERE id IN (${placeholders(batch.length)})`, batch);
    }
  }

  async rescheduleNotification(id: number, attempts: number, nextAttemptMs: number) {
    await this.sql.run("UPDATE outbox SET attempts = ?, next_attempt_at = ?, lease_until = 0 WHERE id = ?", [attempts, nextAttemptMs, id]);
  }

  async giveUpNotification(id: number, attempts: number) {
    await this.sql.run("UPDATE outbox SET attempts = ?, status = 'given_up' WHERE id = ?", [attempts, id]);
  }

  async countNotifications() {
    const rows = await this.sql.all("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status");
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: count("pending"), givenUp: count("given_up") };
  }

  /**
   * Keeps at most `limit` pending notifications per subscription, dropping the oldest beyond it (a receiver that
   * stays away cannot grow the table without bound); returns how many were dropped.
   */
  async trimPendingNotifications(subscriptionId: string, limit: number): Promise<number> {
    return this.sql.run(
      `DELETE FROM outbox WHERE subscription_id = ? AND status = 'pending' AND id NOT IN
         (SELECT id FROM outbox WHERE subscription_id = ? AND status = 'pending' ORDER BY id DESC LIMIT ?)`,
      [subscriptionId, subscriptionId, limit],
    );
  }
}
