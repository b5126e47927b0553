/**
 * Child process of the benches: the real MEP, configured from the environment like `mep serve`, so the load
 * generator in the parent does not share its event loop. Answers "rss" messages with its resident memory.
 */
import { loadConfig } from "../../mep/src/config";
import { buildServer } from "../../mep/src/server";
import { serveBenchTarget } from "./child-protocol";

serveBenchTarget(async () => {
  const config = loadConfig(process.env);
  const app = await buildServer(config);
  await app.listen({ host: config.listenHost, port: config.listenPort });
  return () => app.close();
});
