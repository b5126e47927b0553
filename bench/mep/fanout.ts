/**
 * Notification fan-out: `subscribers` availability subscriptions on one service name, each with its own
 * callback URL on a receiver in this process; then one registration of that name, timed until every
 * subscriber has received its SerAvailabilityNotification.
 */
import { createServer } from "http";
import { AddressInfo } from "net";
import { MepAdmin, postJson, serviceInfo } from "./mp1";

export interface FanoutFigures {
  readonly subscribers: number;
  readonly notified: number;
  /** From sending the registration until the last subscriber was notified. */
  readonly allNotifiedMs: number;
  /** From sending the registration until its 201 (the notifications are queued in the same transaction). */
  readonly registrationMs: number;
}

export async function measureFanout(
  admin: MepAdmin,
  producerToken: string,
  producerId: string,
  options: { subscribers: number; subscriptionsPerApp: number; timeoutMs: number },
): Promise<FanoutFigures> {
  const notifiedSubscribers = new Set<string>();
  let lastAt = 0n;
  let onAll: () => void = () => {};
  const allNotified = new Promise<void>((resolve) => (onAll = resolve));
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(204).end();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (body.notificationType !== "SerAvailabilityNotification") return;
      notifiedSubscribers.add(req.url!);
      lastAt = process.hrtime.bigint();
      if (notifiedSubscribers.size === options.subscribers) onAll();
    });
  });
  receiver.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  try {
    const serName = `fanout-target-${Date.now()}`;
    const apps = Math.ceil(options.subscribers / options.subscriptionsPerApp);
    for (let a = 0; a < apps; a++) {
      const appId = `bench-subscriber-${a}`;
      const token = await admin.createApp(appId);
      const count = Math.min(options.subscriptionsPerApp, options.subscribers - a * options.subscriptionsPerApp);
      for (let i = 0; i < count; i++) {
        const response = await postJson(`${admin.url}/mec_service_mgmt/v1/applications/${appId}/subscriptions`, token, {
          subscriptionType: "SerAvailabilityNotificationSubscription",
          callbackReference: `http://127.0.0.1:${port}/notify/${appId}/${i}`,
          filteringCriteria: { serNames: [serName] },
        });
        if (response.status !== 201) throw new Error(`subscription ${appId}/${i}: ${response.status} ${await response.text()}`);
      }
    }
    const sent = process.hrtime.bigint();
    const registered = await postJson(`${admin.url}/mec_service_mgmt/v1/applications/${producerId}/services`, producerToken, serviceInfo(serName));
    const registrationMs = Number(process.hrtime.bigint() - sent) / 1e6;
    if (registered.status !== 201) throw new Error(`fan-out registration: ${registered.status} ${await registered.text()}`);
    const timedOut = new Promise<void>((resolve) => setTimeout(resolve, options.timeoutMs).unref());
    await Promise.race([allNotified, timedOut]);
    const complete = notifiedSubscribers.size === options.subscribers;
    return {
      subscribers: options.subscribers,
      notified: notifiedSubscribers.size,
      allNotifiedMs: complete ? Number(lastAt - sent) / 1e6 : Number.POSITIVE_INFINITY,
      registrationMs,
    };
  } finally {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}
