/** Serving until told to stop: SIGTERM or SIGINT closes the app (it drains what it does), then the process exits. */
import type { FastifyInstance } from "fastify";

/** Listens on host:port; on the first SIGTERM/SIGINT closes `app` and exits 0, or 1 when closing fails. */
export async function serveUntilSignalled(app: FastifyInstance, host: string, port: number, draining: string): Promise<void> {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, `shutting down: draining ${draining}`);
    app.close().then(() => process.exit(0), (err) => {
      app.log.error({ err }, "shutdown failed");
      process.exit(1);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  await app.listen({ host, port });
}
