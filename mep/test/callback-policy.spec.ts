/** Where notifications may be sent (MEP_CALLBACK_ALLOWLIST), so subscriptions cannot aim the MEP at internal targets. */
import { CallbackPolicy, DEFAULT_CLUSTER_CIDRS } from "../src/notifications/callback-policy";
import { postJson } from "../src/notifications/http-post";
import { Receiver } from "./support/receiver";

/** A resolver standing in for DNS records no real name here has; each name answers its addresses in turn, one call after another. */
function resolverOf(records: Record<string, string[][]>) {
  const calls: Record<string, number> = {};
  const resolve = async (host: string) => {
    const answers = records[host] ?? [[]];
    calls[host] = (calls[host] ?? 0) + 1;
    const answer = answers[Math.min(calls[host] - 1, answers.length - 1)];
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe("CallbackPolicy", () => {
  test("without an allow-list: public and private addresses pass; loopback, link-local, metadata and multicast do not", () => {
    const policy = new CallbackPolicy([]);
    expect(policy.refusal("https://203.0.113.7/notify")).toBeUndefined();
    expect(policy.refusal("http://10.20.30.40:8080/cb")).toBeUndefined();
    expect(policy.refusal("http://consumer.apps.example/cb")).toBeUndefined();
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

  test("an in-cluster app's namespace, listed as a suffix, lets its Services in and leaves the rest of the default policy as it is", async () => {
    const { resolve } = resolverOf({ "sample-echo-mec-app-sample.sample-echo.svc": [["10.43.12.34"]], "kubernetes.default.svc": [["10.43.0.1"]] });
    const policy = new CallbackPolicy([".sample-echo.svc"], DEFAULT_CLUSTER_CIDRS, resolve);
    expect(await policy.deliveryTarget("http://sample-echo-mec-app-sample.sample-echo.svc:8080/cb"))
      .toEqual({ connectTo: { address: "10.43.12.34", family: 4 } });
    expect(policy.refusal("http://kubernetes.default.svc/api")).toMatch(/cluster-internal name/);
    expect(policy.refusal("http://10.43.0.1/api")).toMatch(/cluster's pod or service range/);
    expect(policy.refusal("http://consumer.apps.example/cb")).toBeUndefined();
    expect(policy.refusal("http://127.0.0.1/x")).toMatch(/not allowed/);
  });

  test("by default the cluster's pod and service ranges and its internal names are refused, unless listed", () => {
    const policy = new CallbackPolicy([]);
    expect(DEFAULT_CLUSTER_CIDRS).toEqual(["10.42.0.0/16", "10.43.0.0/16"]);
    expect(policy.refusal("http://10.43.0.1/api")).toMatch(/10.43.0.1, in the cluster's pod or service range \(MEP_CLUSTER_CIDRS\)/);
    expect(policy.refusal("http://10.42.7.9:8080/cb")).toMatch(/cluster's pod or service range/);
    expect(policy.refusal("http://consumer.apps.svc.cluster.local/cb")).toMatch(/cluster-internal name/);
    expect(policy.refusal("http://kubernetes.default.svc/api")).toMatch(/cluster-internal name/);
    const custom = new CallbackPolicy([], ["172.20.0.0/16"]);
    expect(custom.refusal("http://10.43.0.1/x")).toBeUndefined();
    expect(custom.refusal("http://172.20.1.1/x")).toMatch(/cluster's pod or service range/);
    const allowed = new CallbackPolicy(["10.42.0.0/16", "consumer.apps.svc.cluster.local"]);
    expect(allowed.refusal("http://10.42.7.9:8080/cb")).toBeUndefined();
    expect(allowed.refusal("http://consumer.apps.svc.cluster.local/cb")).toBeUndefined();
    expect(allowed.refusal("http://10.43.0.1/api")).toMatch(/not allowed/);
  });

  test("before delivery, the addresses a host name resolves to are checked too (DNS rebinding), and the checked one is the target", async () => {
    const { resolve } = resolverOf({
      "rebound.example": [["203.0.113.9", "169.254.169.254"]], "fine.example": [["203.0.113.9", "203.0.113.10"]], "inward.example": [["10.43.0.10"]],
    });
    const policy = new CallbackPolicy([], DEFAULT_CLUSTER_CIDRS, resolve);
    expect(policy.refusal("http://rebound.example/x")).toBeUndefined();
    expect((await policy.deliveryTarget("http://rebound.example/x")).refusal).toMatch(/resolves to 169.254.169.254/);
    expect((await policy.deliveryTarget("http://inward.example/x")).refusal).toMatch(/resolves to 10.43.0.10, in the cluster's pod or service range/);
    expect(await policy.deliveryTarget("http://fine.example/x")).toEqual({ connectTo: { address: "203.0.113.9", family: 4 } });
    expect(await policy.deliveryTarget("http://[2001:db8::5]:8080/x")).toEqual({ connectTo: { address: "2001:db8::5", family: 6 } });
    expect((await policy.deliveryTarget("http://nowhere.example/x")).refusal).toMatch(/resolves to no address/);
    const listed = new CallbackPolicy(["rebound.example"], DEFAULT_CLUSTER_CIDRS, resolve);
    expect(await listed.deliveryTarget("http://rebound.example/x")).toEqual({ connectTo: { address: "203.0.113.9", family: 4 } });
  });

  test("a delivery connects to the checked address and resolves nothing again, even when the name would now answer differently", async () => {
    const receiver = await new Receiver().start();
    try {
      const port = receiver.port;
      // First answer: the receiver on loopback (allowed by the list); any later answer: the metadata address.
      const { resolve, calls } = resolverOf({ "callback.invalid": [["127.0.0.1"], ["169.254.169.254"]] });
      const policy = new CallbackPolicy(["127.0.0.1/32", "callback.invalid"], DEFAULT_CLUSTER_CIDRS, resolve);
      const target = await policy.deliveryTarget(`http://callback.invalid:${port}/pinned`);
      if (target.refusal !== undefined) throw new Error(target.refusal);
      // .invalid never resolves in real DNS: reaching the receiver proves the connection used the checked address.
      expect(await postJson(`http://callback.invalid:${port}/pinned`, JSON.stringify({ n: 1 }), 2000, target.connectTo)).toBe(204);
      expect(receiver.on("/pinned")).toEqual([{ n: 1 }]);
      expect(receiver.hosts("/pinned")).toEqual([`callback.invalid:${port}`]);
      expect(calls["callback.invalid"]).toBe(1);
    } finally {
      await receiver.stop();
    }
  });
});
