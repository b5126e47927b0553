/** Request bodies shared by the specs. */
export const transportInfo = {
  id: "producer-rest",
  name: "producer REST",
  type: "REST_HTTP",
  protocol: "HTTP",
  version: "2.0",
  endpoint: { uris: ["https://producer.example/api"] },
  security: { oAuth2Info: { grantTypes: ["OAUTH2_CLIENT_CREDENTIALS"], tokenEndpoint: "https://mep.example/oauth/token" } },
};

export const serviceBody = (serName: string, extra: Record<string, unknown> = {}) => ({
  serName,
  version: "1.0.0",
  state: "ACTIVE",
  transportInfo,
  serializer: "JSON",
  ...extra,
});
