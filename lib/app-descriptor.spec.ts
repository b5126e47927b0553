import Ajv from "ajv";
import { readFileSync } from "fs";
import { join } from "path";
import { AppDescriptor, appDescriptorProblems, loadAppDescriptor, toAppInstanceRules, validateAppDescriptor } from "./app-descriptor";
import { InputError } from "./validation";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveAppDSchema } = require("../scripts/derive-appd-schema") as { deriveAppDSchema: (specsDir: string) => unknown };

const SAMPLE = join(__dirname, "testdata", "video-analytics.appd.yaml");

const minimal: AppDescriptor = {
  appDId: "0d9a2c6e-8c1f-4c0e-b1c4-3f1a2b3c4d5e",
  appName: "echo",
  appProvider: "mecaas",
  appSoftVersion: "1.0.0",
  appDVersion: "1.0",
  mecVersion: ["2.2.1"],
  appDescription: "echoes",
};

/** The problems of `minimal` changed by `patch`. */
function problemsWith(patch: Record<string, unknown>): string[] {
  return appDescriptorProblems({ ...minimal, ...patch });
}

const transport = { name: "REST", type: "REST_HTTP", protocol: "HTTP", version: "1.1", security: {} };

const rule = {
  trafficRuleId: "r1",
  filterType: "FLOW",
  priority: 1,
  action: "DROP",
  trafficFilter: [{ dstPort: ["80"] }],
};

describe("AppDescriptor (ETSI MEC 010-2 AppD subset)", () => {
  describe("accepts", () => {
    test("a minimal AppD", () => {
      expect(appDescriptorProblems(minimal)).toEqual([]);
    });

    test("an AppD read from YAML: services, features, DNS and traffic rules of every action shape", () => {
      const appD = loadAppDescriptor(SAMPLE);
      expect(appD.appName).toBe("Video Analytics");
      expect(appD.appTrafficRule).toHaveLength(3);
    });

    test("an AppD without appDescription (MEC 010-2 requires one; mecaas's earlier AppDs had none)", () => {
      expect(appDescriptorProblems({ ...minimal, appDescription: undefined })).toEqual([]);
    });

    test("a complete ETSI AppD, with virtual compute, storage, software image and external connection points", () => {
      const appD = loadAppDescriptor(join(__dirname, "testdata", "full-etsi.appd.yaml"));
      expect(appDescriptorProblems(appD)).toEqual([]);
      expect(appD.swImageDescriptor).toHaveLength(1);
    });
  });

  describe("refuses, naming the field, the value and the fix", () => {
    test.each<[string, Record<string, unknown>, string]>([
      ["a missing appDId", { appDId: undefined }, 'appDescriptor.appDId (missing): required (at /appDId)'],
      ["an empty appName", { appName: " " }, 'appDescriptor.appName " ": required, a non-empty string (at /appName)'],
      ["no MEC version", { mecVersion: [] }, 'appDescriptor.mecVersion []: list at least one MEC system version, e.g. ["2.2.1"] (at /mecVersion)'],
      ["a MEC version that is no version", { mecVersion: ["v2"] }, 'appDescriptor.mecVersion[0] "v2": a version like "2.2.1" (at /mecVersion/0)'],
      ["an appDId with a space", { appDId: "has space" }, 'appDescriptor.appDId "has space": an identifier without spaces (use a UUID) (at /appDId)'],
      ["a required service without version", { appServiceRequired: [{ serName: "RNIS" }] }, "appDescriptor.appServiceRequired[0].version (missing): required (at /appServiceRequired/0/version)"],
      ["the same service required twice", { appServiceRequired: [{ serName: "RNIS", version: "1" }, { serName: "RNIS", version: "2" }] }, 'appDescriptor.appServiceRequired[1].serName "RNIS": appears more than once; ids must be unique (at /appServiceRequired/1/serName)'],
      ["a produced service with an unknown serializer", { appServiceProduced: [{ serName: "x", version: "1", transportsSupported: [{ serializers: ["YAML"], transport }] }] }, 'appDescriptor.appServiceProduced[0].transportsSupported[0].serializers[0] "YAML": must be one of JSON, XML, PROTOBUF3 (at /appServiceProduced/0/transportsSupported/0/serializers/0)'],
      ["a transport without its security (MEC 011 SecurityInfo, `{}` for none)", { appServiceProduced: [{ serName: "x", version: "1", transportsSupported: [{ serializers: ["JSON"], transport: { ...transport, security: undefined } }] }] }, "appDescriptor.appServiceProduced[0].transportsSupported[0].transport.security (missing): required (at /appServiceProduced/0/transportsSupported/0/transport/security)"],
      ["a DNS rule for a name that is no FQDN", { appDNSRule: [{ dnsRuleId: "d", domainName: "video", ipAddressType: "IP_V4", ipAddress: "10.0.0.1" }] }, 'appDescriptor.appDNSRule[0].domainName "video": a fully qualified domain name, e.g. "video.mec.example.net" (at /appDNSRule/0/domainName)'],
      ["a DNS rule whose address does not match its type", { appDNSRule: [{ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V6", ipAddress: "10.0.0.1" }] }, 'appDescriptor.appDNSRule[0].ipAddress "10.0.0.1": is an IPv4 address but ipAddressType is IP_V6 (at /appDNSRule/0/ipAddress)'],
      ["a DNS rule with an address that is none", { appDNSRule: [{ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V4", ipAddress: "10.0.0.256" }] }, 'appDescriptor.appDNSRule[0].ipAddress "10.0.0.256": an IPv4 or IPv6 address (at /appDNSRule/0/ipAddress)'],
      ["two DNS rules with one id", { appDNSRule: [1, 2].map(() => ({ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V4", ipAddress: "10.0.0.1" })) }, 'appDescriptor.appDNSRule[1].dnsRuleId "d": appears more than once; ids must be unique (at /appDNSRule/1/dnsRuleId)'],
      ["a traffic rule priority above 255", { appTrafficRule: [{ ...rule, priority: 300 }] }, "appDescriptor.appTrafficRule[0].priority 300: must be <= 255 (at /appTrafficRule/0/priority)"],
      ["an unknown action", { appTrafficRule: [{ ...rule, action: "FORWARD" }] }, 'appDescriptor.appTrafficRule[0].action "FORWARD": must be one of DROP, FORWARD_DECAPSULATED, FORWARD_ENCAPSULATED, PASSTHROUGH, DUPLICATE_DECAPSULATED, DUPLICATE_ENCAPSULATED (at /appTrafficRule/0/action)'],
      ["a traffic rule without filters", { appTrafficRule: [{ ...rule, trafficFilter: [] }] }, "appDescriptor.appTrafficRule[0].trafficFilter []: give at least one filter (cardinality 1..N) (at /appTrafficRule/0/trafficFilter)"],
      ["an empty filter, which would match every packet", { appTrafficRule: [{ ...rule, trafficFilter: [{}] }] }, "appDescriptor.appTrafficRule[0].trafficFilter[0] {}: an empty filter matches every packet; give at least one criterion (at /appTrafficRule/0/trafficFilter/0)"],
      ["a port range upside down", { appTrafficRule: [{ ...rule, trafficFilter: [{ dstPort: ["90-80"] }] }] }, 'appDescriptor.appTrafficRule[0].trafficFilter[0].dstPort[0] "90-80": a port or range, e.g. "443" or "8000-8080" (at /appTrafficRule/0/trafficFilter/0/dstPort/0)'],
      ["a source prefix longer than the address", { appTrafficRule: [{ ...rule, trafficFilter: [{ srcAddress: ["10.0.0.0/33"] }] }] }, 'appDescriptor.appTrafficRule[0].trafficFilter[0].srcAddress[0] "10.0.0.0/33": an IP address, prefix or range, e.g. "10.0.0.0/24" (at /appTrafficRule/0/trafficFilter/0/srcAddress/0)'],
      ["a DSCP out of range", { appTrafficRule: [{ ...rule, trafficFilter: [{ dSCP: 64 }] }] }, "appDescriptor.appTrafficRule[0].trafficFilter[0].dSCP 64: must be <= 63 (at /appTrafficRule/0/trafficFilter/0/dSCP)"],
      ["a destination interface on DROP", { appTrafficRule: [{ ...rule, dstInterface: [{ interfaceType: "IP", dstIPAddress: "10.0.0.1" }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface [{"interfaceType":"IP","dstIPAddress":"10.0.0.1"}]: action DROP takes no destination interface; remove dstInterface (at /appTrafficRule/0/dstInterface)'],
      ["FORWARD without its destination", { appTrafficRule: [{ ...rule, action: "FORWARD_ENCAPSULATED" }] }, "appDescriptor.appTrafficRule[0].dstInterface (missing): action FORWARD_ENCAPSULATED takes 1 destination interface, found 0 (at /appTrafficRule/0/dstInterface)"],
      ["DUPLICATE with one destination", { appTrafficRule: [{ ...rule, action: "DUPLICATE_DECAPSULATED", dstInterface: [{ interfaceType: "IP", dstIPAddress: "10.0.0.1" }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface [{"interfaceType":"IP","dstIPAddress":"10.0.0.1"}]: action DUPLICATE_DECAPSULATED takes 2 destination interfaces, found 1 (at /appTrafficRule/0/dstInterface)'],
      ["a tunnel interface without tunnel info", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "TUNNEL" }] }] }, "appDescriptor.appTrafficRule[0].dstInterface[0].tunnelInfo (missing): required (at /appTrafficRule/0/dstInterface/0/tunnelInfo)"],
      ["tunnel info on an IP interface", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "IP", dstIPAddress: "10.0.0.1", tunnelInfo: { tunnelType: "GRE", tunnelSrcAddress: "10.0.0.1", tunnelDstAddress: "10.0.0.2" } }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface[0].tunnelInfo {"tunnelType":"GRE","tunnelSrcAddress":"10.0.0.1","tunnelDstAddress":"10.0.0.2"}: only for interfaceType TUNNEL (at /appTrafficRule/0/dstInterface/0/tunnelInfo)'],
      ["a tunnel type spelt the MEC 011 way", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "TUNNEL", tunnelInfo: { tunnelType: "GTP_U", tunnelSrcAddress: "10.0.0.1", tunnelDstAddress: "10.0.0.2" } }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface[0].tunnelInfo.tunnelType "GTP_U": must be one of GTP-U, GRE (at /appTrafficRule/0/dstInterface/0/tunnelInfo/tunnelType)'],
      ["a MAC address that is none", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "MAC", dstMACAddress: "02:00" }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface[0].dstMACAddress "02:00": a MAC address like "02:00:5e:10:00:01" (at /appTrafficRule/0/dstInterface/0/dstMACAddress)'],
      ["a field spelt as MEC 011 spells it", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "IP", dstIpAddress: "10.0.0.1" }] }] }, 'appDescriptor.appTrafficRule[0].dstInterface[0].dstIpAddress "10.0.0.1": unknown field; remove it or fix its spelling (MEC 010-2 names here: interfaceType, tunnelInfo, srcMACAddress, dstMACAddress, dstIPAddress) (at /appTrafficRule/0/dstInterface/0/dstIpAddress)'],
    ])("%s", (_name, patch, message) => {
      expect(problemsWith(patch)).toContain(message);
    });

    test("a misspelt top-level field, listing the AppD's fields", () => {
      expect(problemsWith({ appDnsRule: [] })).toEqual([
        expect.stringMatching(/^appDescriptor\.appDnsRule \[\]: unknown field; remove it or fix its spelling \(MEC 010-2 names here: appDId, appName, .*appDNSRule, .*\) \(at \/appDnsRule\)$/),
      ]);
    });

    test("something that is not an object at all", () => {
      expect(appDescriptorProblems("video")).toEqual(["appDescriptor: must be an object (an ETSI MEC 010-2 AppD)"]);
    });

    test("validateAppDescriptor throws one InputError listing every problem, headed by where it came from", () => {
      const thrown = (() => {
        try {
          validateAppDescriptor("csp1-platform/video", { ...minimal, appName: "", mecVersion: [] });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as InputError).message).toBe([
        "csp1-platform/video: invalid app descriptor (ETSI MEC 010-2 AppD):",
        '  - appDescriptor.appName "": required, a non-empty string (at /appName)',
        '  - appDescriptor.mecVersion []: list at least one MEC system version, e.g. ["2.2.1"] (at /mecVersion)',
      ].join("\n"));
    });
  });

  describe("the schema", () => {
    test("is the one scripts/derive-appd-schema.js derives from the ETSI files in ../shared/specs (regenerate it when this fails)", () => {
      const committed = JSON.parse(readFileSync(join(__dirname, "assets", "mec010-2-appd.schema.json"), "utf8"));
      expect(deriveAppDSchema(join(__dirname, "..", "..", "shared", "specs"))).toEqual(committed);
    });

    test("corrects doc2oas's placeholders with the text's values, so the test above can tell a stale file", () => {
      const { definitions } = JSON.parse(readFileSync(join(__dirname, "assets", "mec010-2-appd.schema.json"), "utf8"));
      expect(JSON.stringify(definitions)).not.toContain("SEE_DESCRIPTION");
      expect(definitions.DNSRuleDescriptor.properties.ipAddressType.enum).toEqual(["IP_V4", "IP_V6"]);
    });
  });

  describe("toAppInstanceRules: what the MEP's management API receives", () => {
    const rules = toAppInstanceRules(loadAppDescriptor(SAMPLE));

    test("identity and required services by name (optional services are not required)", () => {
      expect(rules.appName).toBe("Video Analytics");
      expect(rules.appProvider).toBe("ACME Edge");
      expect(rules.appDId).toBe("7c3f5a52-3b1d-4b8e-9d55-2f0c6f1e9a01");
      expect(rules.requiredServices).toEqual(["RNIS"]);
    });

    test("DNS rules become active MEC 011 DnsRules", () => {
      expect(rules.appDnsRule).toEqual([
        { dnsRuleId: "video-local", domainName: "video.mec.example.net", ipAddressType: "IP_V4", ipAddress: "10.20.0.15", ttl: 300, state: "ACTIVE" },
      ]);
    });

    test("interface fields and the tunnel type take their MEC 011 spelling", () => {
      const tap = rules.appTrafficRule.find((r) => r.trafficRuleId === "tap-gtp")!;
      expect(tap.state).toBe("ACTIVE");
      expect(tap.dstInterface).toEqual([
        { interfaceType: "TUNNEL", tunnelInfo: { tunnelType: "GTP_U", tunnelSrcAddress: "10.20.0.1", tunnelDstAddress: "10.30.0.1" } },
        { interfaceType: "MAC", srcMacAddress: "02:00:5e:10:00:01", dstMacAddress: "02:00:5e:10:00:02" },
      ]);
      const drop = rules.appTrafficRule.find((r) => r.trafficRuleId === "block-telnet")!;
      expect(drop.dstInterface).toBeUndefined();
    });

    test("every rule validates against the MEP's own MEC 011 schemas (DnsRule, TrafficRule)", () => {
      const doc = JSON.parse(readFileSync(join(__dirname, "..", "mep", "src", "spec", "mec011-schemas.json"), "utf8"));
      const ajv = new Ajv({ strict: false, allErrors: true });
      ajv.addSchema({ $id: "mec011", components: { schemas: doc.schemas } });
      const dnsRule = ajv.getSchema("mec011#/components/schemas/DnsRule")!;
      const trafficRule = ajv.getSchema("mec011#/components/schemas/TrafficRule")!;
      for (const r of rules.appDnsRule) expect([dnsRule(r), dnsRule.errors]).toEqual([true, null]);
      for (const r of rules.appTrafficRule) expect([trafficRule(r), trafficRule.errors]).toEqual([true, null]);
      // The same schemas refuse the MEC 010-2 spelling, so this test can fail.
      const raw = loadAppDescriptor(SAMPLE).appTrafficRule![1];
      expect(trafficRule({ ...raw, state: "ACTIVE" })).toBe(false);
    });
  });
});
