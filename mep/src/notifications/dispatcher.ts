/**
 * Delivers the durable outbox: at least once, in order per subscription, with exponential backoff, and gives up
 * (keeping the entry, counted) after MEP_NOTIFICATION_MAX_ATTEMPTS. Entries are leased, so several replicas
 * sharing a PostgreSQL database never deliver the same entry at the same time. The Edge MANO (mano/) delivers its
 * notifications with it too, from an outbox of its own.
 */
import type { FastifyBaseLogger } from "fastify";
import type { OutboxEntry, StoreOps } from "../storage/store";
import type { CallbackPolicy } from "./callback-policy";
import { postJson } from "./http-post";

export interface DispatcherOptions {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  /** How often to look for due entries when nothing wakes the dispatcher. */
  readonly pollMs: number;
  readonly concurrency: number;
}

/** What the dispatcher needs of a store: the outbox. */
export type OutboxStore = Pick<StoreOps, "claimDueNotifications" | "deleteNotifications" | "rescheduleNotification" | "giveUpNotification">;

interface Count {
  inc(by?: number): void;
}

/** Counters of delivery outcomes (the MEP's Prometheus metrics). */
export interface DeliveryCounters {
  readonly notificationsDelivered: Count;
  readonly notificationAttemptsFailed: Count;
  readonly notificationsGivenUp: Count;
}

const MAX_BACKOFF_MS = 5 * 60 * 1000;

export class Dispatcher {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;

  private readonly claimLimit: number;
  /** Long enough for a whole claimed batch to time out, so no other replica takes an entry still in flight. */
  private readonly leaseMs: number;

  constructor(
    private readonly store: OutboxStore,
    private readonly policy: CallbackPolicy,
    private readonly log: FastifyBaseLogger,
    private readonly options: DispatcherOptions,
    private readonly metrics?: DeliveryCounters,
  ) {
    this.claimLimit = options.concurrency * 8;
    this.leaseMs = options.timeoutMs * (8 + 1);
  }

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
        claimed = await this.store.claimDueNotifications(Date.now(), this.leaseMs, this.claimLimit);
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
    const delivered: number[] = [];
    const worker = async () => {
      while (next < entries.length) {
        const entry = entries[next++];
        if (await this.deliver(entry)) delivered.push(entry.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, entries.length) }, worker));
    // A delivered entry stays leased until this delete, so it is not sent twice; a crash before it re-sends (at least once).
    if (!delivered.length) return;
    await this.store.deleteNotifications(delivered);
    this.metrics?.notificationsDelivered.inc(delivered.length);
  }

  /** Tries one delivery; true when the receiver acknowledged it, otherwise it is rescheduled or given up. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const attempts = entry.attempts + 1;
    let failure: string | undefined;
    try {
      const target = await this.policy.deliveryTarget(entry.callbackReference);
      failure = target.refusal;
      if (target.refusal === undefined) {
        const status = await postJson(entry.callbackReference, entry.payload, this.options.timeoutMs, target.connectTo);
        if (status < 200 || status > 299) failure = `receiver answered ${status}`;
      }
    } catch (err) {
      failure = (err as Error).message;
    }
    if (!failure) return true;
    this.metrics?.notificationAttemptsFailed.inc();
    if (attempts >= this.options.maxAttempts) {
      await this.store.giveUpNotification(entry.id, attempts);
      this.metrics?.notificationsGivenUp.inc();
      this.log.warn({ outboxId: entry.id, subscriptionId: entry.subscriptionId, attempts, failure }, "notification given up");
      return false;
    }
    const backoff = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    await this.store.rescheduleNotification(entry.id, attempts, Date.now() + backoff);
    this.log.info({ outboxId: entry.id, subscriptionId: entry.subscriptionId, attempts, failure, retryInMs: backoff }, "notification will be retried");
    return false;
  }
}
