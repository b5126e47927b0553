/**
 * Store on an embedded SQLite file (WAL). Writes and transactions use one connection, serialized through an
 * in-process queue and committed in groups (see GroupCommitWriter); reads outside transactions use a second,
 * read-only connection, which WAL lets see the last committed state without waiting for a transaction in progress.
 */
import Database from "better-sqlite3";
import { applyMigrations } from "./migrator";
import { SqlRepository } from "./repository";
import { GroupCommitWriter, SqliteExecutor } from "./sqlite-writer";
import { versionReader } from "./version-reader";
import { delegateOps, type Store, type StoreOps } from "./store";

// Reading data_version takes SQLite's shared-memory locks (about 1.5 µs, the most a cached discovery answer costs
// here): the requests of one turn share one read (see versionReader).
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // With WAL, NORMAL loses nothing when the process dies; only an OS crash can lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  const executor = new SqliteExecutor(db);
  const repository = new SqlRepository(executor);
  const reader = new Database(path, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  const readRepository = new SqlRepository(new SqliteExecutor(reader));
  // Asked on the reader, it moves on every commit by another connection: our writer or another process.
  const dataVersion = reader.prepare("PRAGMA data_version").pluck();
  // A transaction spans awaits, so everything else on this one connection waits for it to finish.
  const writer = new GroupCommitWriter(db);

  return {
    dialect: "sqlite",
    versioned: {
      version: versionReader(() => String(dataVersion.get())),
      // Read before the query: should another process commit in between, the answer is newer than its version,
      // never older, and the next version() already differs.
      listServices: async (filter) => ({ version: String(dataVersion.get()), services: await readRepository.listServices(filter) }),
    },
    ...delegateOps((work) => writer.run(() => work(repository)), (work) => work(readRepository)),
    transaction: <T>(work: (tx: StoreOps) => Promise<T>) => writer.run(() => work(repository)),
    migrate: () => applyMigrations("sqlite", (work) => writer.run(() => work(executor))).then(() => undefined),
    ping: () => writer.run(async () => void db.prepare("SELECT 1").get()),
    close: async () => {
      // The last unit's commit comes before the connections close.
      await writer.run(async () => undefined);
      reader.close();
      db.close();
    },
  };
}
