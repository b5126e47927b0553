import { Testing } from "../lib/cdk";
import { ClusterCredentials } from "../lib/cluster-pki";
import { validateCatalog } from "./catalog";
import { CspInfraStack } from "./csp-infra-stack";

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
