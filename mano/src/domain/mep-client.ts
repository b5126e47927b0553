/**
 * Mm5 as the Edge MANO speaks it to a mecaas MEP: the MEP's management API (`/mecaas_mgmt/v1`, mep/src/routes/
 * management.ts) with the MEP's admin client credentials. Every call is safe to repeat: PUT creates or replaces,
 * DELETE of a missing instance is no error, a termination already under way is waited for, not started again.
 */
import type { AppInstanceRules } from "../../../lib/app-descriptor";

/** How the Edge MANO reaches the MEP (configured by MANO_MEP_*). */
export interface MepConfig {
  /** The MEP's API root as the Edge MANO reaches it. No trailing slash. */
  readonly url: string;
  /** The MEP's API root handed to the apps (their Mp1 root), e.g. its in-cluster Service URL. */
  readonly appUrl: string;
  readonly adminClientId: string;
  readonly adminClientSecret: string;
  /** How long an app may take from its release being ready to its confirm_ready. */
  readonly readyTimeoutSeconds: number;
  /** The graceful termination's timeout when the request names none. */
  readonly gracefulTimeoutSeconds: number;
  /** How often the app instance's state is read while waiting. */
  readonly pollMs: number;
  /** The chart value that names the identity Secret (charts/mec-app-sample: identity.existingSecret). */
  readonly identitySecretValue: string;
}

/** The app instance's state on the MEP (mep/src/storage/store.ts AppState). */
export type MepAppState = "INSTANTIATED" | "READY" | "STOPPING" | "TERMINATING" | "STOPPED" | "TERMINATED";
export type TerminationAction = "STOPPING" | "TERMINATING";

/** The management API's body of an app instance: the AppD's rules, its produced services, its client secret. */
export interface MepAppInstance extends AppInstanceRules {
  readonly clientSecret: string;
  readonly producedServices: string[];
}

const MANAGEMENT = "/mecaas_mgmt/v1/app_instances";
const REQUEST_TIMEOUT_MS = 30000;

export class MepClient {
  private token?: { value: string; expiresAtMs: number };

  constructor(private readonly config: MepConfig) {}

  /** Creates or replaces the app instance, its credential and its rules (201 or 200). */
  async putAppInstance(appInstanceId: string, body: MepAppInstance): Promise<void> {
    await this.call("PUT", appInstanceId, body, [200, 201]);
  }

  /** The app instance's state; undefined when the MEP does not know it. */
  async state(appInstanceId: string): Promise<MepAppState | undefined> {
    const { status, body } = await this.call("GET", appInstanceId, undefined, [200, 404]);
    return status === 404 ? undefined : (body as { state: MepAppState }).state;
  }

  /**
   * Starts the MEP's graceful termination (AppTerminationNotification to the app; it ends on confirm_termination
   * or at the timeout). False when the MEP does not know the instance.
   */
  async startTermination(appInstanceId: string, operationAction: TerminationAction, gracefulTimeoutSeconds: number): Promise<boolean> {
    const { status } = await this.call("POST", `${appInstanceId}/terminate`, { operationAction, gracefulTimeoutSeconds }, [202, 404, 409]);
    // 409: a termination is under way or done already (a resumed operation); the caller waits for its end.
    return status !== 404;
  }

  /** Removes the app instance with its services, subscriptions and rules; a missing one is no error. */
  async deleteAppInstance(appInstanceId: string): Promise<void> {
    await this.call("DELETE", appInstanceId, undefined, [204, 404]);
  }

  /** Polls the app instance until its state is one of `states`; rejects at the deadline, naming the last state. */
  async waitFor(appInstanceId: string, states: readonly (MepAppState | undefined)[], timeoutMs: number, what: string): Promise<MepAppState | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.state(appInstanceId);
      if (states.includes(state)) return state;
      if (state === "TERMINATED" || state === "STOPPED" || state === undefined) {
        if (!states.some((s) => s === "TERMINATED" || s === "STOPPED" || s === undefined)) {
          throw new Error(`app instance ${appInstanceId} is ${state ?? "gone"} on the MEP while waiting for ${what}`);
        }
      }
      if (Date.now() >= deadline) {
        throw new Error(`app instance ${appInstanceId} did not reach ${what} on the MEP within ${Math.round(timeoutMs / 1000)} s (its state: ${state ?? "gone"})`);
      }
      await new Promise((r) => setTimeout(r, this.config.pollMs));
    }
  }

  private async call(method: string, path: string, body: unknown, accepted: number[]): Promise<{ status: number; body: unknown }> {
    const url = `${this.config.url}${MANAGEMENT}/${path}`;
    let response = await this.send(method, url, body, await this.accessToken());
    if (response.status === 401) {
      // The MEP restarted with another signing key, or the token expired early: one fresh token, one retry.
      this.token = undefined;
      response = await this.send(method, url, body, await this.accessToken());
    }
    const text = await response.text();
    if (!accepted.includes(response.status)) {
      throw new Error(`the MEP answered ${method} ${url} with ${response.status}: ${text.slice(0, 500)}`);
    }
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  private async send(method: string, url: string, body: unknown, token: string) {
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new Error(`the MEP at ${this.config.url} could not be reached (${method} ${url}): ${(err as Error).message}`);
    }
  }

  /** The admin's access token (client credentials, HTTP Basic), renewed a minute before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAtMs) return this.token.value;
    const basic = Buffer.from(`${encodeURIComponent(this.config.adminClientId)}:${encodeURIComponent(this.config.adminClientSecret)}`).toString("base64");
    let response: Response;
    try {
      response = await fetch(`${this.config.url}/oauth/token`, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new Error(`the MEP at ${this.config.url} could not be reached for a token: ${(err as Error).message}`);
    }
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the MEP refused the Edge MANO's admin credential (${response.status}): ${text.slice(0, 300)}`);
    const { access_token: value, expires_in: expiresIn } = JSON.parse(text) as { access_token: string; expires_in: number };
    this.token = { value, expiresAtMs: Date.now() + Math.max(0, expiresIn - 60) * 1000 };
    return value;
  }
}
