/** The Edge MANO's numbered schema migrations (SQLite); each runs once, in order. Never edit a released one. */
import type { VersionedMigration } from "../../../mep/src/storage/migrator";
import { outboxTable } from "../../../mep/src/storage/outbox-repository";

export const migrations: readonly VersionedMigration<"sqlite">[] = [
  {
    version: 1,
    description: "packages, app instances, LCM operation occurrences, subscriptions, notification outbox",
    sql: {
      sqlite: `
CREATE TABLE packages (
  id TEXT PRIMARY KEY,
  app_d_id TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL
);
CREATE TABLE app_instances (
  id TEXT PRIMARY KEY,
  app_pkg_id TEXT NOT NULL REFERENCES packages (id),
  doc TEXT NOT NULL
);
CREATE INDEX app_instances_package ON app_instances (app_pkg_id);
CREATE TABLE op_occs (
  id TEXT PRIMARY KEY,
  app_instance_id TEXT NOT NULL,
  operation_state TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX op_occs_instance ON op_occs (app_instance_id, operation_state);
CREATE INDEX op_occs_state ON op_occs (operation_state);
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  api TEXT NOT NULL,
  subscription_type TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX subscriptions_api ON subscriptions (api, subscription_type);
${outboxTable("INTEGER PRIMARY KEY AUTOINCREMENT")}`,
    },
  },
  {
    version: 2,
    description: "grants of LCM operation occurrences",
    sql: {
      sqlite: `
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);`,
    },
  },
];
