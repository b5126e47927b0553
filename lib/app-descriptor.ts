import { isIP } from "net";
import { readFileSync } from "fs";
import { join } from "path";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { parse } from "yaml";
import { InputError } from "./input-error";

/*
 * The ETSI GS MEC 010-2 application descriptor (AppD, clause 6.2.1.2), checked against the AppD schema derived from
 * ETSI's files (lib/assets/mec010-2-appd.schema.json). Typed here: the identity of a MEC app and what it asks of
 * the MEC platform (services, features, traffic and DNS rules). The virtual compute, storage, software image and
 * external connection point parts are accepted and checked but not read: in mecaas the app's Helm chart (the MCIOP)
 * carries them, so they are optional.
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

/** MEC 010-2 TransportDescriptor. */
export interface TransportDescriptor {
  readonly name: string;
  readonly type: TransportType;
  /** "HTTP" for a REST API. */
  readonly protocol: string;
  readonly version: string;
  /** MEC 011 SecurityInfo, e.g. `{}` or `{ oAuth2Info: { grantTypes: ["OAUTH2_CLIENT_CREDENTIALS"], tokenEndpoint } }`. */
  readonly security: { readonly oAuth2Info?: { readonly grantTypes: readonly string[]; readonly tokenEndpoint?: string } };
  readonly description?: string;
  readonly implSpecificInfo?: Readonly<Record<string, unknown>>;
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

/** A MEC 010-2 AppD: the fields mecaas reads typed, the others (NFV descriptors) as ETSI defines them. */
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
  readonly appServiceRequired?: ServiceDependency[];
  readonly appServiceOptional?: ServiceDependency[];
  readonly appServiceProduced?: ServiceDescriptor[];
  readonly appFeatureRequired?: FeatureDependency[];
  readonly appFeatureOptional?: FeatureDependency[];
  readonly appTrafficRule?: TrafficRuleDescriptor[];
  readonly appDNSRule?: DnsRuleDescriptor[];
  readonly appLatency?: LatencyDescriptor;
  /** A human-readable description of the app (MEC 010-2 clause 6.2.1.2 requires one; mecaas does not). */
  readonly appDescription?: string;
  // Accepted and checked, not read by mecaas (its Helm chart realizes the app):
  readonly virtualComputeDescriptor?: Readonly<Record<string, unknown>>;
  readonly osContainerDescriptor?: readonly Readonly<Record<string, unknown>>[];
  readonly swImageDescriptor?: readonly Readonly<Record<string, unknown>>[];
  readonly virtualStorageDescriptor?: readonly Readonly<Record<string, unknown>>[];
  readonly appExtCpd?: readonly Readonly<Record<string, unknown>>[];
  readonly transportDependencies?: readonly Readonly<Record<string, unknown>>[];
  readonly terminateAppInstanceOpConfig?: Readonly<Record<string, unknown>>;
  readonly changeAppInstanceStateOpConfig?: Readonly<Record<string, unknown>>;
  readonly userContextTransferCapability?: { readonly statefulApplication: boolean; readonly userContextTransferSupport?: boolean };
  readonly appNetworkPolicy?: Readonly<Record<string, unknown>>;
  readonly mciopId?: string;
  readonly mcioIdentificationData?: Readonly<Record<string, unknown>>;
  readonly logicalNode?: readonly Readonly<Record<string, unknown>>[];
  readonly requestAdditionalCapabilities?: readonly Readonly<Record<string, unknown>>[];
  readonly mcioConstraintParams?: readonly string[];
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

/** The MEC 010-2 AppD schema (lib/assets, derived from the ETSI files by scripts/derive-appd-schema.js), compiled once. */
let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(__dirname, "assets", "mec010-2-appd.schema.json"), "utf8"));
    // strictTypes and strictRequired off: ETSI's generated NFV types (virtual compute, software images) leave out
    // some `type`s and require fields they do not define. Everything else is strict.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
    ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S*$/i);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Every problem of an AppD, one line each as `field value: what is wrong and how to fix it (at <JSON pointer>)`.
 * The AppD is checked against the ETSI GS MEC 010-2 AppD schema (types, required fields, enumerations, ranges, the
 * number of destination interfaces per action, unknown fields of the types mecaas reads), then for what a schema
 * cannot say: unique ids, IP addresses, ports and names that parse, an address of the family its type names.
 */
export function appDescriptorProblems(appD: unknown, prefix = "appDescriptor"): string[] {
  if (!isObject(appD)) return [`${prefix}: must be an object (an ETSI MEC 010-2 AppD)`];
  const validate = schemaValidator();
  const problems = validate(appD) ? [] : schemaProblems(appD, validate.errors ?? [], prefix);
  // The checks beyond the schema run on whatever is well-formed, so one pass reports both kinds.
  return [...problems, ...semanticProblems(appD, prefix)];
}

/** Throws one InputError listing every problem, at `where` (a construct path or a catalog entry). */
export function validateAppDescriptor(where: string, appD: unknown, prefix = "appDescriptor"): asserts appD is AppDescriptor {
  const problems = appDescriptorProblems(appD, prefix);
  if (problems.length > 0) throw new InputError(where, problems, `${where}: invalid app descriptor (ETSI MEC 010-2 AppD)`);
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

// ---- what the schema says, worded for a person, and what it cannot say ---------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function q(v: unknown): string {
  return v === undefined ? "(missing)" : JSON.stringify(v);
}

/** `/appTrafficRule/0/priority` -> `appTrafficRule[0].priority`, the way the AppD's YAML reads. */
function dotted(prefix: string, pointer: string): string {
  return pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), prefix);
}

function valueAt(root: unknown, pointer: string): unknown {
  return pointer.split("/").slice(1).reduce<unknown>((v, p) => (isObject(v) || Array.isArray(v) ? (v as any)[p.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), root);
}

function schemaProblems(appD: unknown, errors: ErrorObject[], prefix: string): string[] {
  const problems = new Set<string>();
  for (const e of errors) {
    // if/then and anyOf report their branches' errors too: those say what is wrong, the wrappers only that it is.
    if (e.keyword === "if" || e.keyword === "anyOf") continue;
    const params = e.params as Record<string, any>;
    let pointer = e.instancePath;
    let value: unknown = valueAt(appD, pointer);
    let text: string;
    switch (e.keyword) {
      case "required":
        pointer = `${pointer}/${params.missingProperty}`;
        value = undefined;
        text = dstInterfaceCount(appD, pointer) ?? "required";
        break;
      case "additionalProperties": {
        pointer = `${pointer}/${params.additionalProperty}`;
        value = valueAt(appD, pointer);
        const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        text = `unknown field; remove it or fix its spelling (MEC 010-2 names here: ${known.join(", ")})`;
        break;
      }
      case "enum":
        text = `must be one of ${params.allowedValues.join(", ")}`;
        break;
      case "minItems":
      case "maxItems":
        text = dstInterfaceCount(appD, pointer) ?? ({
          "/mecVersion": 'list at least one MEC system version, e.g. ["2.2.1"]',
        }[pointer] ?? (/\/trafficFilter$/.test(pointer) ? "give at least one filter (cardinality 1..N)"
          : `${e.keyword === "minItems" ? "at least" : "at most"} ${params.limit} item${params.limit === 1 ? "" : "s"}`));
        break;
      case "not":
        // Inside if/then: a tunnelInfo where the interface is no tunnel, or a dstInterface on DROP.
        if (/\/else\/not$/.test(e.schemaPath)) {
          pointer = `${pointer}/tunnelInfo`;
          text = "only for interfaceType TUNNEL";
        } else {
          pointer = `${pointer}/dstInterface`;
          text = "action DROP takes no destination interface; remove dstInterface";
        }
        value = valueAt(appD, pointer);
        break;
      case "pattern":
        text = /\/mecVersion\/\d+$/.test(pointer) ? 'a version like "2.2.1"'
          : pointer === "/appDId" ? "an identifier without spaces (use a UUID)" : "required, a non-empty string";
        break;
      case "minProperties":
        text = "an empty filter matches every packet; give at least one criterion";
        break;
      case "maxLength":
        text = `at most ${params.limit} characters`;
        break;
      case "minimum":
      case "maximum":
        text = `must be ${params.comparison} ${params.limit}`;
        break;
      default:
        text = e.message ?? e.keyword;
    }
    problems.add(`${dotted(prefix, pointer)} ${q(value)}: ${text} (at ${pointer || "/"})`);
  }
  return [...problems];
}

/** MEC 010-2 6.2.1.9: the number of destination interfaces an action takes, when `pointer` is a rule's dstInterface. */
function dstInterfaceCount(appD: unknown, pointer: string): string | undefined {
  if (!/^\/appTrafficRule\/\d+\/dstInterface$/.test(pointer)) return undefined;
  const rule = valueAt(appD, pointer.replace(/\/dstInterface$/, "")) as Record<string, unknown>;
  const action = String(rule.action);
  const want = action === "DROP" ? 0 : action.startsWith("DUPLICATE_") ? 2 : 1;
  const found = Array.isArray(rule.dstInterface) ? rule.dstInterface.length : 0;
  return `action ${action} takes ${want} destination interface${want === 1 ? "" : "s"}, found ${found}`;
}

/** What JSON Schema cannot say: unique ids, addresses, ports, MAC addresses and names that parse. */
function semanticProblems(d: Record<string, unknown>, prefix: string): string[] {
  const p: string[] = [];
  const at = (path: string, value: unknown, text: string) => {
    const pointer = path.replace(/\[(\d+)\]/g, "/$1").replace(/\./g, "/");
    p.push(`${prefix}.${path} ${q(value)}: ${text} (at /${pointer})`);
  };
  // Only the well-formed parts: what the schema refused is reported already.
  const objects = (v: unknown) => (Array.isArray(v) ? v : []).map((o) => (isObject(o) ? o : {}));
  const strings = (v: unknown) => (Array.isArray(v) ? v : []).map((s) => (typeof s === "string" ? s : undefined));
  const unique = (list: string, key: string) => {
    const seen = new Set<unknown>();
    objects(d[list]).forEach((item, i) => {
      if (item[key] === undefined) return;
      if (seen.has(item[key])) at(`${list}[${i}].${key}`, item[key], "appears more than once; ids must be unique");
      seen.add(item[key]);
    });
  };
  unique("appServiceRequired", "serName");
  unique("appServiceOptional", "serName");
  unique("appServiceProduced", "serName");
  unique("appDNSRule", "dnsRuleId");
  unique("appTrafficRule", "trafficRuleId");
  objects(d.appDNSRule).forEach((r, i) => {
    const f = `appDNSRule[${i}]`;
    if (typeof r.domainName === "string" && !isFqdn(r.domainName)) {
      at(`${f}.domainName`, r.domainName, 'a fully qualified domain name, e.g. "video.mec.example.net"');
    }
    if (typeof r.ipAddress !== "string") return;
    const family = isIP(r.ipAddress);
    if (family === 0) at(`${f}.ipAddress`, r.ipAddress, "an IPv4 or IPv6 address");
    else if (r.ipAddressType === (family === 4 ? "IP_V6" : "IP_V4")) {
      at(`${f}.ipAddress`, r.ipAddress, `is an IPv${family} address but ipAddressType is ${r.ipAddressType}`);
    }
  });
  const mac = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
  objects(d.appTrafficRule).forEach((r, i) => {
    objects(r.trafficFilter).forEach((tf, j) => {
      const f = `appTrafficRule[${i}].trafficFilter[${j}]`;
      for (const k of ["srcAddress", "dstAddress", "srcTunnelAddress", "tgtTunnelAddress"]) {
        strings(tf[k]).forEach((s, n) => s === undefined || isAddressSpec(s) || at(`${f}.${k}[${n}]`, s, 'an IP address, prefix or range, e.g. "10.0.0.0/24"'));
      }
      for (const k of ["srcPort", "dstPort", "srcTunnelPort", "dstTunnelPort"]) {
        strings(tf[k]).forEach((s, n) => s === undefined || isPortSpec(s) || at(`${f}.${k}[${n}]`, s, 'a port or range, e.g. "443" or "8000-8080"'));
      }
    });
    objects(r.dstInterface).forEach((itf, j) => {
      const f = `appTrafficRule[${i}].dstInterface[${j}]`;
      for (const k of ["srcMACAddress", "dstMACAddress"]) {
        if (typeof itf[k] === "string" && !mac.test(itf[k] as string)) at(`${f}.${k}`, itf[k], 'a MAC address like "02:00:5e:10:00:01"');
      }
      if (typeof itf.dstIPAddress === "string" && isIP(itf.dstIPAddress) === 0) at(`${f}.dstIPAddress`, itf.dstIPAddress, "an IP address");
      const tunnel = isObject(itf.tunnelInfo) ? itf.tunnelInfo : {};
      for (const k of ["tunnelDstAddress", "tunnelSrcAddress"]) {
        if (typeof tunnel[k] === "string" && isIP(tunnel[k] as string) === 0) at(`${f}.tunnelInfo.${k}`, tunnel[k], "an IP address");
      }
    });
  });
  return p;
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
