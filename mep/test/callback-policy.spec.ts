/** Where notifications may be sent (MEP_CALLBACK_ALLOWLIST), so subscriptions cannot aim the MEP at internal targets. */
import { CallbackPolicy } from "../src/notifications/callback-policy";

describe("CallbackPolicy", () => {
  test("without an allow-list: public and private addresses pass; loopback, link-local, metadata and multicast do not", () => {
    const policy = new CallbackPolicy([]);
    expect(policy.refusal("https://203.0.113.7/notify")).toBeUndefined();
    expect(policy.refusal("http://10.20.30.40:8080/cb")).toBeUndefined();
    expect(policy.refusal("http://consumer.apps.svc.cluster.local/cb")).toBeUndefined();
    for (const uri of ["http://127.0.0.1/x", "http://127.9.9.9/x", "http://[::1]/x", "http://169.254.169.254/latest", "http://169.254.1.1/x",
      "http://[fe80::1]/x", "http://0.0.0.0/x", "http://224.0.0.1/x", "http://[::ffff:127.0.0.1]/x", "http://localhost/x", "http://a.localhost/x"]) {
      expect([uri, policy.refusal(uri)]).toEqual([uri, expect.any(String)]);
    }
  });

  test("only http(s) absolute URIs without credentials are accepted", () => {
    const policy = new CallbackPolicy([]);
    expect(policy.refusal("ftp://203.0.113.7/x")).toMatch(/http or https/);
    expect(policy.refusal("/relative")).toMatch(/absolute URI/);
    expect(policy.refusal("http://user:pw@203.0.113.7/x")).toMatch(/credentials/);
  });

  test("with an allow-list, only the listed CIDRs and host names pass, and listing is what admits loopback", () => {
    const policy = new CallbackPolicy(["127.0.0.1/32", "10.0.0.0/8", "receiver.example"]);
    expect(policy.refusal("http://127.0.0.1:9000/x")).toBeUndefined();
    expect(policy.refusal("http://10.1.2.3/x")).toBeUndefined();
    expect(policy.refusal("http://receiver.example/x")).toBeUndefined();
    expect(policy.refusal("http://127.0.0.2/x")).toMatch(/not allowed/);
    expect(policy.refusal("http://203.0.113.7/x")).toMatch(/not allowed/);
    expect(policy.refusal("http://other.example/x")).toMatch(/not in MEP_CALLBACK_ALLOWLIST/);
  });

  test("before delivery, the addresses a host name resolves to are checked too (DNS rebinding)", async () => {
    // A resolver standing in for DNS records no real name here has: a public name that points at internal addresses.
    const records: Record<string, string[]> = { "rebound.example": ["203.0.113.9", "169.254.169.254"], "fine.example": ["203.0.113.9"] };
    const policy = new CallbackPolicy([], async (host) => (records[host] ?? []).map((address) => ({ address })));
    expect(policy.refusal("http://rebound.example/x")).toBeUndefined();
    expect(await policy.refusalAfterResolving("http://rebound.example/x")).toMatch(/resolves to 169.254.169.254/);
    expect(await policy.refusalAfterResolving("http://fine.example/x")).toBeUndefined();
    const listed = new CallbackPolicy(["rebound.example"], async (host) => (records[host] ?? []).map((address) => ({ address })));
    expect(await listed.refusalAfterResolving("http://rebound.example/x")).toBeUndefined();
  });
});
