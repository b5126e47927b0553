/**
 * The Mp1 calls a MEC app makes (ETSI GS MEC 011 V2.2.1), over Node's fetch, with an OAuth2 client-credentials
 * token (MEC 009) fetched on first use and again when it expires or the MEP answers 401.
 */
import type { ServiceInfo } from "./mp1-types";

const SERVICE_MGMT = "/mec_service_mgmt/v1";
const APP_SUPPORT = "/mec_app_support/v1";

export class Mp1Error extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`${method} ${url} answered ${status}: ${typeof problem === "object" ? JSON.stringify(problem) : problem}`);
  }
}

export interface Created<T> {
  readonly location: string;
  readonly body: T;
}

export class Mp1Client {
  private token?: { readonly value: string; readonly expiresAtMs: number };
  private readonly app: string;

  constructor(
    private readonly mepUrl: string,
    private readonly appInstanceId: string,
    private readonly clientSecret: string,
  ) {
    this.app = encodeURIComponent(appInstanceId);
  }

  get tokenEndpoint(): string {
    return `${this.mepUrl}/oauth/token`;
  }

  /** POST /oauth/token with the client credentials in HTTP Basic (RFC 6749 §2.3.1, §4.4). */
  async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(this.appInstanceId)}:${encodeURIComponent(this.clientSecret)}`).toString("base64");
    const response = await fetch(this.tokenEndpoint, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: "grant_type=client_credentials",
    });
    const body = await readBody(response);
    if (!response.ok) throw new Mp1Error("POST", this.tokenEndpoint, response.status, body);
    const { access_token: value, expires_in: expiresIn } = body as { access_token: string; expires_in?: number };
    // Renew a little before expiry, so a request never leaves with a token that dies on the way.
    this.token = { value, expiresAtMs: Date.now() + Math.max(0, (expiresIn ?? 300) - 30) * 1000 };
    return value;
  }

  private async bearer(): Promise<string> {
    if (this.token && this.token.expiresAtMs > Date.now()) return this.token.value;
    return this.fetchToken();
  }

  private async call(
    method: string, url: string, body?: unknown, expected: number[] = [200], contentType = "application/json",
  ): Promise<{ response: Response; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${await this.bearer()}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": contentType }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = await readBody(response);
      if (response.status === 401 && attempt === 0) {
        this.token = undefined;
        continue;
      }
      if (!expected.includes(response.status)) throw new Mp1Error(method, url, response.status, parsed);
      return { response, body: parsed };
    }
  }

  private async create<T>(url: string, body: unknown): Promise<Created<T>> {
    const { response, body: created } = await this.call("POST", url, body, [201]);
    return { location: response.headers.get("location") ?? "", body: created as T };
  }

  /** confirm_ready (clause 7.2.10): the app is up. */
  async confirmReady(): Promise<void> {
    await this.call("POST", `${this.mepUrl}${APP_SUPPORT}/applications/${this.app}/confirm_ready`, { indication: "READY" }, [204]);
  }

  /** Registers a service this app produces (clause 8.2.6.3.4). */
  registerService(service: ServiceInfo): Promise<Created<ServiceInfo>> {
    return this.create(`${this.mepUrl}${SERVICE_MGMT}/applications/${this.app}/services`, service);
  }

  /** Service discovery by name (clause 8.2.3.3.1, query parameter ser_name). */
  async discoverServices(serNames: readonly string[]): Promise<ServiceInfo[]> {
    const query = new URLSearchParams({ ser_name: serNames.join(",") });
    const { body } = await this.call("GET", `${this.mepUrl}${SERVICE_MGMT}/services?${query}`);
    return body as ServiceInfo[];
  }

  /** Heartbeat of a service whose registration asked for liveness (clause 8.2.10.3.3), a JSON Merge Patch. */
  async sendHeartbeat(livenessUrl: string): Promise<void> {
    await this.call("PATCH", livenessUrl, { state: "ACTIVE" }, [200, 204], "application/merge-patch+json");
  }

  /** Subscribes to availability changes of the named services (clause 8.2.8.3.4). */
  subscribeServiceAvailability(callbackReference: string, serNames: readonly string[]): Promise<Created<unknown>> {
    return this.create(`${this.mepUrl}${SERVICE_MGMT}/applications/${this.app}/subscriptions`, {
      subscriptionType: "SerAvailabilityNotificationSubscription",
      callbackReference,
      filteringCriteria: { serNames },
    });
  }

  /** Subscribes to this app's own termination (clause 7.2.8.3.4). */
  subscribeAppTermination(callbackReference: string): Promise<Created<unknown>> {
    return this.create(`${this.mepUrl}${APP_SUPPORT}/applications/${this.app}/subscriptions`, {
      subscriptionType: "AppTerminationNotificationSubscription",
      callbackReference,
      appInstanceId: this.appInstanceId,
    });
  }

  /** confirm_termination (clause 7.2.11): the app has done its housekeeping and may be terminated. */
  async confirmTermination(operationAction: "STOPPING" | "TERMINATING", url?: string): Promise<void> {
    const target = url ?? `${this.mepUrl}${APP_SUPPORT}/applications/${this.app}/confirm_termination`;
    await this.call("POST", target, { operationAction }, [204]);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
