#!/usr/bin/env node
/**
 * Regenerates src/spec/mec011-schemas.json from the ETSI reference data in ../shared/specs.
 *
 * Base: ETSI's own MEC 011 v2.1.1 OpenAPI (Forge, OAS 3.1) for the 2.x types, and the v3.1.1 doc2oas files for the
 * 3.x types (AppInfo, service liveness). Each correction below brings a type in line with the normative
 * GS MEC 011 V2.2.1 text (the clause is named), or with the interoperability rules in the specs README.
 *
 * Usage: node scripts/derive-schemas.js [specsDir]   (default: ../../shared/specs relative to the mep package)
 */
"use strict";
const path = require("path");
const { specsDirFrom, reader, normalName, ref, clean, writeSchemas } = require("./schema-derivation");

const specsDir = specsDirFrom(process.argv, path.join(__dirname, "..", ".."));
const outFile = path.join(__dirname, "..", "src", "spec", "mec011-schemas.json");
const { json: readJson, yaml: readYaml } = reader(specsDir);

const schemas = {};
for (const file of ["mec011-v2.1.1-etsi-forge-oas31/MecAppSupportApi.json", "mec011-v2.1.1-etsi-forge-oas31/MecServiceMgmtApi.json"]) {
  for (const [name, schema] of Object.entries(readJson(file).components.schemas)) schemas[normalName(name)] = clean(schema);
}
const v3Support = readYaml("mec011-v3.1.1-etsi-via-api-evangelist/MecAppSupportApi.yaml").components.schemas;
const v3Mgmt = readYaml("mec011-v3.1.1-etsi-via-api-evangelist/MecServiceMgmtApi.yaml").components.schemas;
for (const name of ["AppInfo", "ServiceDependency", "FeatureDependency", "TransportDependency", "TransportDescriptor"]) {
  schemas[name] = clean(v3Support[name]);
}
for (const name of ["ServiceLivenessInfo", "ServiceLivenessUpdate"]) schemas[name] = clean(v3Mgmt[name]);

const uint32 = { type: "integer", minimum: 0, maximum: 4294967295 };
const set = (name, schema) => (schemas[name] = schema);
const patch = (name, fn) => fn(schemas[name]);

// Unused or superseded 2.1.1 helper types.
for (const name of ["LinkTypeConfirmTermination", "MecAppSuptApiSubscriptionLinkList", "MecAppSuptApiSubscriptionLinkListLinks",
  "MecAppSuptApiSubscriptionLinkListSubscription", "MecServiceMgmtApiSubscriptionLinkList", "MecServiceMgmtApiSubscriptionLinkListLinks",
  "MecServiceMgmtApiSubscriptionLinkListSubscription", "EndPointInfoUris", "EndPointInfoAddresses", "EndPointInfoAlternative"]) {
  delete schemas[name];
}

// MEC 009 clause 6.15: ProblemDetails; this platform always sends type, title, status and detail.
set("ProblemDetails", {
  type: "object",
  required: ["status", "detail"],
  properties: {
    type: { type: "string", format: "uri" }, title: { type: "string" }, status: { type: "integer" },
    detail: { type: "string" }, instance: { type: "string" },
  },
});
// 6.3.2: href is mandatory.
set("LinkType", { type: "object", required: ["href"], properties: { href: { type: "string", format: "uri" } } });
// 6.2.2: SubscriptionLinkList entries carry subscriptionType (2.1.1 says "rel").
set("SubscriptionLinkList", {
  type: "object",
  required: ["_links"],
  properties: {
    _links: {
      type: "object",
      required: ["self"],
      properties: {
        self: ref("LinkType"),
        subscriptions: {
          type: "array",
          items: { type: "object", required: ["href", "subscriptionType"], properties: { href: { type: "string", format: "uri" }, subscriptionType: { type: "string" } } },
        },
      },
    },
  },
});
// 7.1.2.2: priority 0..255; dstInterface 0..2 (an array; a single object accepted on input, see TrafficRuleInput).
patch("TrafficRule", (s) => {
  s.properties.priority = { type: "integer", minimum: 0, maximum: 255 };
  s.properties.trafficFilter.minItems = 1;
  s.properties.dstInterface = { type: "array", maxItems: 2, items: ref("DestinationInterface") };
});
set("TrafficRuleInput", {
  ...JSON.parse(JSON.stringify(schemas.TrafficRule)),
  required: ["filterType", "priority", "trafficFilter", "action", "state"],
});
schemas.TrafficRuleInput.properties.dstInterface = { oneOf: [ref("DestinationInterface"), schemas.TrafficRule.properties.dstInterface] };
// 7.1.5.2: "tag" (2.1.1 says "token"; clients sending "token" are accepted and normalized to "tag").
patch("TrafficFilter", (s) => {
  s.properties.tag = s.properties.token;
  s.properties.qCI = { type: "integer" }; s.properties.dSCP = { type: "integer" }; s.properties.tC = { type: "integer" };
});
// 7.1.2.3: ttl is a non-negative integer.
patch("DnsRule", (s) => (s.properties.ttl = { type: "integer", minimum: 0 }));
set("DnsRuleInput", { ...JSON.parse(JSON.stringify(schemas.DnsRule)), required: ["domainName", "ipAddressType", "ipAddress", "state"] });
// 7.1.2.4 / 7.1.2.5: Uint32 fields; polling intervals 3..17.
patch("TimingCapsTimeStamp", (s) => (s.properties = { seconds: uint32, nanoSeconds: uint32 }));
patch("TimingCapsNtpServers", (s) => {
  for (const k of ["localPriority", "authenticationKeyNum"]) s.properties[k] = uint32;
  for (const k of ["minPollingInterval", "maxPollingInterval"]) s.properties[k] = { type: "integer", minimum: 3, maximum: 17 };
});
patch("TimingCapsPtpMasters", (s) => {
  for (const k of ["ptpMasterLocalPriority", "delayReqMaxRate"]) s.properties[k] = uint32;
});
patch("CurrentTime", (s) => Object.assign(s.properties, { seconds: uint32, nanoSeconds: uint32 }));
// 7.1.3.2 / 8.1.3.2: _links only in responses, so not required in the type itself.
for (const name of ["AppTerminationNotificationSubscription", "SerAvailabilityNotificationSubscription"]) {
  patch(name, (s) => {
    s.required = s.required.filter((r) => r !== "_links");
    s.properties.callbackReference = { type: "string", format: "uri" };
  });
}
patch("AppTerminationNotificationSubscription", (s) => (s.properties.subscriptionType = { type: "string", const: "AppTerminationNotificationSubscription" }));
patch("SerAvailabilityNotificationSubscription", (s) => (s.properties.subscriptionType = { type: "string", const: "SerAvailabilityNotificationSubscription" }));
// 8.1.3.2 note: serInstanceIds, serNames and serCategories are mutually exclusive.
patch("SerAvailabilityNotificationSubscriptionFilteringCriteria", (s) => {
  s.not = { anyOf: [{ required: ["serInstanceIds", "serNames"] }, { required: ["serInstanceIds", "serCategories"] }, { required: ["serNames", "serCategories"] }] };
});
// 7.1.4.2: maxGracefulTimeout is a non-zero Uint32; notificationType is fixed.
patch("AppTerminationNotification", (s) => {
  s.properties.maxGracefulTimeout = { ...uint32, minimum: 1 };
  s.properties.notificationType = { type: "string", const: "AppTerminationNotification" };
});
patch("AppTerminationNotificationLinks", (s) => (s.properties.confirmTermination = ref("LinkType")));
patch("ServiceAvailabilityNotification", (s) => {
  s.properties.notificationType = { type: "string", const: "SerAvailabilityNotification" };
  s.properties.serviceReferences.minItems = 1;
});
// 8.1.6.6: SUSPENDED exists since 2.2.1 (liveness).
patch("ServiceState", (s) => (s.enum = ["ACTIVE", "INACTIVE", "SUSPENDED"]));
// 8.1.5.3: exactly one of uris, addresses, alternative (3.x adds fqdn).
set("EndPointInfo", {
  type: "object",
  properties: {
    uris: { type: "array", items: { type: "string" } },
    fqdn: { type: "array", items: { type: "string" } },
    addresses: { type: "array", items: ref("EndPointInfoAddress") },
    alternative: {},
  },
  oneOf: [{ required: ["uris"] }, { required: ["addresses"] }, { required: ["alternative"] }, { required: ["fqdn"] }],
});
patch("TransportInfo", (s) => (s.properties.endpoint = ref("EndPointInfo")));
// 8.1.5.4: tokenEndpoint is 0..1 (absent only for the implicit grant).
patch("SecurityInfoOAuth2Info", (s) => {
  s.required = ["grantTypes"];
  s.properties.tokenEndpoint = { type: "string", format: "uri" };
});
// 8.1.2.2: ServiceInfo as the platform returns it (serInstanceId, transportInfo and _links present) ...
const serviceLinks = { type: "object", required: ["self"], properties: { self: ref("LinkType"), liveness: ref("LinkType") } };
patch("ServiceInfo", (s) => {
  s.required = ["serInstanceId", "serName", "version", "state", "transportInfo", "serializer", "_links"];
  Object.assign(s.properties, { livenessInterval: { type: "integer", minimum: 0 }, _links: serviceLinks });
});
// ... and as an app sends it: either transportId or transportInfo, not both (note 2); serInstanceId and _links ignored.
set("ServiceInfoInput", {
  type: "object",
  required: ["serName", "version", "state", "serializer"],
  properties: { ...schemas.ServiceInfo.properties, transportId: { type: "string" }, state: { type: "string", enum: ["ACTIVE", "INACTIVE"] } },
  oneOf: [{ required: ["transportId"], not: { required: ["transportInfo"] } }, { required: ["transportInfo"], not: { required: ["transportId"] } }],
});
// 8.1.2.4 / 8.1.2.5 (the doc2oas TimeStamp is an array by mistake).
patch("ServiceLivenessInfo", (s) => {
  s.properties.timeStamp = { type: "object", required: ["seconds", "nanoSeconds"], properties: { seconds: uint32, nanoSeconds: uint32 } };
  s.properties.interval = { type: "integer", minimum: 0 };
});
patch("ServiceLivenessUpdate", (s) => (s.properties.state = { type: "string", const: "ACTIVE" }));
// 3.x AppInfo: AppProfile (EAS profile, TS 129 558) is opaque here; bodies are bare (doc2oas wraps them).
patch("AppInfo", (s) => (s.properties.appProfile = { type: "object" }));
patch("ServiceDependency", (s) => (s.properties.requestedPermissions = {}));
patch("TransportDescriptor", (s) => (s.properties.type = ref("TransportType")));

writeSchemas(outFile, schemas, "Generated by scripts/derive-schemas.js from ETSI GS MEC 011 reference data; do not edit.");
