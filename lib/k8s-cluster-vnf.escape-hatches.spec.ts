import { TerraformOutput, TerraformStack, Testing } from "./cdk";
import { Vim } from "./vim";
import { K8sClusterVnf, K8sClusterVnfProps } from "./k8s-cluster-vnf";
import { placeholderCredentials } from "../test/support/cluster-credentials";
import { NetworkingSecgroupV2 } from "../.gen/providers/openstack/networking-secgroup-v2";
import { InputError } from "./validation";
import { k3sConfigOf } from "../test/support/k3s-config";

/* What K8sClusterVnf gives a user to build on: its resources read-only, ports opened to peers, k3s settings of one's own,
 * networks attached to a pool's nodes. */

const credentials = placeholderCredentials;

function cluster(props: Partial<K8sClusterVnfProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "infra");
  const core = new Vim(stack, "core", { externalNetwork: "public" });
  const edge = new Vim(stack, "edge1", { externalNetwork: "public" });
  const vnf = new K8sClusterVnf(stack, "acme", {
    vim: core, edgeVims: [edge], credentials, apiAllowedCidrs: ["198.51.100.0/24"],
    workerPools: { main: { size: 2, flavor: "m1.large" } },
    ...props,
  });
  return { stack, vnf, resources: () => JSON.parse(Testing.synth(stack)).resource as Record<string, Record<string, any>> };
}

const named = (resources: Record<string, Record<string, any>>, type: string) =>
  Object.fromEntries(Object.entries(resources[type] ?? {}).map(([key, r]) => [r.name ?? key, r]));

describe("K8sClusterVnf escape hatches", () => {
  test("exposes the network, subnet, router, security groups and servers it made", () => {
    const { vnf } = cluster({ multiSite: true, workerPools: { main: { size: 2, flavor: "m1.large" }, far: { size: 1, flavor: "m1.small", vim: "edge1" } } });
    expect(Object.keys(vnf.sites)).toEqual(["core", "edge1"]);
    expect(vnf.mainSite).toBe(vnf.sites.core);
    expect([vnf.mainSite.network.nameInput, vnf.mainSite.subnet.nameInput, vnf.mainSite.router.nameInput]).toEqual(["acme-core-nodes", "acme-core-nodes", "acme-core"]);
    expect([vnf.sites.edge1.nodesGroup.nameInput, vnf.sites.edge1.workersGroup.nameInput, vnf.controllersSecurityGroup.nameInput])
      .toEqual(["acme-edge1-nodes", "acme-edge1-workers", "acme-controller"]);
    expect(vnf.controllerServers.map((s) => s.nameInput)).toEqual(["acme-controller"]);
    expect(Object.fromEntries(Object.entries(vnf.poolServers).map(([pool, servers]) => [pool, servers.map((s) => s.nameInput)])))
      .toEqual({ main: ["acme-main-0", "acme-main-1"], far: ["acme-far-0"] });
  });

  test("knows each node's address on its network: the server's fixed, the workers' from Neutron", () => {
    const { vnf, stack } = cluster();
    const addresses = vnf.nodeAddresses;
    expect(Object.keys(addresses)).toEqual(["acme-controller", "acme-main-0", "acme-main-1"]);
    expect(addresses["acme-controller"]).toBe("10.20.0.10");
    new TerraformOutput(stack, "worker-address", { value: addresses["acme-main-0"] });
    expect(JSON.parse(Testing.synth(stack)).output["worker-address"].value).toMatch(/^\$\{element\(openstack_networking_port_v2\.acme_worker-main-0-port_[0-9A-F]+\.all_fixed_ips, 0\)\}$/);
  });

  describe("allowFrom", () => {
    test("opens a port to a peer CIDR on the workers of every site", () => {
      const { vnf, resources } = cluster({ multiSite: true, workerPools: { main: { size: 1, flavor: "m1" }, far: { size: 1, flavor: "m1", vim: "edge1" } } });
      vnf.allowFrom("metrics", "192.0.2.0/24", 9100);
      const rules = Object.entries(resources().openstack_networking_secgroup_rule_v2).filter(([key]) => key.includes("allow-metrics"));
      expect(rules.map(([, r]) => [r.protocol, r.port_range_min, r.port_range_max, r.remote_ip_prefix, r.security_group_id]).sort()).toEqual([
        ["tcp", 9100, 9100, "192.0.2.0/24", expect.stringMatching(/acme_site-core-workers-secgroup/)],
        ["tcp", 9100, 9100, "192.0.2.0/24", expect.stringMatching(/acme_site-edge1-workers-secgroup/)],
      ].sort());
    });

    test("opens a range to a security group of one's own, on the servers", () => {
      const { vnf, stack, resources } = cluster();
      const monitoring = new NetworkingSecgroupV2(stack, "monitoring", { name: "monitoring" });
      vnf.allowFrom("etcd-metrics", monitoring, [2381, 2382], { to: "controllers", protocol: "tcp" });
      const [rule] = Object.entries(resources().openstack_networking_secgroup_rule_v2).filter(([key]) => key.includes("allow-etcd-metrics")).map(([, r]) => r);
      expect(rule).toMatchObject({ port_range_min: 2381, port_range_max: 2382, remote_group_id: "${openstack_networking_secgroup_v2.monitoring.id}" });
      expect(rule.security_group_id).toMatch(/acme_controller-secgroup/);
    });

    test.each<[string, string, number | [number, number], string]>([
      ["a peer that is no CIDR", "192.0.2.1", 80, 'infra/acme: allowFrom(web) peer "192.0.2.1" is invalid: give an IPv4 network in CIDR form with no host bits set (e.g. "10.10.0.0/16")'],
      ["a port out of range", "192.0.2.0/24", 70000, "infra/acme: allowFrom(web) port 70000 is invalid: give a port from 1 to 65535, or a range [from, to] with from <= to"],
      ["a range upside down", "192.0.2.0/24", [90, 80], "infra/acme: allowFrom(web) port [90,80] is invalid: give a port from 1 to 65535, or a range [from, to] with from <= to"],
    ])("refuses %s", (_name, peer, port, message) => {
      const { vnf } = cluster();
      expect(() => vnf.allowFrom("web", peer, port)).toThrow(new InputError("infra/acme", [message.replace("infra/acme: ", "")]));
    });
  });

  describe("k3s settings of one's own", () => {
    test("are merged under the construct's on servers and agents", () => {
      const { resources } = cluster({ k3sServerConfig: { disable: ["traefik", "servicelb"] }, k3sAgentConfig: { "kubelet-arg": ["max-pods=50"] } });
      const servers = named(resources(), "openstack_compute_instance_v2");
      expect(k3sConfigOf(servers["acme-controller"].user_data)).toMatchObject({ disable: ["traefik", "servicelb"], "node-name": "acme-controller", "cluster-cidr": "10.42.0.0/16" });
      expect(k3sConfigOf(servers["acme-main-0"].user_data)).toMatchObject({ "kubelet-arg": ["max-pods=50"], "node-name": "acme-main-0" });
      expect(k3sConfigOf(servers["acme-main-0"].user_data)).not.toHaveProperty("disable");
    });

    test.each<[string, Partial<K8sClusterVnfProps>, string]>([
      ["a server setting the construct owns", { k3sServerConfig: { "cluster-cidr": "10.99.0.0/16" } }, 'k3sServerConfig.cluster-cidr "10.99.0.0/16" is invalid'],
      ["an agent setting the construct sets on that node", { k3sAgentConfig: { "node-label": ["a=b"] } }, 'k3sAgentConfig.node-label ["a=b"] is invalid'],
      ["etcd settings (etcdSnapshots owns them)", { k3sServerConfig: { "etcd-snapshot-retention": 3 } }, "k3sServerConfig.etcd-snapshot-retention 3 is invalid"],
    ])("refuse %s, naming the props to use", (_name, props, start) => {
      expect(() => cluster(props)).toThrow(`infra/acme: ${start}: K8sClusterVnf sets this k3s setting itself`);
    });
  });

  test("attaches each node of a pool to the networks it names, by a port of its own plugged into the running server", () => {
    const { resources } = cluster({ workerPools: { main: { size: 2, flavor: "m1", attachedNetworkIds: ["ran-net-id"] } } });
    const r = resources();
    const ports = Object.entries(r.openstack_networking_port_v2).filter(([key]) => key.includes("attached"));
    expect(ports.map(([, p]) => [p.name, p.network_id])).toEqual([["acme-worker-main-0-attached-0", "ran-net-id"], ["acme-worker-main-1-attached-0", "ran-net-id"]]);
    expect(ports[0][1].security_group_ids).toEqual([expect.stringMatching(/acme_site-core-workers-secgroup/)]);
    const attachments = Object.values(r.openstack_compute_interface_attach_v2 ?? {});
    expect(attachments).toHaveLength(2);
    expect(attachments[0]).toMatchObject({ instance_id: expect.stringMatching(/acme_worker-main-0-server/), port_id: expect.stringMatching(/acme_worker-main-0-attached-0-port/) });
  });
});

describe("K8sClusterVnf's derived edge node networks", () => {
  test("a node network at the end of the address space leaves no room for an edge VIM's: an InputError names the fix", () => {
    expect(() => cluster({ multiSite: true, nodeCidr: "255.255.255.0/24", workerPools: { far: { size: 1, flavor: "m1", vim: "edge1" } } }))
      .toThrow(new InputError("infra/acme", "nodeCidr", "255.255.255.0/24", "no room after it for the node network of edge VIM edge1; set edgeNodeCidrs.edge1"));
  });
});
