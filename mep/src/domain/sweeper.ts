/** Periodic platform duties: suspend services with missed heartbeats, end terminations whose graceful timeout expired. */
import type { FastifyBaseLogger } from "fastify";
import type { Links } from "../links";
import type { Store } from "../storage/store";
import { suspendOverdueServices } from "./liveness";
import { finishTermination } from "./termination";

export class Sweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly links: Links,
    private readonly log: FastifyBaseLogger,
    private readonly afterChanges: () => void,
    private readonly intervalMs: number,
  ) {}

  start() {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop() {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(nowMs = Date.now()): Promise<void> {
    try {
      const suspended = await this.store.transaction((tx) => suspendOverdueServices(tx, this.links, nowMs));
      let ended = 0;
      for (const app of await this.store.listAppsTerminationDue(nowMs)) {
        if (await this.store.transaction((tx) => finishTermination(tx, this.links, app, nowMs))) ended++;
      }
      if (suspended || ended) {
        this.log.info({ suspended, terminationsTimedOut: ended }, "sweep changed platform state");
        this.afterChanges();
      }
    } catch (err) {
      this.log.error({ err }, "sweep failed; retrying on the next tick");
    }
  }
}
