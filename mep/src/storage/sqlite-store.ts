/**
 * Store on an embedded SQLite file (WAL). Writes and transactions use one connection, serialized through an
 * in-process queue; reads outside transactions use a second, read-only connection, which WAL lets see the last
 * committed state without waiting for a transaction in progress.
 */
import Database from "better-sqlite3";
import { applyMigrations } from "./migrator";
import { SqlRepository } from "./repository";
import type { Row, SqlExecutor } from "./sql";
import { versionReader } from "./version-reader";
import { delegateOps, type Store, type StoreOps } from "./store";

class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private prepare(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async all(sql: string, params: readonly unknown[] = []) {
    return this.prepare(sql).all(...params) as Row[];
  }

  async run(sql: string, params: readonly unknown[] = []) {
    return this.prepare(sql).run(...params).changes;
  }

  async exec(script: string) {
    this.db.exec(script);
  }
}

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
  let queue: Promise<unknown> = Promise.resolve();

  // A transaction spans awaits, so everything else on this one connection must wait for it to finish.
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  }

  async function inTransaction<T>(work: () => Promise<T>): Promise<T> {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = await work();
      db.exec("COMMIT");
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
  }

  return {
    dialect: "sqlite",
    versioned: {
      version: versionReader(() => String(dataVersion.get())),
      // Read before the query: should another process commit in between, the answer is newer than its version,
      // never older, and the next version() already differs.
      listServices: async (filter) => ({ version: String(dataVersion.get()), services: await readRepository.listServices(filter) }),
    },
    ...delegateOps((work) => serialized(() => work(repository)), (work) => work(readRepository)),
    transaction: <T>(work: (tx: StoreOps) => Promise<T>) => serialized(() => inTransaction(() => work(repository))),
    migrate: () => serialized(() => applyMigrations("sqlite", (work) => inTransaction(() => work(executor)))).then(() => undefined),
    ping: () => serialized(async () => void db.prepare("SELECT 1").get()),
    close: () => serialized(async () => {
      reader.close();
      db.close();
    }),
  };
}
