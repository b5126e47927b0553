#!/usr/bin/env node
/**
 * Regenerates lib/assets/mec010-2-appd.schema.json, the JSON Schema the constructs check AppDs against, from ETSI
 * GS MEC 010-2 v3.1.1 (the doc2oas AppD of MEC01002_AppPkgMgmt.yaml in ../shared/specs, with the types it uses).
 *
 * doc2oas writes placeholder enums (SEE_DESCRIPTION) and one object where the text has a list (see the specs
 * README): each correction below follows the normative text (the clause is named) or says why mecaas differs.
 * lib/app-descriptor.spec.ts fails when the committed file differs from what this script writes.
 *
 * Usage: node scripts/derive-appd-schema.js [specsDir] [outFile]   (default: ../shared/specs beside the repository)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { specsDirFrom, reader, normalName, clean } = require("../mep/scripts/schema-derivation");

const repoRoot = path.join(__dirname, "..");
const OUT = path.join(repoRoot, "lib", "assets", "mec010-2-appd.schema.json");

/** The schema document, { $comment, $ref, definitions }, derived from the specs in `specsDir`. */
function deriveAppDSchema(specsDir) {
  const source = reader(specsDir).yaml("mec010-2-v3.1.1-etsi-via-api-evangelist/MEC01002_AppPkgMgmt.yaml").components.schemas;
  // The AppD and every type it reaches; descriptions dropped (the clause names are the reference).
  const defs = {};
  const visit = (name) => {
    const key = normalName(name);
    if (defs[key]) return;
    defs[key] = JSON.parse(JSON.stringify(clean(source[name]), (k, v) => (k === "description" && typeof v === "string" ? undefined : v)));
    JSON.stringify(source[name], (k, v) => (k === "$ref" ? (visit(v.split("/").pop()), v) : v));
  };
  visit("AppD");

  const enumOf = (...values) => ({ type: "string", enum: values });
  const patch = (name, fn) => fn(defs[name]);
  const closed = (name) => (defs[name].additionalProperties = false);
  const version = "\\d+(\\.\\d+){0,2}";

  // 6.2.1.2 AppD. mecVersion: a list of versions (cardinality 1..N; mecaas's AppDs and the Edge MANO's
  // OnboardedAppD take it so); doc2oas's comma-separated single string is not taken. swImageDescriptor and
  // appExtCpd are 1..N in the text, but a mecaas app is deployed from its Helm chart (the MCIOP, mciopId), which
  // carries its images and ports: optional here. appDescription is 1 in the text too; mecaas took AppDs without one
  // before it checked them against this schema (its README's example has none), so it stays optional.
  patch("AppD", (s) => {
    s.properties.mecVersion = { type: "array", minItems: 1, items: { type: "string", pattern: `^${version}$` } };
    s.required = s.required.filter((f) => !["swImageDescriptor", "appExtCpd", "appDescription"].includes(f));
    for (const f of ["appDId", "appName", "appProvider", "appSoftVersion", "appDVersion", "appDescription"]) {
      s.properties[f] = { type: "string", pattern: "\\S" };
    }
    s.properties.appDId.pattern = "^\\S+$"; // an identifier (a UUID in practice)
    s.properties.appName.maxLength = 128;
  });
  // 6.2.1.9 TrafficRuleDescriptor: filterType FLOW or PACKET, the six actions, priority 0 (highest) to 255, and
  // dstInterface 0..2 (doc2oas: one object): none for DROP, one to forward or pass through, two to duplicate.
  const action = enumOf("DROP", "FORWARD_DECAPSULATED", "FORWARD_ENCAPSULATED", "PASSTHROUGH", "DUPLICATE_DECAPSULATED", "DUPLICATE_ENCAPSULATED");
  patch("TrafficRuleDescriptor", (s) => {
    Object.assign(s.properties, {
      filterType: enumOf("FLOW", "PACKET"),
      action,
      priority: { type: "integer", minimum: 0, maximum: 255 },
      dstInterface: { type: "array", maxItems: 2, items: { $ref: "#/definitions/InterfaceDescriptor" } },
    });
    const interfaces = (actions, n) => ({
      if: { required: ["action"], properties: { action: { enum: actions } } },
      then: n === 0 ? { not: { required: ["dstInterface"], properties: { dstInterface: { minItems: 1 } } } }
        : { required: ["dstInterface"], properties: { dstInterface: { minItems: n, maxItems: n } } },
    });
    s.allOf = [
      interfaces(["DROP"], 0),
      interfaces(["FORWARD_DECAPSULATED", "FORWARD_ENCAPSULATED", "PASSTHROUGH"], 1),
      interfaces(["DUPLICATE_DECAPSULATED", "DUPLICATE_ENCAPSULATED"], 2),
    ];
  });
  // 6.2.1.10 TrafficFilter: QCI 1-255 (3GPP), DSCP 0-63, IPv6 traffic class 0-255; an empty filter would match
  // every packet, so at least one criterion.
  patch("TrafficFilter", (s) => {
    Object.assign(s.properties, {
      qCI: { type: "integer", minimum: 1, maximum: 255 },
      dSCP: { type: "integer", minimum: 0, maximum: 63 },
      tC: { type: "integer", minimum: 0, maximum: 255 },
    });
    s.minProperties = 1;
  });
  // 6.2.1.11 InterfaceDescriptor, 6.2.1.12 TunnelInfo: the enumerations of the text; tunnelInfo only for TUNNEL.
  patch("InterfaceDescriptor", (s) => {
    s.properties.interfaceType = enumOf("TUNNEL", "MAC", "IP");
    s.if = { required: ["interfaceType"], properties: { interfaceType: { const: "TUNNEL" } } };
    s.then = { required: ["tunnelInfo"] };
    s.else = { not: { required: ["tunnelInfo"] } };
  });
  patch("TunnelInfo", (s) => {
    s.properties.tunnelType = enumOf("GTP-U", "GRE");
    s.properties.tunnelSpecificData = { type: ["string", "object"] };
  });
  // 6.2.1.13 DNSRuleDescriptor: IP_V4 or IP_V6 (doc2oas lists IP_V4 only); ttl in seconds.
  patch("DNSRuleDescriptor", (s) => {
    s.properties.ipAddressType = enumOf("IP_V4", "IP_V6");
    s.properties.ttl = { type: "integer", minimum: 0, maximum: 2147483647 };
  });
  // 6.2.1.14 LatencyDescriptor: nanoseconds, uint32.
  patch("LatencyDescriptor", (s) => (s.properties.maxLatency = { type: "integer", minimum: 1, maximum: 4294967295 }));
  // MEC 011 8.1.5.5 OAuth2Info: the four grant types of the text.
  patch("OAuth2Info", (s) => {
    s.properties.grantTypes.items = enumOf("OAUTH2_AUTHORIZATION_CODE", "OAUTH2_IMPLICIT_GRANT", "OAUTH2_RESOURCE_OWNER", "OAUTH2_CLIENT_CREDENTIALS");
  });
  // 6.2.1.3 SwImageDescriptor (ETSI GS NFV-IFA 011 SwImageDesc): swImage references the image artifact of the
  // package and version is a string (doc2oas: an object with `items`, a version list). 6.2.1.5 AppExternalCpd
  // inherits the VduCpd's attributes (cpdId, layerProtocol, ...): doc2oas makes that a required field
  // "inherited_attributes" no real AppD has.
  patch("SwImageDescriptor", (s) => Object.assign(s.properties, { swImage: { type: ["string", "object"] }, version: { type: "string" } }));
  patch("AppExternalCpd", (s) => {
    delete s.properties.inherited_attributes;
    delete s.required;
  });
  // 6.2.1.17 ServiceDependency: the format of requestedPermissions is left to the data model design stage.
  patch("ServiceDependency", (s) => (s.properties.requestedPermissions = { type: "array" }));
  delete defs.Notspecified;
  // The types mecaas reads take no other fields: a misspelt field would otherwise be ignored without a word.
  for (const name of ["AppD", "ServiceDependency", "ServiceDescriptor", "TransportsSupported", "TransportDescriptor", "FeatureDependency",
    "TrafficRuleDescriptor", "TrafficFilter", "InterfaceDescriptor", "TunnelInfo", "DNSRuleDescriptor", "LatencyDescriptor", "CategoryRef"]) {
    closed(name);
  }

  const text = JSON.stringify(defs).replace(/#\/components\/schemas\//g, "#/definitions/");
  const sorted = JSON.parse(text);
  const definitions = Object.fromEntries(Object.keys(sorted).sort().map((k) => [k, sorted[k]]));
  const unresolved = (text.match(/#\/definitions\/[A-Za-z0-9]+/g) ?? []).map((r) => r.split("/").pop()).filter((n) => !definitions[n]);
  if (unresolved.length) throw new Error(`unresolved references: ${[...new Set(unresolved)].join(", ")}`);
  return {
    $comment: "Generated by scripts/derive-appd-schema.js from ETSI GS MEC 010-2 v3.1.1 reference data; do not edit.",
    $ref: "#/definitions/AppD",
    definitions,
  };
}

module.exports = { deriveAppDSchema, OUT };

if (require.main === module) {
  const specsDir = specsDirFrom(process.argv, repoRoot);
  const out = process.argv[3] ? path.resolve(process.argv[3]) : OUT;
  fs.writeFileSync(out, JSON.stringify(deriveAppDSchema(specsDir), null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
