/** Applies the numbered migrations that a database has not seen yet (the MEP's, or another service's own list). */
import { migrations as platformMigrations } from "./migrations";
import type { SqlExecutor } from "./sql";

/** A numbered migration with its script for each dialect the service supports. */
export interface VersionedMigration<Dialect extends string> {
  readonly version: number;
  readonly description: string;
  readonly sql: Readonly<Record<Dialect, string>>;
}

export async function applyMigrations<Dialect extends "sqlite" | "postgres">(
  dialect: Dialect,
  inTransaction: (work: (sql: SqlExecutor) => Promise<void>) => Promise<void>,
  migrations: readonly VersionedMigration<Dialect>[] = platformMigrations,
): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    await inTransaction(async (sql) => {
      // Replicas may start together: on PostgreSQL one takes the lock, the others then see the migration done.
      if (dialect === "postgres") await sql.all("SELECT pg_advisory_xact_lock(7011011)");
      await sql.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      const done = await sql.all("SELECT version FROM schema_migrations WHERE version = ?", [migration.version]);
      if (done.length) return;
      await sql.exec(migration.sql[dialect]);
      await sql.run("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)", [migration.version, migration.description, Date.now()]);
      applied.push(migration.version);
    });
  }
  return applied;
}
