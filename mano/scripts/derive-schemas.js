#!/usr/bin/env node
/**
 * Regenerates src/spec/mec010-schemas.json from ETSI GS MEC 010-2 v3.1.1 (the doc2oas files in ../shared/specs):
 * application package management (Mm1 app_pkgm), application lifecycle management (app_lcm) and granting (Mm3).
 *
 * doc2oas writes placeholder enums (SEE_DESCRIPTION) and wraps bodies as `{"AppPkgInfo": {...}}` (see the specs
 * README): the enums below are those of the normative text (the clause is named), and bodies are the bare types.
 * Helper types local to one file (`_links`, `_links1`, `Subscriptions`) get names of their own.
 *
 * Usage: node scripts/derive-schemas.js [specsDir]   (default: ../../shared/specs relative to the mano package)
 */
"use strict";
const path = require("path");
const { specsDirFrom, reader, normalName, ref, clean, writeSchemas } = require("../../mep/scripts/schema-derivation");
const mec011 = require("../../mep/src/spec/mec011-schemas.json");

const specsDir = specsDirFrom(process.argv, path.join(__dirname, "..", ".."));
const outFile = path.join(__dirname, "..", "src", "spec", "mec010-schemas.json");
const { yaml: readYaml } = reader(specsDir);
const DIR = "mec010-2-v3.1.1-etsi-via-api-evangelist";

/** The file-local helper types, by file, and the names they get. */
const LOCAL_NAMES = {
  "MEC01002_AppPkgMgmt.yaml": {
    _links: "AppPkgInfoLinks", _links1: "AppPkgSubscriptionInfoLinks", _links2: "AppPkgSubscriptionLinkListLinks",
    _links3: "AppPkgNotificationLinks", Subscriptions: "AppPkgSubscriptionLinkListSubscription",
  },
  "MEC01002_AppLcm.yaml": {
    _links: "AppInstanceInfoLinks", _links1: "AppInstanceSubscriptionInfoLinks", _links2: "AppInstNotificationLinks",
    _links3: "AppLcmOpOccLinks", _links4: "AppLcmOpOccNotificationLinks", _links5: "AppInstanceSubscriptionLinkListLinks",
    _links6: "AppInstanceIdentifierCreationNotificationLinks", _links7: "AppInstanceIdentifierDeletionNotificationLinks",
    Subscriptions: "AppInstanceSubscriptionLinkListSubscription",
  },
  "MEC01002_AppGrant.yaml": { _links: "GrantRequestLinks" },
};

const schemas = {};
for (const [file, local] of Object.entries(LOCAL_NAMES)) {
  const rename = (name) => local[name] ?? normalName(name);
  for (const [name, schema] of Object.entries(readYaml(`${DIR}/${file}`).components.schemas)) {
    // Types both files define (descriptors, LinkType, TimeStamp, ...) mean the same: the first file's stays.
    schemas[rename(name)] ??= clean(schema, rename);
  }
}

const uint32 = { type: "integer", minimum: 0, maximum: 4294967295 };
const enumOf = (...values) => ({ type: "string", enum: values });
const constant = (value) => ({ type: "string", const: value });
const set = (name, schema) => (schemas[name] = schema);
const patch = (name, fn) => fn(schemas[name]);

// MEC 009 clause 6.15: ProblemDetails, the same type the MEP sends.
set("ProblemDetails", mec011.schemas.ProblemDetails);
// 6.2.1.4 ServiceDependency: the format of requestedPermissions is left to the data model design stage (doc2oas
// points at a placeholder type); MEC 011 leaves it open the same way.
patch("ServiceDependency", (s) => (s.properties.requestedPermissions = { type: "array" }));
delete schemas.Notspecified;
set("TimeStamp", { type: "object", required: ["seconds", "nanoSeconds"], properties: { seconds: uint32, nanoSeconds: uint32 } });

// 6.2.3.3 AppPkgInfo, 6.2.3.6 AppPkgNotification, 6.2.3.8 AppPkgInfoModifications, 6.2.3.10 AppPkgFilter.
const operationalState = enumOf("ENABLED", "DISABLED");
const usageState = enumOf("IN_USE", "NOT_IN_USE");
patch("AppPkgInfo", (s) => Object.assign(s.properties, {
  onboardingState: enumOf("CREATED", "UPLOADING", "PROCESSING", "ONBOARDED"), operationalState, usageState,
}));
patch("AppPkgNotification", (s) => Object.assign(s.properties, {
  notificationType: enumOf("AppPackageOnBoarded", "AppPackageEnabled", "AppPackageDisabled", "AppPackageDeleted"), operationalState,
}));
patch("AppPkgInfoModifications", (s) => (s.properties.operationalState = operationalState));
patch("AppPkgFilter", (s) => Object.assign(s.properties, { operationalState, usageState }));
// 6.2.3.4: the subscription as created carries its filter too.
patch("AppPkgSubscriptionInfo", (s) => (s.properties.appPkgFilter = schemas.AppPkgSubscription.properties.appPkgFilter));

// 6.2.2.4 AppInstanceInfo and its InstantiatedAppState.
const appInstanceState = enumOf("NOT_INSTANTIATED", "STARTED", "STOPPED");
patch("AppInstanceInfo", (s) => (s.properties.instantiationState = enumOf("NOT_INSTANTIATED", "INSTANTIATED")));
patch("InstantiatedAppState", (s) => (s.properties.operationalState = enumOf("STARTED", "STOPPED")));
// 6.2.2.8 OperateAppRequest, 6.2.2.9 TerminateAppRequest: timeouts in seconds.
patch("OperateAppRequest", (s) => Object.assign(s.properties, {
  changeStateTo: enumOf("STARTED", "STOPPED"), stopType: enumOf("FORCEFUL", "GRACEFUL"), gracefulStopTimeout: uint32,
}));
patch("TerminateAppRequest", (s) => Object.assign(s.properties, { terminationType: enumOf("FORCEFUL", "GRACEFUL"), gracefulTerminationTimeout: uint32 }));
// 6.2.2.17: hostId names the MEC host; a string (a worker pool) or, as doc2oas has it, an object.
patch("MECHostInformation", (s) => (s.properties.hostId = { type: ["string", "object"] }));

// 6.2.2.13 AppLcmOpOcc: operationParams are those of whichever operation it is.
const lcmOperation = enumOf("INSTANTIATE", "OPERATE", "TERMINATE");
const operationState = enumOf("STARTING", "PROCESSING", "COMPLETED", "FAILED", "FAILED_TEMP");
patch("AppLcmOpOcc", (s) => Object.assign(s.properties, {
  operationState, lcmOperation,
  operationParams: { anyOf: [ref("InstantiateAppRequest"), ref("OperateAppRequest"), ref("TerminateAppRequest")] },
}));
patch("AppLcmOpOccNotification", (s) => Object.assign(s.properties, { operationType: lcmOperation, operationState }));
// doc2oas' AppLcmOpOcc links have self and appInstance only; the link to the occurrence's grant is NFV-SOL 003's
// (VnfLcmOpOcc._links.grant, "Link to the grant for this operation, if one exists"), as `error` is.
patch("AppLcmOpOccLinks", (s) => (s.properties.grant = { description: "Link to the grant for this operation, if one exists.", ...ref("LinkType") }));

// 6.2.4 granting: GrantRequest 6.2.4.2, ResourceDefinition 6.2.4.3, Grant 6.2.4.4, CpProtocolData 6.2.4.14,
// IpAddresses (6.2.4.15). doc2oas gives Grant the GrantRequest's links; the Grant's own add `self`.
patch("GrantRequest", (s) => (s.properties.operation = lcmOperation));
patch("ResourceDefinition", (s) => (s.properties.type = enumOf("COMPUTE", "STORAGE", "LINKPORT", "OSCONTAINER")));
patch("CpProtocolData", (s) => (s.properties.layerProtocol = enumOf("IP_OVER_ETHERNET")));
patch("IpAddresses", (s) => (s.properties.type = enumOf("IPV4", "IPV6")));
set("GrantLinks", {
  ...schemas.GrantRequestLinks,
  description: "Links to resources related to this resource.",
  properties: { self: { description: "URI of this resource.", ...ref("LinkType") }, ...schemas.GrantRequestLinks.properties },
  required: ["self", ...schemas.GrantRequestLinks.required],
});
patch("Grant", (s) => (s.properties._links = ref("GrantLinks")));
// 6.2.2.6: operationTypes and operationStates are 0..N (doc2oas: one string); one value alone is accepted too.
const oneOrMany = (item) => ({ anyOf: [item, { type: "array", items: item }] });
patch("AppLcmOpOccSubscriptionFilter", (s) => Object.assign(s.properties, {
  notificationTypes: constant("AppLcmOpOccNotification"), operationTypes: oneOrMany(lcmOperation), operationStates: oneOrMany(operationState),
}));

// 6.2.2.10-6.2.2.30: each subscription and notification type names itself.
for (const [request, info, subscriptionType] of [
  ["AppInstSubscriptionRequest", "AppInstSubscriptionInfo", "AppInstanceStateChangeSubscription"],
  ["AppLcmOpOccSubscriptionRequest", "AppLcmOpOccSubscriptionInfo", "AppLcmOpOccStateChangeSubscription"],
  ["AppInstIdCreationSubscriptionRequest", "AppInstIdCreationSubscriptionInfo", "AppIdentifierCreationSubscription"],
  ["AppInstIdDeletionSubscriptionRequest", "AppInstIdDeletionSubscriptionInfo", "AppIdentifierDeletionSubscription"],
]) {
  for (const name of [request, info]) patch(name, (s) => (s.properties.subscriptionType = constant(subscriptionType)));
}
for (const name of ["AppInstSubscriptionRequest", "AppInstSubscriptionInfo", "AppInstNotification"]) {
  patch(name, (s) => (s.properties.appInstanceState = appInstanceState));
}
for (const name of ["AppInstNotification", "AppLcmOpOccNotification", "AppInstanceIdentifierCreationNotification", "AppInstanceIdentifierDeletionNotification"]) {
  patch(name, (s) => (s.properties.notificationType = constant(name)));
}

writeSchemas(outFile, schemas, "Generated by scripts/derive-schemas.js from ETSI GS MEC 010-2 reference data; do not edit.");
