/**
 * Delivers the durable outbox: at least once, in order per subscription, with exponential backoff, and gives up
 * (keeping the entry, counted) after MEP_NOTIFICATION_MAX_ATTEMPTS. Entries are leased, so several replicas
 * sharing a PostgreSQL database never deliver the same entry at the same time.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Metrics } from "../metrics";
import type { OutboxEntry, Store } from "../storage/store";
import type { CallbackPolicy } from "./callback-policy";

export interface DispatcherOptions {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  /** How often to look for due entries when nothing wakes the dispatcher. */
  readonly pollMs: number;
  readonly concurrency: number;
}

const MAX_BACKOFF_MS = 5 * 60 * 1000;

export class Dispatcher {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;

  constructor(
    private readonly store: Store,
    private readonly policy: CallbackPolicy,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger,
    private readonly options: DispatcherOptions,
  ) {}

  start() {
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a transaction that enqueued notifications commits. */
  kick() {
    this.woken = true;
    this.wake?.();
  }

  async stop() {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run() {
    while (this.running) {
      let claimed: OutboxEntry[] = [];
      try {
        this.woken = false;
        claimed = await this.store.claimDueNotifications(Date.now(), this.options.timeoutMs * 2, this.options.concurrency * 4);
        await this.deliverAll(claimed);
      } catch (err) {
        this.log.error({ err }, "notification dispatch round failed");
      }
      if (!claimed.length && !this.woken && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
        this.wake = undefined;
      }
    }
  }

  /** Claimed entries are heads of distinct subscriptions, so delivering them in parallel keeps per-subscription order. */
  private async deliverAll(entries: OutboxEntry[]) {
    let next = 0;
    const worker = async () => {
      while (next < entries.length) await this.deliver(entries[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, entries.length) }, worker));
  }

  private async deliver(entry: OutboxEntry) {
    const attempts = entry.attempts + 1;
    let failure: string | undefined;
    try {
      failure = await this.policy.refusalAfterResolving(entry.callbackReference);
      if (!failure) {
        const response = await fetch(entry.callbackReference, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: entry.payload,
          redirect: "manual",
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status < 200 || response.status > 299) failure = `receiver answered ${response.status}`;
      }
    } catch (err) {
      failure = (err as Error).message;
    }
    if (!failure) {
      await this.store.deleteNotification(entry.id);
      this.metrics.notificationsDelivered.inc();
      return;
    }
    this.metrics.notificationAttemptsFailed.inc();
    if (attempts >= this.options.maxAttempts) {
      await this.store.giveUpNotification(entry.id, attempts);
      this.metrics.notificationsGivenUp.inc();
      this.log.warn({ outboxId: entry.id, subscriptionId: entry.subscriptionId, attempts, failure }, "notification given up");
      return;
    }
    const backoff = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    await this.store.rescheduleNotification(entry.id, attempts, Date.now() + backoff);
    this.log.info({ outboxId: entry.id, subscriptionId: entry.subscriptionId, attempts, failure, retryInMs: backoff }, "notification will be retried");
  }
}
