/**
 * Queues notifications in the outbox, in the transaction of the change they tell of (so they are sent if and only
 * if the change commits), one event id shared by all its subscribers (MEC 010-2: "the same value"). Each
 * subscription keeps at most MANO_NOTIFICATION_QUEUE_LIMIT pending notifications: beyond that its oldest are
 * dropped, so a subscriber that stays away costs a bounded amount of storage. The MEP's dispatcher delivers them.
 */
import { randomUUID } from "crypto";
import type { FastifyBaseLogger } from "fastify";
import type { ManoRepository } from "../storage/repository";
import type { ManoApi, SubscriptionRecord } from "../storage/records";

export interface TimeStamp {
  readonly seconds: number;
  readonly nanoSeconds: number;
}

/** What every notification of one event shares. */
export interface EventHeader {
  readonly id: string;
  readonly timeStamp: TimeStamp;
}

export function timeStampOf(ms: number): TimeStamp {
  return { seconds: Math.floor(ms / 1000), nanoSeconds: (ms % 1000) * 1e6 };
}

export class Notifier {
  constructor(
    private readonly queueLimit: number,
    private readonly log: FastifyBaseLogger,
    /** Wakes the dispatcher; call it once the transaction that queued notifications has committed. */
    readonly kick: () => void,
  ) {}

  /** Queues one notification of a new event for each subscription of `api` that `matches`; returns how many. */
  async enqueue(
    tx: ManoRepository,
    api: ManoApi,
    matches: (subscription: SubscriptionRecord) => boolean,
    payload: (subscription: SubscriptionRecord, header: EventHeader) => Record<string, unknown>,
  ): Promise<number> {
    const nowMs = Date.now();
    const header = { id: randomUUID(), timeStamp: timeStampOf(nowMs) };
    const targets = (await tx.listSubscriptions(api)).filter(matches);
    if (!targets.length) return 0;
    await tx.enqueueNotifications(targets.map((s) => ({ subscriptionId: s.id, callbackReference: s.callbackUri, payload: payload(s, header) })), nowMs);
    for (const subscription of targets) {
      const dropped = await tx.trimPendingNotifications(subscription.id, this.queueLimit);
      if (dropped) this.log.warn({ subscriptionId: subscription.id, dropped }, "notification queue full: oldest pending notifications dropped");
    }
    return targets.length;
  }
}
