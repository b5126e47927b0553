/**
 * The sample MEC app's life cycle on Mp1 (GS MEC 011 clause 5.2): start-up (token, confirm_ready, subscriptions,
 * discovery, registration), service availability notifications received on its own HTTP endpoint, heartbeats
 * when the platform asks for them, and graceful termination (confirm_termination, then stop).
 */
import { EventEmitter } from "events";
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";
import type { Logger, SampleAppConfig } from "./config";
import { Mp1Client, Mp1Error } from "./mp1-client";
import type { AppTerminationNotification, ServiceAvailabilityNotification, ServiceInfo, ServiceState } from "./mp1-types";

export const AVAILABILITY_PATH = "/notifications/service-availability";
export const TERMINATION_PATH = "/notifications/app-termination";
const MAX_NOTIFICATION_BYTES = 1024 * 1024;

export interface KnownService {
  readonly serName: string;
  readonly state: ServiceState;
}

export interface SampleAppEvents {
  started: [];
  availability: [ServiceAvailabilityNotification];
  terminated: [AppTerminationNotification["operationAction"]];
}

export class SampleApp extends EventEmitter<SampleAppEvents> {
  /** Consumed services currently available, by serInstanceId: from discovery, then kept up by notifications. */
  readonly knownServices = new Map<string, KnownService>();
  /** The service this app registered, once registered. */
  producedService?: ServiceInfo;
  private readonly client: Mp1Client;
  private readonly server: Server;
  private callbackBase = "";
  private availabilitySubscription?: string;
  private terminationSubscription?: string;
  private heartbeat?: NodeJS.Timeout;
  private started = false;
  private terminating = false;

  constructor(
    private readonly config: SampleAppConfig,
    private readonly log: Logger,
  ) {
    super();
    this.client = new Mp1Client(config.mepUrl, config.appInstanceId, config.clientSecret);
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** The URL the MEP posts notifications to (known once listening). */
  get callbackBaseUrl(): string {
    return this.callbackBase;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.config.listenPort, this.config.listenHost, resolve);
    });
    const { port } = this.server.address() as AddressInfo;
    this.callbackBase = this.config.callbackBaseUrl ?? `http://${this.config.listenHost}:${port}`;

    await this.client.fetchToken();
    await this.client.confirmReady();
    this.terminationSubscription = (await this.client.subscribeAppTermination(`${this.callbackBase}${TERMINATION_PATH}`)).location;
    if (this.config.consumedServices.length > 0) {
      // Subscribe before discovering, so no change falls between the two.
      const subscription = await this.client.subscribeServiceAvailability(`${this.callbackBase}${AVAILABILITY_PATH}`, this.config.consumedServices);
      this.availabilitySubscription = subscription.location;
      for (const service of await this.client.discoverServices(this.config.consumedServices)) {
        if (service.serInstanceId) this.knownServices.set(service.serInstanceId, { serName: service.serName, state: service.state });
      }
    }
    this.producedService = (await this.client.registerService(this.serviceToProduce())).body;
    this.startHeartbeat(this.producedService);
    this.started = true;
    this.log("info", "started", {
      appInstanceId: this.config.appInstanceId,
      serInstanceId: this.producedService.serInstanceId,
      knownServices: [...this.knownServices.values()].map((s) => s.serName),
    });
    this.emit("started");
  }

  /** Stops serving without telling the MEP (SIGTERM, or after termination). */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  private serviceToProduce(): ServiceInfo {
    const endpoint = this.config.serviceEndpoint ?? this.callbackBase;
    return {
      serName: this.config.serviceName,
      version: this.config.serviceVersion,
      state: "ACTIVE",
      serializer: "JSON",
      transportInfo: {
        id: `${this.config.serviceName}-http`,
        name: "REST over HTTP",
        type: "REST_HTTP",
        protocol: "HTTP",
        version: "1.1",
        endpoint: { uris: [endpoint] },
        security: { oAuth2Info: { grantTypes: ["OAUTH2_CLIENT_CREDENTIALS"], tokenEndpoint: this.client.tokenEndpoint } },
      },
      // Zero: this app can send heartbeats at whatever interval the platform chooses (clause 8.1.2.2).
      livenessInterval: 0,
    };
  }

  private startHeartbeat(service: ServiceInfo) {
    const liveness = service._links?.liveness?.href;
    const interval = service.livenessInterval ?? 0;
    if (!liveness || interval <= 0) return;
    // Twice per interval, so one late heartbeat does not suspend the service.
    this.heartbeat = setInterval(() => {
      this.client.sendHeartbeat(liveness).catch((err) => this.log("warn", "heartbeat failed", { error: String(err) }));
    }, (interval * 1000) / 2);
    this.heartbeat.unref();
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(this.started ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: this.started ? "ok" : "starting" }));
      return;
    }
    if (req.method !== "POST" || (path !== AVAILABILITY_PATH && path !== TERMINATION_PATH)) {
      res.writeHead(404).end();
      return;
    }
    readJson(req).then(
      (body) => {
        const accepted = path === AVAILABILITY_PATH ? this.onAvailability(body) : this.onTermination(body);
        // A notification receiver answers 204 (clause 8.2.x callbacks); a malformed or foreign one gets 400.
        res.writeHead(accepted ? 204 : 400).end();
      },
      () => res.writeHead(400).end(),
    );
  }

  private onAvailability(body: any): boolean {
    if (body?.notificationType !== "SerAvailabilityNotification" || !Array.isArray(body.serviceReferences)) return false;
    if (body._links?.subscription?.href !== this.availabilitySubscription) return false;
    const notification = body as ServiceAvailabilityNotification;
    for (const ref of notification.serviceReferences) {
      if (ref.changeType === "REMOVED") this.knownServices.delete(ref.serInstanceId);
      else this.knownServices.set(ref.serInstanceId, { serName: ref.serName, state: ref.state });
    }
    this.log("info", "service availability changed", {
      changes: notification.serviceReferences.map((r) => `${r.changeType} ${r.serName} ${r.serInstanceId}`),
    });
    this.emit("availability", notification);
    return true;
  }

  private onTermination(body: any): boolean {
    if (body?.notificationType !== "AppTerminationNotification") return false;
    if (body._links?.subscription?.href !== this.terminationSubscription) return false;
    if (body.operationAction !== "TERMINATING" && body.operationAction !== "STOPPING") return false;
    void this.terminate(body as AppTerminationNotification);
    return true;
  }

  private async terminate(notification: AppTerminationNotification) {
    if (this.terminating) return;
    this.terminating = true;
    this.log("info", "termination requested", { operationAction: notification.operationAction, maxGracefulTimeout: notification.maxGracefulTimeout });
    clearInterval(this.heartbeat);
    // Send the token only to the MEP: a confirmTermination link elsewhere is ignored.
    const link = notification._links.confirmTermination?.href;
    const confirmUrl = link?.startsWith(`${this.config.mepUrl}/`) ? link : undefined;
    try {
      await this.client.confirmTermination(notification.operationAction, confirmUrl);
    } catch (err) {
      // 409: no termination is ongoing on the MEP, so this notification was not real; keep running.
      this.terminating = false;
      this.log("error", "confirm_termination refused; still running", { error: err instanceof Mp1Error ? err.message : String(err) });
      return;
    }
    this.log("info", "termination confirmed");
    await this.stop();
    this.emit("terminated", notification.operationAction);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_NOTIFICATION_BYTES) {
        reject(new Error("notification too large"));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (err) {
        reject(err);
      }
    });
    req.on("error", reject);
  });
}
