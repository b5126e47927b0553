/** The databases every behaviour is proven on: a SQLite file, and a fresh database in the PostgreSQL of with-postgres.sh. */
import { join } from "path";
import { randomUUID } from "crypto";
import { Client } from "pg";
import { scratchDir } from "./scratch";

export interface Backend {
  readonly name: "sqlite" | "postgres";
  /** Database settings for a new, empty database. */
  create(): Promise<{ databaseUrl?: string; sqlitePath: string }>;
}

const sqlite: Backend = {
  name: "sqlite",
  async create() {
    return { sqlitePath: join(scratchDir("sqlite"), "mep.db") };
  },
};

const postgres: Backend = {
  name: "postgres",
  async create() {
    const adminUrl = process.env.MEP_TEST_POSTGRES_URL;
    if (!adminUrl) {
      throw new Error("MEP_TEST_POSTGRES_URL is not set: the PostgreSQL half of the suite needs a server; run `scripts/with-postgres.sh npx jest --selectProjects mep`");
    }
    const database = `mep_${randomUUID().replace(/-/g, "")}`;
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return { databaseUrl: url.toString(), sqlitePath: "unused" };
  },
};

export const backends: readonly Backend[] = [sqlite, postgres];
