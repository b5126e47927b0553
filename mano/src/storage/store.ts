/**
 * The Edge MANO's store on an embedded SQLite file (WAL, synchronous=NORMAL: a killed process loses nothing
 * committed). Changes go through `transaction`, serialized on one write connection (the MEP's GroupCommitWriter);
 * `read` answers from a second, read-only connection that sees the last commit.
 */
import Database from "better-sqlite3";
import { applyMigrations } from "../../../mep/src/storage/migrator";
import type { OutboxStore } from "../../../mep/src/notifications/dispatcher";
import { GroupCommitWriter, SqliteExecutor } from "../../../mep/src/storage/sqlite-writer";
import { migrations } from "./migrations";
import { ManoRepository } from "./repository";

export interface Store {
  /** Reads outside a transaction. */
  readonly read: ManoRepository;
  /** Runs `work` as one unit: everything it writes commits, or none of it; settles after the commit. */
  transaction<T>(work: (tx: ManoRepository) => Promise<T>): Promise<T>;
  /** The outbox as the notification dispatcher uses it. */
  readonly outbox: OutboxStore;
  close(): Promise<void>;
}

export async function openStore(path: string): Promise<Store> {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const executor = new SqliteExecutor(db);
  const repository = new ManoRepository(executor);
  const writer = new GroupCommitWriter(db);
  const transaction = <T>(work: (tx: ManoRepository) => Promise<T>) => writer.run(() => work(repository));
  await applyMigrations("sqlite", (work) => writer.run(() => work(executor)), migrations);
  const reader = new Database(path, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  return {
    read: new ManoRepository(new SqliteExecutor(reader)),
    transaction,
    outbox: {
      claimDueNotifications: (nowMs, leaseMs, limit) => transaction((tx) => tx.claimDueNotifications(nowMs, leaseMs, limit)),
      deleteNotifications: (ids) => transaction((tx) => tx.deleteNotifications(ids)),
      rescheduleNotification: (id, attempts, nextAttemptMs) => transaction((tx) => tx.rescheduleNotification(id, attempts, nextAttemptMs)),
      giveUpNotification: (id, attempts) => transaction((tx) => tx.giveUpNotification(id, attempts)),
    },
    close: async () => {
      await writer.run(async () => undefined);
      reader.close();
      db.close();
    },
  };
}
