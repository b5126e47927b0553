import Ajv from "ajv";
import { readFileSync } from "fs";
import { join } from "path";
import { AppDescriptor, appDescriptorProblems, loadAppDescriptor, toAppInstanceRules, validateAppDescriptor } from "./app-descriptor";

const SAMPLE = join(__dirname, "testdata", "video-analytics.appd.yaml");

const minimal: AppDescriptor = {
  appDId: "0d9a2c6e-8c1f-4c0e-b1c4-3f1a2b3c4d5e",
  appName: "echo",
  appProvider: "mecaas",
  appSoftVersion: "1.0.0",
  appDVersion: "1.0",
  mecVersion: ["2.2.1"],
};

/** The problems of `minimal` changed by `patch`. */
function problemsWith(patch: Record<string, unknown>): string[] {
  return appDescriptorProblems({ ...minimal, ...patch });
}

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

    test("a full AppD read from YAML: services, features, DNS and traffic rules of every action shape", () => {
      const appD = loadAppDescriptor(SAMPLE);
      expect(appD.appName).toBe("Video Analytics");
      expect(appD.appTrafficRule).toHaveLength(3);
    });
  });

  describe("refuses, naming the field, the value and the fix", () => {
    test.each<[string, Record<string, unknown>, RegExp]>([
      ["a missing appDId", { appDId: undefined }, /^appDescriptor\.appDId \(missing\): required, a non-empty string$/],
      ["an empty appName", { appName: " " }, /^appDescriptor\.appName " ": required/],
      ["no MEC version", { mecVersion: [] }, /^appDescriptor\.mecVersion \[\]: list at least one MEC system version/],
      ["a MEC version that is no version", { mecVersion: ["v2"] }, /^appDescriptor\.mecVersion\[0\] "v2": a version like "2\.2\.1"/],
      ["a misspelt top-level field", { appDnsRule: [] }, /^appDescriptor\.appDnsRule: unknown field/],
      ["a required service without version", { appServiceRequired: [{ serName: "RNIS" }] }, /^appDescriptor\.appServiceRequired\[0\]\.version \(missing\)/],
      ["the same service required twice", { appServiceRequired: [{ serName: "RNIS", version: "1" }, { serName: "RNIS", version: "2" }] }, /serName "RNIS" appears more than once/],
      ["a produced service with an unknown serializer", { appServiceProduced: [{ serName: "x", version: "1", transportsSupported: [{ serializers: ["YAML"] }] }] }, /transportsSupported\[0\]\.serializers\[0\] "YAML": must be one of JSON, XML, PROTOBUF3/],
      ["a DNS rule for a name that is no FQDN", { appDNSRule: [{ dnsRuleId: "d", domainName: "video", ipAddressType: "IP_V4", ipAddress: "10.0.0.1" }] }, /appDNSRule\[0\]\.domainName "video": a fully qualified domain name/],
      ["a DNS rule whose address does not match its type", { appDNSRule: [{ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V6", ipAddress: "10.0.0.1" }] }, /appDNSRule\[0\]\.ipAddress "10\.0\.0\.1": is an IPv4 address but ipAddressType is IP_V6/],
      ["a DNS rule with an address that is none", { appDNSRule: [{ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V4", ipAddress: "10.0.0.256" }] }, /ipAddress "10\.0\.0\.256": an IPv4 or IPv6 address/],
      ["two DNS rules with one id", { appDNSRule: [1, 2].map(() => ({ dnsRuleId: "d", domainName: "v.example.net", ipAddressType: "IP_V4", ipAddress: "10.0.0.1" })) }, /dnsRuleId "d" appears more than once/],
      ["a traffic rule priority above 255", { appTrafficRule: [{ ...rule, priority: 300 }] }, /appTrafficRule\[0\]\.priority 300: a whole number from 0 to 255/],
      ["an unknown action", { appTrafficRule: [{ ...rule, action: "FORWARD" }] }, /appTrafficRule\[0\]\.action "FORWARD": must be one of DROP, /],
      ["a traffic rule without filters", { appTrafficRule: [{ ...rule, trafficFilter: [] }] }, /trafficFilter \[\]: give at least one filter/],
      ["an empty filter, which would match every packet", { appTrafficRule: [{ ...rule, trafficFilter: [{}] }] }, /trafficFilter\[0\]: an empty filter matches every packet/],
      ["a port range upside down", { appTrafficRule: [{ ...rule, trafficFilter: [{ dstPort: ["90-80"] }] }] }, /trafficFilter\[0\]\.dstPort\[0\] "90-80": a port or range/],
      ["a source prefix longer than the address", { appTrafficRule: [{ ...rule, trafficFilter: [{ srcAddress: ["10.0.0.0/33"] }] }] }, /srcAddress\[0\] "10\.0\.0\.0\/33": an IP address, prefix or range/],
      ["a DSCP out of range", { appTrafficRule: [{ ...rule, trafficFilter: [{ dSCP: 64 }] }] }, /dSCP 64: a whole number from 0 to 63/],
      ["a destination interface on DROP", { appTrafficRule: [{ ...rule, dstInterface: [{ interfaceType: "IP", dstIPAddress: "10.0.0.1" }] }] }, /dstInterface: action DROP takes 0 destination interfaces, found 1/],
      ["FORWARD without its destination", { appTrafficRule: [{ ...rule, action: "FORWARD_ENCAPSULATED" }] }, /dstInterface: action FORWARD_ENCAPSULATED takes 1 destination interface, found 0/],
      ["DUPLICATE with one destination", { appTrafficRule: [{ ...rule, action: "DUPLICATE_DECAPSULATED", dstInterface: [{ interfaceType: "IP", dstIPAddress: "10.0.0.1" }] }] }, /action DUPLICATE_DECAPSULATED takes 2 destination interfaces, found 1/],
      ["a tunnel interface without tunnel info", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "TUNNEL" }] }] }, /dstInterface\[0\]\.tunnelInfo: required when interfaceType is TUNNEL/],
      ["a tunnel type spelt the MEC 011 way", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "TUNNEL", tunnelInfo: { tunnelType: "GTP_U", tunnelSrcAddress: "10.0.0.1", tunnelDstAddress: "10.0.0.2" } }] }] }, /tunnelInfo\.tunnelType "GTP_U": must be one of GTP-U, GRE/],
      ["a MAC address that is none", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "MAC", dstMACAddress: "02:00" }] }] }, /dstMACAddress "02:00": a MAC address/],
      ["a field spelt as MEC 011 spells it", { appTrafficRule: [{ ...rule, action: "PASSTHROUGH", dstInterface: [{ interfaceType: "IP", dstIpAddress: "10.0.0.1" }] }] }, /dstInterface\[0\]\.dstIpAddress: unknown field/],
    ])("%s", (_name, patch, message) => {
      const problems = problemsWith(patch);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    });

    test("something that is not an object at all", () => {
      expect(appDescriptorProblems("video")).toEqual(["appDescriptor: must be an object (an ETSI MEC 010-2 AppD)"]);
    });

    test("validateAppDescriptor throws one error listing every problem, prefixed with where it came from", () => {
      expect(() => validateAppDescriptor("csp1-platform/video", { ...minimal, appName: "", mecVersion: [] })).toThrow(
        /^csp1-platform\/video: invalid app descriptor \(ETSI MEC 010-2 AppD\):\n  - appDescriptor\.appName "": required.*\n  - appDescriptor\.mecVersion \[\]/,
      );
    });

    test("loadAppDescriptor names the file", () => {
      const file = join(__dirname, "testdata", "video-analytics.appd.yaml");
      expect(() => validateAppDescriptor(file, { ...loadAppDescriptor(file), appDId: "has space" })).toThrow(
        /video-analytics\.appd\.yaml: invalid app descriptor[\s\S]*appDId "has space": must not contain spaces/,
      );
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
