/** `mano serve`: the Edge MANO, configured by MANO_* variables (README). SIGTERM/SIGINT drain, then exit 0. */
import { ConfigError, loadConfig } from "./config";
import { serveUntilSignalled } from "../../mep/src/serve";
import { buildServer } from "./server";

async function serve() {
  const config = loadConfig();
  await serveUntilSignalled(await buildServer(config), config.listenHost, config.listenPort, "requests, running LCM operations and the notification dispatcher");
}

const [command = "serve"] = process.argv.slice(2);
(command === "serve" ? serve() : Promise.reject(new ConfigError(`unknown command ${command}; usage: mano [serve]`))).catch((err) => {
  console.error(err instanceof ConfigError ? `mano: ${err.message}` : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
