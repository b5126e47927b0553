/** The few MEP calls the benches make outside the measured load. */
import { randomBytes } from "crypto";

export class MepAdmin {
  constructor(
    readonly url: string,
    private readonly adminToken: string,
  ) {}

  static async connect(url: string, clientId: string, clientSecret: string): Promise<MepAdmin> {
    return new MepAdmin(url, await token(url, clientId, clientSecret));
  }

  /** Creates an app instance with the management API and returns a token of that app. */
  async createApp(appInstanceId: string): Promise<string> {
    const secret = randomBytes(16).toString("hex");
    const response = await fetch(`${this.url}/mecaas_mgmt/v1/app_instances/${appInstanceId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${this.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ appName: appInstanceId, clientSecret: secret }),
    });
    if (response.status !== 201) throw new Error(`creating app ${appInstanceId}: ${response.status} ${await response.text()}`);
    return token(this.url, appInstanceId, secret);
  }
}

async function token(url: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString(),
  });
  if (response.status !== 200) throw new Error(`token for ${clientId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function postJson(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** A minimal ServiceInfo for registration (application-provided transport). */
export function serviceInfo(serName: string) {
  return {
    serName,
    version: "1.0.0",
    state: "ACTIVE",
    serializer: "JSON",
    transportInfo: {
      id: `${serName}-http`,
      name: "REST",
      type: "REST_HTTP",
      protocol: "HTTP",
      version: "1.1",
      endpoint: { uris: [`http://${serName}.bench.invalid/`] },
      security: {},
    },
  };
}
