/** Store on PostgreSQL, for several MEP replicas sharing one database. */
import { Client, Pool, type PoolClient, types } from "pg";
import { applyMigrations } from "./migrator";
import { SqlRepository } from "./repository";
import type { Row, SqlExecutor } from "./sql";
import { delegateOps, type Store, type StoreOps, type VersionedReads } from "./store";
import { versionReader } from "./version-reader";
import { listenForChanges, type ChangeListener } from "./change-listener";

/**
 * Each distinct statement becomes a named prepared statement (parsed and planned once per connection), with `?`
 * placeholders rewritten to `$1, $2, ...` (the repository never puts `?` inside literals).
 */
const prepared = new Map<string, { name: string; text: string }>();
/** Lists of ids in a query make statements vary; past this many, new ones run unnamed (nothing kept per connection). */
const MAX_PREPARED = 500;

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function statement(sql: string, values: readonly unknown[]) {
  let entry = prepared.get(sql);
  if (!entry) {
    if (prepared.size >= MAX_PREPARED) return { text: numbered(sql), values: values as unknown[] };
    prepared.set(sql, (entry = { name: `mep_${prepared.size}`, text: numbered(sql) }));
  }
  return { ...entry, values: values as unknown[] };
}

class PgExecutor implements SqlExecutor {
  constructor(private readonly client: Pool | PoolClient) {}

  async all(sql: string, params: readonly unknown[] = []) {
    return (await this.client.query(statement(sql, params))).rows as Row[];
  }

  async run(sql: string, params: readonly unknown[] = []) {
    return (await this.client.query(statement(sql, params))).rowCount ?? 0;
  }

  async exec(script: string) {
    await this.client.query(script);
  }
}

// Millisecond timestamps and counts are BIGINT; they fit in a JS number.
const bigintAsNumber = (oid: number, format?: "text" | "binary") =>
  oid === types.builtins.INT8 ? (v: string) => Number(v) : types.getTypeParser(oid, format as "text");

/**
 * One connection of its own for the snapshot reads of discovery, the hottest query: it skips the pool's checkout
 * and release on every read. Connected on first use; after an error the next read connects anew.
 */
function dedicatedConnection(connectionString: string): Pick<Client, "query"> & { end(): Promise<void> } {
  let connected: Promise<Client> | undefined;
  const connect = () => {
    if (connected) return connected;
    const client = new Client({ connectionString });
    const attempt = client.connect().then(() => client);
    const forget = () => {
      if (connected === attempt) connected = undefined;
    };
    client.on("error", forget);
    client.on("end", forget);
    attempt.catch(forget);
    return (connected = attempt);
  };
  return {
    query: (async (config: unknown) => (await connect()).query(config as never)) as Pick<Client, "query">["query"],
    end: async () => {
      const client = await connected?.catch(() => undefined);
      connected = undefined;
      await client?.end();
    },
  };
}

/**
 * How discovery answers cached on PostgreSQL are kept fresh:
 * - `notify` (default): a change to services by this process invalidates them at once (before its response);
 *   one by another process (replica, `mep import`) as soon as its notification arrives (LISTEN, usually well
 *   under a millisecond after its commit). While the LISTEN connection is down, `snapshot` applies.
 * - `snapshot`: each answer is checked against the database's MVCC snapshot, read after the request arrived
 *   (one query shared by the requests of a batch): never stale, whoever committed, at a round trip per batch.
 */
export type DiscoveryFreshness = "notify" | "snapshot";

/** Operations that write the services table; after each, the change is recorded before anyone is answered. */
const SERVICE_WRITES = new Set(["putService", "deleteService"]);

export function openPostgresStore(connectionString: string, freshness: DiscoveryFreshness = "notify"): Store {
  const pool = new Pool({ connectionString, max: 10, types: { getTypeParser: bigintAsNumber as typeof types.getTypeParser } });
  // An idle connection that the server closed (restart, failover, pg_terminate_backend) is dropped by the pool,
  // which connects anew at the next checkout; unlistened, that error would end the process.
  pool.on("error", () => undefined);
  const repository = new SqlRepository(new PgExecutor(pool));
  const snapshots = dedicatedConnection(connectionString);

  /** A checked-out connection the server cuts between two queries emits "error"; unlistened, that ends the process. */
  const ignoreCut = () => undefined;

  async function inTransaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // The cut still fails the transaction's next query, which rolls back and throws to the caller as usual.
    client.on("error", ignoreCut);
    try {
      await client.query("BEGIN");
      const result = await work(new PgExecutor(client));
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.off("error", ignoreCut);
      client.release();
    }
  }

  const snapshotVersion = versionReader(async () =>
    String((await snapshots.query({ name: "mep_snapshot", text: "SELECT pg_current_snapshot()::text AS snapshot" })).rows[0].snapshot));
  // Listening starts once migrations have created the trigger that notifies.
  let changes: ChangeListener | undefined;
  const heard = () => (changes?.listening ? changes : undefined);
  const version = Object.defineProperty(
    () => {
      const listener = heard();
      return listener ? Promise.resolve(`changes ${listener.generation}`) : snapshotVersion();
    },
    "reads",
    { get: () => snapshotVersion.reads },
  ) as VersionedReads["version"];
  /** Runs a write, then records it as a change (after the commit, so no read can cache what preceded it as newer). */
  const recorded = <T>(work: () => Promise<T>) => work().finally(() => changes?.bump());

  return {
    dialect: "postgres",
    versioned: {
      version,
      listServices: async (filter) => {
        const listener = heard();
        if (listener) {
          // Taken before the read: a change committed meanwhile makes the answer newer than its version, never older.
          const generation = listener.generation;
          return { version: `changes ${generation}`, services: await repository.listServices(filter) };
        }
        const { snapshot, services } = await repository.listServicesWithSnapshot(filter);
        return { version: snapshot, services };
      },
    },
    ...delegateOps(
      <T>(work: (ops: StoreOps) => Promise<T>) => recorded(() => work(repository)),
      (work) => work(repository),
      SERVICE_WRITES,
    ),
    transaction: <T>(work: (tx: StoreOps) => Promise<T>) => recorded(() => inTransaction((executor) => work(new SqlRepository(executor)))),
    migrate: async () => {
      await applyMigrations("postgres", (work) => inTransaction(work));
      if (freshness === "notify") changes ??= listenForChanges(connectionString);
    },
    ping: async () => void (await pool.query("SELECT 1")),
    close: async () => {
      await changes?.close();
      await snapshots.end();
      await pool.end();
    },
  };
}
