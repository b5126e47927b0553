/** JSON Schemas of this platform's own APIs (management, OAuth token); they join the ETSI ones in the OpenAPI document. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const platformSchemas: Record<string, Record<string, unknown>> = {
  AppInstanceInput: {
    type: "object",
    required: ["appName", "clientSecret"],
    properties: {
      appName: { type: "string", minLength: 1 },
      appProvider: { type: "string" },
      appDId: { type: "string" },
      clientSecret: { type: "string", minLength: 16, maxLength: 1024, description: "OAuth2 client secret of the app instance; stored only as a hash" },
      requiredServices: { type: "array", items: { type: "string" }, description: "serNames the app instance requires" },
      producedServices: { type: "array", items: { type: "string" }, description: "serNames the app instance may register; absent or empty: any" },
      appDnsRule: { type: "array", items: ref("DnsRule") },
      appTrafficRule: { type: "array", items: ref("TrafficRuleInputWithId") },
    },
  },
  TrafficRuleInputWithId: { allOf: [ref("TrafficRuleInput"), { type: "object", required: ["trafficRuleId"] }] },
  AppInstance: {
    type: "object",
    required: ["appInstanceId", "appName", "requiredServices", "state", "_links"],
    properties: {
      appInstanceId: { type: "string" },
      appName: { type: "string" },
      appProvider: { type: "string" },
      appDId: { type: "string" },
      requiredServices: { type: "array", items: { type: "string" } },
      producedServices: { type: "array", items: { type: "string" } },
      state: { type: "string", enum: ["INSTANTIATED", "READY", "STOPPING", "TERMINATING", "STOPPED", "TERMINATED"] },
      termination: {
        type: "object",
        required: ["operationAction", "deadline"],
        properties: { operationAction: ref("OperationActionType"), deadline: { type: "string", format: "date-time" } },
      },
      _links: { type: "object", required: ["self"], properties: { self: ref("LinkType") } },
    },
  },
  TerminationRequest: {
    type: "object",
    properties: {
      operationAction: ref("OperationActionType"),
      gracefulTimeoutSeconds: { type: "integer", minimum: 1, maximum: 86400 },
    },
  },
  TokenRequest: {
    type: "object",
    required: ["grant_type"],
    properties: { grant_type: { type: "string" }, client_id: { type: "string" }, client_secret: { type: "string" }, scope: { type: "string" } },
  },
  TokenResponse: {
    type: "object",
    required: ["access_token", "token_type", "expires_in"],
    properties: { access_token: { type: "string" }, token_type: { type: "string", const: "Bearer" }, expires_in: { type: "integer" } },
  },
  OAuthError: {
    type: "object",
    required: ["error"],
    properties: { error: { type: "string" }, error_description: { type: "string" } },
  },
};
