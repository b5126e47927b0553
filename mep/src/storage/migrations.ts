/** Numbered schema migrations; each runs once, in order, inside a transaction. Never edit a released one. */
import { outboxTable } from "./outbox-repository";

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: { readonly sqlite: string; readonly postgres: string };
}

const tables = (serial: string) => `
CREATE TABLE app_instances (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  termination_deadline BIGINT,
  doc TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX app_instances_termination ON app_instances (termination_deadline);
CREATE TABLE services (
  id TEXT PRIMARY KEY,
  app_instance_id TEXT NOT NULL,
  ser_name TEXT NOT NULL,
  category_id TEXT,
  liveness_deadline BIGINT,
  doc TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX services_app ON services (app_instance_id);
CREATE INDEX services_name ON services (ser_name);
CREATE INDEX services_category ON services (category_id);
CREATE INDEX services_liveness ON services (liveness_deadline);
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  app_instance_id TEXT NOT NULL,
  subscription_type TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX subscriptions_app ON subscriptions (app_instance_id);
CREATE INDEX subscriptions_type ON subscriptions (subscription_type);
CREATE TABLE rules (
  kind TEXT NOT NULL,
  app_instance_id TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (kind, app_instance_id, id)
);
${outboxTable(serial)}`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "app instances, services, subscriptions, rules, notification outbox",
    sql: { sqlite: tables("INTEGER PRIMARY KEY AUTOINCREMENT"), postgres: tables("BIGSERIAL PRIMARY KEY") },
  },
  {
    version: 2,
    description: "discovery by name returns rows in id order straight from the index",
    sql: {
      sqlite: "CREATE INDEX services_name_id ON services (ser_name, id); DROP INDEX services_name;",
      postgres: "CREATE INDEX services_name_id ON services (ser_name, id); DROP INDEX services_name;",
    },
  },
  {
    version: 3,
    description: "PostgreSQL: every change to services is notified (discovery caches listen instead of asking)",
    sql: {
      sqlite: "SELECT 1;",
      postgres: `
CREATE FUNCTION mep_notify_services_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mep_services_changed', '');
  RETURN NULL;
END $$;
CREATE TRIGGER services_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION mep_notify_services_changed();`,
    },
  },
];
