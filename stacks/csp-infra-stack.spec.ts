import { Testing } from "../lib/cdk";
import { ClusterCredentials } from "../lib/cluster-pki";
import { validateCatalog } from "./catalog";
import { CspInfraStack } from "./csp-infra-stack";
import { k3sConfigOf } from "../test/support/k3s-config";

const pair = { certificatePem: "CERT", privateKeyPem: "KEY" };
const credentials: ClusterCredentials = {
  serverCa: pair, clientCa: pair, requestHeaderCa: pair, admin: pair, nodeDrainer: pair, joinSecret: "join-secret",
};

describe("CSP infra stack", () => {
  it("acts in the CSP's project on every VIM, in the Keystone domain of that VIM's identity service and the VIM's region", () => {
    // core-2 is another region of core's cloud (its projects are core's, in domain d0main); edge has its own Keystone.
    const catalog = validateCatalog({
      vims: {
        core: { cloud: "nsp-core", externalNetwork: "public", domain: "d0main" },
        "core-2": { cloud: "nsp-core-2", externalNetwork: "public", identityOf: "core", region: "RegionTwo" },
        edge: { cloud: "nsp-edge", externalNetwork: "public" },
      },
      csps: [{
        name: "acme", mode: "b2c",
        cluster: {
          vim: "core", multiSite: true, apiAllowedCidrs: ["198.51.100.0/24"],
          workerPools: { main: { size: 1, flavor: "m1" }, r2: { size: 1, flavor: "m1", vim: "core-2" }, far: { size: 1, flavor: "m1", vim: "edge" } },
        },
      }],
    });
    const stack = new CspInfraStack(Testing.app(), "acme-infra", { catalog, csp: catalog.csps[0], credentials });
    expect(JSON.parse(Testing.synth(stack)).provider.openstack).toEqual([
      { alias: "core", cloud: "acme-core", tenant_name: "csp-acme", project_domain_id: "d0main" },
      { alias: "core-2", cloud: "acme-core-2", tenant_name: "csp-acme", project_domain_id: "d0main", region: "RegionTwo" },
      { alias: "edge", cloud: "acme-edge", tenant_name: "csp-acme" },
    ]);
  });
});

describe("CSP infra stack's nodes", () => {
  it("fetch k3s from the catalog's mirror and check it against the catalog's checksum", () => {
    const sha256 = "ab".repeat(32);
    const catalog = validateCatalog({
      vims: { core: { cloud: "nsp-core", externalNetwork: "public" } },
      csps: [{
        name: "acme", mode: "b2c",
        cluster: { vim: "core", controllerSchedulable: true, apiAllowedCidrs: ["198.51.100.0/24"], k3sDownloadUrl: "http://mirror.edge.example.net/k3s", k3sSha256: sha256 },
      }],
    });
    const stack = new CspInfraStack(Testing.app(), "acme-infra", { catalog, csp: catalog.csps[0], credentials });
    const [controller] = Object.values(JSON.parse(Testing.synth(stack)).resource.openstack_compute_instance_v2) as { user_data: string }[];
    const env = /path: \/etc\/mecaas\/k3s\.env\n\s+encoding: b64\n\s+content: (\S+)/.exec(controller.user_data);
    expect(Buffer.from(env![1], "base64").toString()).toContain(`K3S_DOWNLOAD_URL=http://mirror.edge.example.net/k3s\nK3S_SHA256=${sha256}\n`);
  });
});

describe("CSP infra stack from the catalog's cluster fields", () => {
  const synth = (cluster: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const catalog = validateCatalog({
      vims: { core: { cloud: "nsp-core", externalNetwork: "public" }, edge: { cloud: "nsp-edge", externalNetwork: "public" } },
      sharedNetworks: [{ name: "ran", vim: "edge", network: "ran-access" }, { name: "mgmt", vim: "core", network: "nsp-mgmt" }],
      csps: [{ name: "acme", mode: "b2c", cluster: { vim: "core", apiAllowedCidrs: ["198.51.100.0/24"], ...cluster }, ...extra }],
    });
    const json = JSON.parse(Testing.synth(new CspInfraStack(Testing.app(), "acme-infra", { catalog, csp: catalog.csps[0], credentials })));
    const servers = Object.fromEntries(Object.values(json.resource.openstack_compute_instance_v2 as Record<string, any>).map((s) => [s.name, s]));
    return { json, servers };
  };

  it("attaches every worker on a shared network's VIM to it, found in the CSP's project: a port each, plugged into the server", () => {
    const { json } = synth({ multiSite: true, workerPools: { main: { size: 1, flavor: "m1" }, far: { size: 2, flavor: "m1", vim: "edge" } } },
      { sharedNetworks: ["ran"] });
    expect(Object.values(json.data.openstack_networking_network_v2)).toContainEqual({ name: "ran-access", provider: "openstack.edge" });
    const ports = Object.values(json.resource.openstack_networking_port_v2 as Record<string, any>).filter((p) => p.name.includes("attached"));
    expect(ports.map((p) => [p.name, p.network_id, p.provider])).toEqual([
      ["acme-worker-far-0-attached-0", "${data.openstack_networking_network_v2.shared-network-ran.id}", "openstack.edge"],
      ["acme-worker-far-1-attached-0", "${data.openstack_networking_network_v2.shared-network-ran.id}", "openstack.edge"],
    ]);
    expect(Object.keys(json.resource.openstack_compute_interface_attach_v2)).toHaveLength(2);
  });

  it("passes volume sizes, DNS servers, anti-affinity, edge node networks and k3s settings to the cluster", () => {
    const { json, servers } = synth({
      multiSite: true, controllerVolumeSize: 80, dnsNameservers: ["192.0.2.53"], antiAffinity: "hard",
      edgeNodeCidrs: { edge: "10.77.0.0/24" }, k3sServerConfig: { disable: ["traefik"] },
      workerPools: { main: { size: 1, flavor: "m1", volumeSize: 100 }, far: { size: 1, flavor: "m1", vim: "edge" } },
    });
    expect(servers["acme-controller"].block_device[0].volume_size).toBe(80);
    expect(servers["acme-main-0"].block_device[0].volume_size).toBe(100);
    const subnets = Object.fromEntries(Object.values(json.resource.openstack_networking_subnet_v2 as Record<string, any>).map((s) => [s.name, s]));
    expect(subnets["acme-edge-nodes"].cidr).toBe("10.77.0.0/24");
    expect(subnets["acme-core-nodes"].dns_nameservers).toEqual(["192.0.2.53"]);
    expect(Object.values(json.resource.openstack_compute_servergroup_v2 as Record<string, any>).map((g) => g.policies)).toEqual([["anti-affinity"], ["anti-affinity"]]);
    expect(k3sConfigOf(servers["acme-controller"].user_data).disable).toEqual(["traefik"]);
  });
});

describe("CSP infra stack's OpenStack integration (cluster.openstackIntegration)", () => {
  const infra = (cluster: Record<string, unknown>) => {
    const catalog = validateCatalog({
      vims: { core: { cloud: "nsp-core", externalNetwork: "public" } },
      csps: [{ name: "acme", mode: "b2c", cluster: { vim: "core", controllerSchedulable: true, apiAllowedCidrs: ["198.51.100.0/24"], ...cluster } }],
    });
    const stack = new CspInfraStack(Testing.app(), "acme-infra", { catalog, csp: catalog.csps[0], credentials });
    const resources = JSON.parse(Testing.synth(stack)).resource;
    const [controller] = Object.values(resources.openstack_compute_instance_v2) as { user_data: string }[];
    return { credentials: Object.values<any>(resources.openstack_identity_application_credential_v3 ?? {}), k3s: k3sConfigOf(controller.user_data) };
  };

  it("by default: the cluster's application credential with member only, and k3s left to the OpenStack CCM", () => {
    const { credentials: made, k3s } = infra({});
    expect(made.map((c) => [c.name, c.roles])).toEqual([["acme-cloud-provider", ["member"]]]);
    expect(k3s).toMatchObject({ "disable-cloud-controller": true, "kubelet-arg": ["cloud-provider=external"] });
  });

  it("octaviaLoadBalancers adds load-balancer_member; openstackIntegration false makes no credential and keeps k3s's own", () => {
    expect(infra({ octaviaLoadBalancers: true }).credentials[0].roles).toEqual(["member", "load-balancer_member"]);
    const off = infra({ openstackIntegration: false });
    expect(off.credentials).toEqual([]);
    expect(off.k3s["kubelet-arg"]).toBeUndefined();
  });
});
