import { isIP } from "net";
import { readFileSync } from "fs";
import { parse } from "yaml";

/*
 * A typed subset of the ETSI GS MEC 010-2 application descriptor (AppD, clause 6.2.1.2): the identity of a MEC
 * app and what it asks of the MEC platform (services, features, traffic and DNS rules). The virtual compute and
 * software image parts of the AppD are left out: in mecaas the app's Helm chart carries them.
 * Field names and enumerations follow MEC 010-2 (`appDNSRule`, `InterfaceDescriptor.dstIPAddress`, tunnel type
 * `GTP-U`); `toAppInstanceRules` converts the rules to the MEC 011 types the MEP's API takes.
 */

export type SerializerType = "JSON" | "XML" | "PROTOBUF3";
export type TransportType = "REST_HTTP" | "MB_TOPIC_BASED" | "MB_ROUTING" | "MB_PUBSUB" | "RPC" | "RPC_STREAMING" | "WEBSOCKET";

/** MEC 010-2 CategoryRef. */
export interface CategoryRef {
  readonly href: string;
  readonly id: string;
  readonly name: string;
  readonly version: string;
}

/** MEC 010-2 ServiceDependency: a service the app requires (or may use). */
export interface ServiceDependency {
  /** e.g. "RNIS", "LocationService". */
  readonly serName: string;
  readonly version: string;
  readonly serCategory?: CategoryRef;
  readonly requestedPermissions?: string[];
}

/** MEC 010-2 TransportDescriptor (security details left out of this subset). */
export interface TransportDescriptor {
  readonly name: string;
  readonly type: TransportType;
  /** "HTTP" for a REST API. */
  readonly protocol: string;
  readonly version: string;
  readonly description?: string;
}

/** MEC 010-2 TransportsSupported. */
export interface TransportsSupported {
  readonly transport?: TransportDescriptor;
  readonly serializers: SerializerType[];
}

/** MEC 010-2 ServiceDescriptor: a service the app produces. */
export interface ServiceDescriptor {
  readonly serName: string;
  readonly version: string;
  readonly serCategory?: CategoryRef;
  readonly transportsSupported?: TransportsSupported[];
}

/** MEC 010-2 FeatureDependency, e.g. `{ featureName: "UserApps", version: "1.0" }`. */
export interface FeatureDependency {
  readonly featureName: string;
  readonly version: string;
}

/** MEC 010-2 TrafficFilter. Addresses and ports are strings: an address, a prefix or a range ("a-b"). */
export interface TrafficFilter {
  readonly srcAddress?: string[];
  readonly dstAddress?: string[];
  readonly srcPort?: string[];
  readonly dstPort?: string[];
  readonly protocol?: string[];
  readonly tag?: string[];
  readonly srcTunnelAddress?: string[];
  readonly tgtTunnelAddress?: string[];
  readonly srcTunnelPort?: string[];
  readonly dstTunnelPort?: string[];
  /** 1-255. */
  readonly qCI?: number;
  /** 0-63. */
  readonly dSCP?: number;
  /** 0-255. */
  readonly tC?: number;
}

/** MEC 010-2 TunnelInfo. */
export interface TunnelInfo {
  readonly tunnelType: "GTP-U" | "GRE";
  readonly tunnelDstAddress: string;
  readonly tunnelSrcAddress: string;
  readonly tunnelSpecificData?: string;
}

/** MEC 010-2 InterfaceDescriptor. */
export interface InterfaceDescriptor {
  readonly interfaceType: "TUNNEL" | "MAC" | "IP";
  /** Required when interfaceType is TUNNEL. */
  readonly tunnelInfo?: TunnelInfo;
  readonly srcMACAddress?: string;
  readonly dstMACAddress?: string;
  readonly dstIPAddress?: string;
}

export type TrafficRuleAction =
  | "DROP"
  | "FORWARD_DECAPSULATED"
  | "FORWARD_ENCAPSULATED"
  | "PASSTHROUGH"
  | "DUPLICATE_DECAPSULATED"
  | "DUPLICATE_ENCAPSULATED";

/** MEC 010-2 TrafficRuleDescriptor. */
export interface TrafficRuleDescriptor {
  readonly trafficRuleId: string;
  readonly filterType: "FLOW" | "PACKET";
  /** 0 (highest) to 255 (lowest). */
  readonly priority: number;
  readonly trafficFilter: TrafficFilter[];
  readonly action: TrafficRuleAction;
  /** None for DROP; one for FORWARD_* and PASSTHROUGH; two for DUPLICATE_*. */
  readonly dstInterface?: InterfaceDescriptor[];
}

/** MEC 010-2 DNSRuleDescriptor. */
export interface DnsRuleDescriptor {
  readonly dnsRuleId: string;
  readonly domainName: string;
  readonly ipAddressType: "IP_V4" | "IP_V6";
  readonly ipAddress: string;
  /** Seconds; absent: the rule does not expire. */
  readonly ttl?: number;
}

/** MEC 010-2 LatencyDescriptor. */
export interface LatencyDescriptor {
  /** Maximum latency tolerated, in nanoseconds. */
  readonly maxLatency: number;
}

/** The AppD subset mecaas reads. */
export interface AppDescriptor {
  /** Identifier of this AppD (MEC 010-2 uses a UUID in practice). */
  readonly appDId: string;
  readonly appName: string;
  readonly appProvider: string;
  readonly appSoftVersion: string;
  readonly appDVersion: string;
  /** MEC system versions the app is compatible with, e.g. ["2.2.1"]. */
  readonly mecVersion: string[];
  readonly appInfoName?: string;
  readonly appDescription?: string;
  readonly appServiceRequired?: ServiceDependency[];
  readonly appServiceOptional?: ServiceDependency[];
  readonly appServiceProduced?: ServiceDescriptor[];
  readonly appFeatureRequired?: FeatureDependency[];
  readonly appFeatureOptional?: FeatureDependency[];
  readonly appTrafficRule?: TrafficRuleDescriptor[];
  readonly appDNSRule?: DnsRuleDescriptor[];
  readonly appLatency?: LatencyDescriptor;
}

/** MEC 011 DnsRule, as the MEP's management API takes it. */
export interface Mp1DnsRule {
  readonly dnsRuleId: string;
  readonly domainName: string;
  readonly ipAddressType: "IP_V4" | "IP_V6";
  readonly ipAddress: string;
  readonly ttl?: number;
  readonly state: "ACTIVE" | "INACTIVE";
}

/** MEC 011 DestinationInterface. */
export interface Mp1DestinationInterface {
  readonly interfaceType: "TUNNEL" | "MAC" | "IP";
  readonly tunnelInfo?: { readonly tunnelType: "GTP_U" | "GRE"; readonly tunnelDstAddress?: string; readonly tunnelSrcAddress?: string };
  readonly srcMacAddress?: string;
  readonly dstMacAddress?: string;
  readonly dstIpAddress?: string;
}

/** MEC 011 TrafficRule. */
export interface Mp1TrafficRule {
  readonly trafficRuleId: string;
  readonly filterType: "FLOW" | "PACKET";
  readonly priority: number;
  readonly trafficFilter: TrafficFilter[];
  readonly action: TrafficRuleAction;
  readonly dstInterface?: Mp1DestinationInterface[];
  readonly state: "ACTIVE" | "INACTIVE";
}

/** What an app instance asks of the MEP, derived from its AppD (the management API body without the secret). */
export interface AppInstanceRules {
  readonly appName: string;
  readonly appProvider: string;
  readonly appDId: string;
  /** serName of every appServiceRequired entry. */
  readonly requiredServices: string[];
  readonly appDnsRule: Mp1DnsRule[];
  readonly appTrafficRule: Mp1TrafficRule[];
}

const ACTIONS: readonly TrafficRuleAction[] = [
  "DROP",
  "FORWARD_DECAPSULATED",
  "FORWARD_ENCAPSULATED",
  "PASSTHROUGH",
  "DUPLICATE_DECAPSULATED",
  "DUPLICATE_ENCAPSULATED",
];
const SERIALIZERS: readonly string[] = ["JSON", "XML", "PROTOBUF3"];
const TRANSPORTS: readonly string[] = ["REST_HTTP", "MB_TOPIC_BASED", "MB_ROUTING", "MB_PUBSUB", "RPC", "RPC_STREAMING", "WEBSOCKET"];

const TOP_LEVEL_FIELDS = [
  "appDId", "appName", "appProvider", "appSoftVersion", "appDVersion", "mecVersion", "appInfoName", "appDescription",
  "appServiceRequired", "appServiceOptional", "appServiceProduced", "appFeatureRequired", "appFeatureOptional",
  "appTrafficRule", "appDNSRule", "appLatency",
];

/** How many dstInterface entries MEC 011 table 7.1.2.2-1 demands for each action. */
function interfacesFor(action: TrafficRuleAction): number {
  if (action === "DROP") return 0;
  return action.startsWith("DUPLICATE_") ? 2 : 1;
}

/**
 * Every problem of an AppD, one line each as `field value: what is wrong and how to fix it`. Checks types (the
 * AppD may come from YAML), required fields, enumerations, ranges, IP addresses and ports, unique rule ids, the
 * number of destination interfaces per action, and unknown fields (a misspelt field would otherwise be ignored).
 */
export function appDescriptorProblems(appD: unknown, prefix = "appDescriptor"): string[] {
  const p: string[] = [];
  if (!isObject(appD)) return [`${prefix}: must be an object (an ETSI MEC 010-2 AppD)`];
  const d = appD as Record<string, unknown>;
  unknownFields(p, prefix, d, TOP_LEVEL_FIELDS);
  for (const field of ["appDId", "appName", "appProvider", "appSoftVersion", "appDVersion"]) {
    requiredString(p, `${prefix}.${field}`, d[field]);
  }
  if (typeof d.appDId === "string" && /\s/.test(d.appDId)) p.push(`${prefix}.appDId ${q(d.appDId)}: must not contain spaces (use a UUID)`);
  if (typeof d.appName === "string" && d.appName.length > 128) p.push(`${prefix}.appName: at most 128 characters`);
  if (!Array.isArray(d.mecVersion) || d.mecVersion.length === 0) {
    p.push(`${prefix}.mecVersion ${q(d.mecVersion)}: list at least one MEC system version, e.g. ["2.2.1"]`);
  } else {
    d.mecVersion.forEach((v, i) => {
      if (typeof v !== "string" || !/^\d+(\.\d+){0,2}$/.test(v)) p.push(`${prefix}.mecVersion[${i}] ${q(v)}: a version like "2.2.1"`);
    });
  }
  optionalString(p, `${prefix}.appInfoName`, d.appInfoName);
  optionalString(p, `${prefix}.appDescription`, d.appDescription);

  for (const list of ["appServiceRequired", "appServiceOptional"]) {
    eachOf(p, `${prefix}.${list}`, d[list], (f, s) => {
      unknownFields(p, f, s, ["serName", "version", "serCategory", "requestedPermissions"]);
      requiredString(p, `${f}.serName`, s.serName);
      requiredString(p, `${f}.version`, s.version);
      categoryRef(p, `${f}.serCategory`, s.serCategory);
      stringList(p, `${f}.requestedPermissions`, s.requestedPermissions);
    });
    uniqueBy(p, `${prefix}.${list}`, d[list], "serName");
  }
  eachOf(p, `${prefix}.appServiceProduced`, d.appServiceProduced, (f, s) => {
    unknownFields(p, f, s, ["serName", "version", "serCategory", "transportsSupported"]);
    requiredString(p, `${f}.serName`, s.serName);
    requiredString(p, `${f}.version`, s.version);
    categoryRef(p, `${f}.serCategory`, s.serCategory);
    eachOf(p, `${f}.transportsSupported`, s.transportsSupported, (tf, t) => {
      unknownFields(p, tf, t, ["transport", "serializers"]);
      if (!Array.isArray(t.serializers) || t.serializers.length === 0) {
        p.push(`${tf}.serializers ${q(t.serializers)}: list at least one of ${SERIALIZERS.join(", ")}`);
      } else {
        t.serializers.forEach((s2, i) => oneOf(p, `${tf}.serializers[${i}]`, s2, SERIALIZERS));
      }
      if (t.transport !== undefined) {
        if (!isObject(t.transport)) p.push(`${tf}.transport: must be an object`);
        else {
          const tr = t.transport as Record<string, unknown>;
          unknownFields(p, `${tf}.transport`, tr, ["name", "type", "protocol", "version", "description"]);
          requiredString(p, `${tf}.transport.name`, tr.name);
          oneOf(p, `${tf}.transport.type`, tr.type, TRANSPORTS);
          requiredString(p, `${tf}.transport.protocol`, tr.protocol);
          requiredString(p, `${tf}.transport.version`, tr.version);
        }
      }
    });
  });
  uniqueBy(p, `${prefix}.appServiceProduced`, d.appServiceProduced, "serName");
  for (const list of ["appFeatureRequired", "appFeatureOptional"]) {
    eachOf(p, `${prefix}.${list}`, d[list], (f, s) => {
      unknownFields(p, f, s, ["featureName", "version"]);
      requiredString(p, `${f}.featureName`, s.featureName);
      requiredString(p, `${f}.version`, s.version);
    });
  }

  eachOf(p, `${prefix}.appDNSRule`, d.appDNSRule, (f, r) => {
    unknownFields(p, f, r, ["dnsRuleId", "domainName", "ipAddressType", "ipAddress", "ttl"]);
    requiredString(p, `${f}.dnsRuleId`, r.dnsRuleId);
    if (typeof r.domainName !== "string" || !isFqdn(r.domainName)) {
      p.push(`${f}.domainName ${q(r.domainName)}: a fully qualified domain name, e.g. "video.mec.example.net"`);
    }
    oneOf(p, `${f}.ipAddressType`, r.ipAddressType, ["IP_V4", "IP_V6"]);
    const family = typeof r.ipAddress === "string" ? isIP(r.ipAddress) : 0;
    if (family === 0) p.push(`${f}.ipAddress ${q(r.ipAddress)}: an IPv4 or IPv6 address`);
    else if ((r.ipAddressType === "IP_V4" && family !== 4) || (r.ipAddressType === "IP_V6" && family !== 6)) {
      p.push(`${f}.ipAddress ${q(r.ipAddress)}: is an IPv${family} address but ipAddressType is ${r.ipAddressType}`);
    }
    if (r.ttl !== undefined) integerIn(p, `${f}.ttl`, r.ttl, 0, 2 ** 31 - 1, "seconds");
  });
  uniqueBy(p, `${prefix}.appDNSRule`, d.appDNSRule, "dnsRuleId");

  eachOf(p, `${prefix}.appTrafficRule`, d.appTrafficRule, (f, r) => {
    unknownFields(p, f, r, ["trafficRuleId", "filterType", "priority", "trafficFilter", "action", "dstInterface"]);
    requiredString(p, `${f}.trafficRuleId`, r.trafficRuleId);
    oneOf(p, `${f}.filterType`, r.filterType, ["FLOW", "PACKET"]);
    integerIn(p, `${f}.priority`, r.priority, 0, 255, "0 is the highest priority");
    if (!Array.isArray(r.trafficFilter) || r.trafficFilter.length === 0) {
      p.push(`${f}.trafficFilter ${q(r.trafficFilter)}: give at least one filter (MEC 011: cardinality 1..N)`);
    } else {
      r.trafficFilter.forEach((tf, i) => trafficFilter(p, `${f}.trafficFilter[${i}]`, tf));
    }
    oneOf(p, `${f}.action`, r.action, ACTIONS);
    const interfaces = r.dstInterface === undefined ? [] : r.dstInterface;
    if (!Array.isArray(interfaces)) {
      p.push(`${f}.dstInterface: must be a list`);
    } else {
      if (ACTIONS.includes(r.action as TrafficRuleAction)) {
        const want = interfacesFor(r.action as TrafficRuleAction);
        if (interfaces.length !== want) {
          p.push(`${f}.dstInterface: action ${r.action} takes ${want} destination interface${want === 1 ? "" : "s"}, found ${interfaces.length}`);
        }
      }
      interfaces.forEach((itf, i) => interfaceDescriptor(p, `${f}.dstInterface[${i}]`, itf));
    }
  });
  uniqueBy(p, `${prefix}.appTrafficRule`, d.appTrafficRule, "trafficRuleId");

  if (d.appLatency !== undefined) {
    if (!isObject(d.appLatency)) p.push(`${prefix}.appLatency: must be an object { maxLatency }`);
    else {
      unknownFields(p, `${prefix}.appLatency`, d.appLatency as Record<string, unknown>, ["maxLatency"]);
      integerIn(p, `${prefix}.appLatency.maxLatency`, (d.appLatency as Record<string, unknown>).maxLatency, 1, Number.MAX_SAFE_INTEGER, "nanoseconds");
    }
  }
  return p;
}

/** Throws one error listing every problem, each prefixed with `where` (the construct path). */
export function validateAppDescriptor(where: string, appD: unknown, prefix = "appDescriptor"): asserts appD is AppDescriptor {
  const problems = appDescriptorProblems(appD, prefix);
  if (problems.length > 0) {
    throw new Error(`${where}: invalid app descriptor (ETSI MEC 010-2 AppD):\n  - ${problems.join("\n  - ")}`);
  }
}

/** AppDs already read, by file and content: a catalog often deploys one app for many CSPs. */
const loadedDescriptors = new Map<string, AppDescriptor>();

/** Reads an AppD from a YAML or JSON file and validates it. */
export function loadAppDescriptor(file: string): AppDescriptor {
  const text = readFileSync(file, "utf8");
  const key = `${file}\n${text}`;
  const known = loadedDescriptors.get(key);
  if (known) return known;
  const parsed = parse(text);
  validateAppDescriptor(file, parsed);
  loadedDescriptors.set(key, parsed);
  return parsed;
}

/**
 * The MEC 011 view of an AppD for the MEP's management API: services required by name, DNS and traffic rules
 * converted (state ACTIVE; InterfaceDescriptor field spellings and the tunnel type as MEC 011 writes them).
 */
export function toAppInstanceRules(appD: AppDescriptor): AppInstanceRules {
  return {
    appName: appD.appName,
    appProvider: appD.appProvider,
    appDId: appD.appDId,
    requiredServices: (appD.appServiceRequired ?? []).map((s) => s.serName),
    appDnsRule: (appD.appDNSRule ?? []).map((r) => ({
      dnsRuleId: r.dnsRuleId,
      domainName: r.domainName,
      ipAddressType: r.ipAddressType,
      ipAddress: r.ipAddress,
      ...(r.ttl !== undefined ? { ttl: r.ttl } : {}),
      state: "ACTIVE" as const,
    })),
    appTrafficRule: (appD.appTrafficRule ?? []).map((r) => ({
      trafficRuleId: r.trafficRuleId,
      filterType: r.filterType,
      priority: r.priority,
      trafficFilter: r.trafficFilter,
      action: r.action,
      ...(r.dstInterface && r.dstInterface.length > 0 ? { dstInterface: r.dstInterface.map(toDestinationInterface) } : {}),
      state: "ACTIVE" as const,
    })),
  };
}

function toDestinationInterface(i: InterfaceDescriptor): Mp1DestinationInterface {
  return {
    interfaceType: i.interfaceType,
    ...(i.tunnelInfo
      ? {
          tunnelInfo: {
            tunnelType: i.tunnelInfo.tunnelType === "GTP-U" ? "GTP_U" : "GRE",
            tunnelDstAddress: i.tunnelInfo.tunnelDstAddress,
            tunnelSrcAddress: i.tunnelInfo.tunnelSrcAddress,
          },
        }
      : {}),
    ...(i.srcMACAddress !== undefined ? { srcMacAddress: i.srcMACAddress } : {}),
    ...(i.dstMACAddress !== undefined ? { dstMacAddress: i.dstMACAddress } : {}),
    ...(i.dstIPAddress !== undefined ? { dstIpAddress: i.dstIPAddress } : {}),
  };
}

// ---- checks --------------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function q(v: unknown): string {
  return v === undefined ? "(missing)" : JSON.stringify(v);
}

function requiredString(p: string[], field: string, v: unknown): void {
  if (typeof v !== "string" || v.trim() === "") p.push(`${field} ${q(v)}: required, a non-empty string`);
}

function optionalString(p: string[], field: string, v: unknown): void {
  if (v !== undefined && typeof v !== "string") p.push(`${field} ${q(v)}: must be a string`);
}

function stringList(p: string[], field: string, v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) p.push(`${field} ${q(v)}: must be a list of strings`);
}

function oneOf(p: string[], field: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== "string" || !allowed.includes(v)) p.push(`${field} ${q(v)}: must be one of ${allowed.join(", ")}`);
}

function integerIn(p: string[], field: string, v: unknown, min: number, max: number, note: string): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    p.push(`${field} ${q(v)}: a whole number from ${min} to ${max} (${note})`);
  }
}

function unknownFields(p: string[], field: string, o: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) p.push(`${field}.${k}: unknown field (this AppD subset knows ${known.join(", ")})`);
  }
}

function eachOf(p: string[], field: string, v: unknown, check: (f: string, o: Record<string, unknown>) => void): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    p.push(`${field} ${q(v)}: must be a list`);
    return;
  }
  v.forEach((item, i) => {
    if (!isObject(item)) p.push(`${field}[${i}] ${q(item)}: must be an object`);
    else check(`${field}[${i}]`, item);
  });
}

function uniqueBy(p: string[], field: string, v: unknown, key: string): void {
  if (!Array.isArray(v)) return;
  const seen = new Set<unknown>();
  for (const item of v) {
    const id = isObject(item) ? item[key] : undefined;
    if (id === undefined) continue;
    if (seen.has(id)) p.push(`${field}: ${key} ${q(id)} appears more than once; ids must be unique`);
    seen.add(id);
  }
}

function categoryRef(p: string[], field: string, v: unknown): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    p.push(`${field}: must be an object { href, id, name, version }`);
    return;
  }
  unknownFields(p, field, v, ["href", "id", "name", "version"]);
  for (const k of ["href", "id", "name", "version"]) requiredString(p, `${field}.${k}`, v[k]);
}

function isFqdn(s: string): boolean {
  const name = s.endsWith(".") ? s.slice(0, -1) : s;
  return name.length <= 253 && name.includes(".") && name.split(".").every((l) => /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/.test(l));
}

/** An address, a prefix ("10.0.0.0/24", "2001:db8::/32") or a range ("10.0.0.1-10.0.0.9"). */
function isAddressSpec(s: string): boolean {
  const range = s.split("-");
  if (range.length === 2) return isIP(range[0]) !== 0 && isIP(range[0]) === isIP(range[1]);
  const [addr, len, ...rest] = s.split("/");
  if (rest.length > 0) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (len === undefined) return true;
  if (!/^\d+$/.test(len)) return false;
  return Number(len) <= (family === 4 ? 32 : 128);
}

/** A port ("443") or a range ("8000-8080"). */
function isPortSpec(s: string): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return false;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a >= 0 && b <= 65535 && a <= b;
}

const FILTER_FIELDS = [
  "srcAddress", "dstAddress", "srcPort", "dstPort", "protocol", "tag", "srcTunnelAddress", "tgtTunnelAddress",
  "srcTunnelPort", "dstTunnelPort", "qCI", "dSCP", "tC",
];

function trafficFilter(p: string[], field: string, v: unknown): void {
  if (!isObject(v)) {
    p.push(`${field}: must be an object`);
    return;
  }
  unknownFields(p, field, v, FILTER_FIELDS);
  if (Object.keys(v).length === 0) p.push(`${field}: an empty filter matches every packet; give at least one criterion`);
  for (const k of ["srcAddress", "dstAddress", "srcTunnelAddress", "tgtTunnelAddress"]) {
    listOf(p, `${field}.${k}`, v[k], isAddressSpec, 'an IP address, prefix or range, e.g. "10.0.0.0/24"');
  }
  for (const k of ["srcPort", "dstPort", "srcTunnelPort", "dstTunnelPort"]) {
    listOf(p, `${field}.${k}`, v[k], isPortSpec, 'a port or range, e.g. "443" or "8000-8080"');
  }
  for (const k of ["protocol", "tag"]) listOf(p, `${field}.${k}`, v[k], (s) => s.trim() !== "", "a non-empty string");
  if (v.qCI !== undefined) integerIn(p, `${field}.qCI`, v.qCI, 1, 255, "QoS class identifier");
  if (v.dSCP !== undefined) integerIn(p, `${field}.dSCP`, v.dSCP, 0, 63, "DSCP code point");
  if (v.tC !== undefined) integerIn(p, `${field}.tC`, v.tC, 0, 255, "IPv6 traffic class");
}

function listOf(p: string[], field: string, v: unknown, ok: (s: string) => boolean, what: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    p.push(`${field} ${q(v)}: must be a list of strings`);
    return;
  }
  v.forEach((s, i) => {
    if (typeof s !== "string" || !ok(s)) p.push(`${field}[${i}] ${q(s)}: ${what}`);
  });
}

function interfaceDescriptor(p: string[], field: string, v: unknown): void {
  if (!isObject(v)) {
    p.push(`${field}: must be an object`);
    return;
  }
  unknownFields(p, field, v, ["interfaceType", "tunnelInfo", "srcMACAddress", "dstMACAddress", "dstIPAddress"]);
  oneOf(p, `${field}.interfaceType`, v.interfaceType, ["TUNNEL", "MAC", "IP"]);
  const mac = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
  for (const k of ["srcMACAddress", "dstMACAddress"]) {
    if (v[k] !== undefined && (typeof v[k] !== "string" || !mac.test(v[k] as string))) p.push(`${field}.${k} ${q(v[k])}: a MAC address like "02:00:5e:10:00:01"`);
  }
  if (v.dstIPAddress !== undefined && (typeof v.dstIPAddress !== "string" || isIP(v.dstIPAddress) === 0)) {
    p.push(`${field}.dstIPAddress ${q(v.dstIPAddress)}: an IP address`);
  }
  if (v.interfaceType === "TUNNEL" && v.tunnelInfo === undefined) p.push(`${field}.tunnelInfo: required when interfaceType is TUNNEL`);
  if (v.interfaceType !== "TUNNEL" && v.tunnelInfo !== undefined) p.push(`${field}.tunnelInfo: only for interfaceType TUNNEL`);
  if (v.tunnelInfo !== undefined) {
    if (!isObject(v.tunnelInfo)) p.push(`${field}.tunnelInfo: must be an object`);
    else {
      const t = v.tunnelInfo;
      unknownFields(p, `${field}.tunnelInfo`, t, ["tunnelType", "tunnelDstAddress", "tunnelSrcAddress", "tunnelSpecificData"]);
      oneOf(p, `${field}.tunnelInfo.tunnelType`, t.tunnelType, ["GTP-U", "GRE"]);
      for (const k of ["tunnelDstAddress", "tunnelSrcAddress"]) {
        if (typeof t[k] !== "string" || isIP(t[k] as string) === 0) p.push(`${field}.tunnelInfo.${k} ${q(t[k])}: an IP address`);
      }
    }
  }
}
