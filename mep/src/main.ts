/**
 * Command line: `serve` (default), `migrate`, `export <file>`, `import <file>`, and backups to an S3-compatible store:
 * `backup`, `backups` (lists them), `restore [name|latest]`. Configuration comes from MEP_* variables.
 */
import { readFileSync, writeFileSync } from "fs";
import { ConfigError, loadConfig } from "./config";
import { serveUntilSignalled } from "./serve";
import { buildServer } from "./server";
import { backup, listBackups, loadBackupConfig, restore } from "./backup/backup";
import { exportSnapshot, importSnapshot } from "./snapshot";
import { openStore } from "./storage/store";

const USAGE = "usage: mep [serve | migrate | export <file> | import <file> | backup | backups | restore [name|latest]]  (configured by MEP_* environment variables, see README)";

async function serve() {
  const config = loadConfig();
  await serveUntilSignalled(await buildServer(config), config.listenHost, config.listenPort, "requests and the notification dispatcher");
}

/** Store commands need only the database settings, not the credentials a server needs. */
function storeConfig() {
  // A one-shot command caches no discovery answer: it needs no LISTEN connection.
  return { databaseUrl: process.env.MEP_DATABASE_URL || undefined, sqlitePath: process.env.MEP_SQLITE_PATH || "./mep.db", discoveryFreshness: "snapshot" as const };
}

async function withStore<T>(work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(storeConfig());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]) {
  const [command = "serve", file] = argv;
  switch (command) {
    case "serve":
      return serve();
    case "migrate":
      return withStore(async () => console.log("database schema is up to date"));
    case "export":
      if (!file) throw new ConfigError(`export needs a file name; ${USAGE}`);
      return withStore(async (store) => {
        const snapshot = await exportSnapshot(store);
        writeFileSync(file, JSON.stringify(snapshot, null, 2) + "\n");
        console.log(`exported ${snapshot.appInstances.length} app instances, ${snapshot.services.length} services, ${snapshot.subscriptions.length} subscriptions, ${snapshot.rules.length} rules to ${file}`);
      });
    case "import":
      if (!file) throw new ConfigError(`import needs a file name; ${USAGE}`);
      return withStore(async (store) => {
        const counts = await importSnapshot(store, JSON.parse(readFileSync(file, "utf8")));
        console.log(`imported ${JSON.stringify(counts)} from ${file}`);
      });
    case "backup": {
      const config = loadBackupConfig();
      return withStore(async (store) => {
        const { key, bytes, deleted, snapshot } = await backup(store, config);
        console.log(`backed up ${snapshot.appInstances.length} app instances, ${snapshot.services.length} services, ${snapshot.subscriptions.length} subscriptions, ${snapshot.rules.length} rules to s3://${config.bucket}/${key} (${bytes} bytes); ${deleted.length} older beyond the retention of ${config.retention} deleted${deleted.length ? `: ${deleted.join(", ")}` : ""}`);
      });
    }
    case "backups":
      for (const key of await listBackups(loadBackupConfig())) console.log(key);
      return;
    case "restore": {
      const config = loadBackupConfig();
      return withStore(async (store) => {
        // The chart's restore Job names its backup in MEP_RESTORE_BACKUP.
        const { key, counts } = await restore(store, config, file || process.env.MEP_RESTORE_BACKUP || "latest");
        console.log(`restored ${JSON.stringify(counts)} from s3://${config.bucket}/${key}`);
      });
    }
    default:
      throw new ConfigError(`unknown command ${command}; ${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof ConfigError ? `mep: ${err.message}` : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
