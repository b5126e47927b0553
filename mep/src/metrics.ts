/** Prometheus metrics of one MEP instance (its own registry, so several servers can share a process in tests). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Store } from "./storage/store";

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: "mep_http_request_duration_seconds",
    help: "HTTP request duration by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly notificationsDelivered = new Counter({
    name: "mep_notifications_delivered_total", help: "Notifications acknowledged by their receiver", registers: [this.registry],
  });
  readonly notificationAttemptsFailed = new Counter({
    name: "mep_notification_attempts_failed_total", help: "Notification deliveries that failed and will be retried or given up", registers: [this.registry],
  });
  readonly notificationsGivenUp = new Counter({
    name: "mep_notifications_given_up_total", help: "Notifications abandoned after the maximum number of attempts", registers: [this.registry],
  });

  constructor(store: Store) {
    collectDefaultMetrics({ register: this.registry });
    let versionReadsSeen = 0;
    new Counter({
      name: "mep_database_version_reads_total",
      help: "Reads of the database version that discovery answers are checked against; each serves many requests",
      registers: [this.registry],
      collect() {
        const reads = store.versioned.version.reads;
        this.inc(reads - versionReadsSeen);
        versionReadsSeen = reads;
      },
    });
    new Gauge({
      name: "mep_outbox_notifications",
      help: "Notifications in the durable outbox, by status (pending, given_up)",
      labelNames: ["status"] as const,
      registers: [this.registry],
      async collect() {
        const counts = await store.countNotifications();
        this.set({ status: "pending" }, counts.pending);
        this.set({ status: "given_up" }, counts.givenUp);
      },
    });
  }
}
