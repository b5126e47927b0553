/** Entry point of the sample MEC app container: runs until its app instance is terminated, or SIGTERM. */
import { jsonLogger, loadSampleAppConfig } from "./config";
import { SampleApp } from "./sample-app";

async function main() {
  const config = loadSampleAppConfig();
  const log = jsonLogger(config.logLevel);
  const app = new SampleApp(config, log);
  app.on("terminated", () => process.exit(0));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void app.stop().then(() => process.exit(0)));
  }
  try {
    await app.start();
  } catch (err) {
    log("error", "start-up failed", { error: String(err) });
    await app.stop();
    process.exit(1);
  }
}

void main();
