import { join } from "path";
import { Testing } from "../lib/cdk";
import { EXAMPLES_DIR, synthCatalog } from "../test/synth";
import { validateCatalog } from "./catalog";
import { NspStack } from "./nsp-stack";

const nsp = synthCatalog(join(EXAMPLES_DIR, "catalog.yaml")).find((s) => s.name === "nsp")!.json;
const schema = require("../.gen/providers/openstack/provider-schema.json").provider_schemas[
  "registry.terraform.io/terraform-provider-openstack/openstack"].resource_schemas;

/**
 * The quota fields a resource type has in the real provider's schema, less ids, region, nova-network proxies (their
 * limits live in Neutron's quota) and the per-volume-type map.
 */
function quotaFields(type: string): string[] {
  const notQuotas = new Set(["id", "project_id", "region", "timeouts", "fixed_ips", "floating_ips", "security_groups",
    "security_group_rules", "volume_type_quota"]);
  return Object.keys(schema[type].block.attributes).filter((a) => !notQuotas.has(a)).sort();
}

describe("NSP stack", () => {
  it.each(["openstack_compute_quotaset_v2", "openstack_networking_quota_v2", "openstack_blockstorage_quotaset_v3"])(
    "sets every quota field of %s for every CSP project", (type) => {
      const quotas = Object.values(nsp.resource[type]) as any[];
      expect(quotas).toHaveLength(3); // acme on core and edge-a, globex on core
      for (const quota of quotas) {
        const set = Object.keys(quota).filter((k) => !["//", "provider", "project_id"].includes(k)).sort();
        expect(set).toEqual(quotaFields(type));
        expect(quota.project_id).toMatch(/^\$\{openstack_identity_project_v3\.[^}]+\.id\}$/);
      }
    });

  it("takes a CSP's own quota values over the defaults", () => {
    const acme = (Object.values(nsp.resource.openstack_compute_quotaset_v2) as any[])
      .find((q) => q.project_id.includes("acme-core"));
    expect(acme).toMatchObject({ instances: 8, cores: 32, ram: 65536 });
  });

  it("grants each CSP's group the member role on its project only", () => {
    const assignments = Object.entries(nsp.resource.openstack_identity_role_assignment_v3) as [string, any][];
    for (const [key, assignment] of assignments) {
      const csp = key.replace(/-role$/, "");
      expect(assignment.group_id).toBe(`\${openstack_identity_group_v3.${csp}-group.id}`);
      expect(assignment.project_id).toBe(`\${openstack_identity_project_v3.${csp}-project.id}`);
    }
    expect(Object.values(nsp.data.openstack_identity_role_v3).map((r: any) => r.name)).toEqual(["member", "member"]);
  });

  it("shares an edge network only with the CSPs that asked for it", () => {
    expect(Object.values(nsp.resource.openstack_networking_rbac_policy_v2)).toEqual([expect.objectContaining({
      action: "access_as_shared",
      object_type: "network",
      target_tenant: "${openstack_identity_project_v3.acme-edge-a-project.id}",
      provider: "openstack.edge-a",
    })]);
  });

  describe("VIMs served by one Keystone (regions of one cloud)", () => {
    // core-2 is a second region of core's cloud; edge has a Keystone of its own. acme has nodes on all three.
    const catalog = validateCatalog({
      vims: {
        core: { cloud: "nsp-core", externalNetwork: "public", domain: "d0main" },
        "core-2": { cloud: "nsp-core-2", externalNetwork: "public", identityOf: "core", region: "RegionTwo" },
        edge: { cloud: "nsp-edge", externalNetwork: "public" },
      },
      sharedNetworks: [{ name: "ran", vim: "core-2", network: "ran-access" }],
      csps: [{
        name: "acme", mode: "b2c", sharedNetworks: ["ran"],
        cluster: {
          vim: "core", multiSite: true, apiAllowedCidrs: ["198.51.100.0/24"],
          workerPools: { main: { size: 1, flavor: "m1" }, r2: { size: 1, flavor: "m1", vim: "core-2" }, far: { size: 1, flavor: "m1", vim: "edge" } },
        },
      }],
    });
    const json = JSON.parse(Testing.synth(new NspStack(Testing.app(), "nsp", { catalog })));

    it("acts on each VIM with its admin entry, in its region", () => {
      expect(json.provider.openstack).toEqual([
        { alias: "core", cloud: "nsp-core" },
        { alias: "core-2", cloud: "nsp-core-2", region: "RegionTwo" },
        { alias: "edge", cloud: "nsp-edge" },
      ]);
    });
    const all = (type: string) => Object.entries(json.resource[type] ?? {}) as [string, any][];
    const ref = (type: string, key: string) => `\${${type}.${key}.id}`;
    const projectOf = (keystone: string) => ref("openstack_identity_project_v3",
      all("openstack_identity_project_v3").map(([key]) => key).find((key) => key.startsWith(`acme-${keystone}-project`))!);

    it("makes the project, the group and the role assignment once per Keystone, in the domain asked for", () => {
      const projects = all("openstack_identity_project_v3");
      expect(projects.map(([key, p]) => [key.replace(/_[0-9A-F]{8}$/, ""), p.provider, p.domain_id])).toEqual([
        ["acme-core-project", "openstack.core", "d0main"], ["acme-edge-project", "openstack.edge", undefined],
      ]);
      expect(all("openstack_identity_group_v3").map(([, g]) => [g.provider, g.name, g.domain_id]))
        .toEqual([["openstack.core", "csp-acme", "d0main"], ["openstack.edge", "csp-acme", undefined]]);
      expect(all("openstack_identity_role_assignment_v3").map(([, r]) => r.provider)).toEqual(["openstack.core", "openstack.edge"]);
      expect(Object.values(json.data.openstack_identity_role_v3).map((r: any) => r.provider)).toEqual(["openstack.core", "openstack.edge"]);
    });

    it.each(["openstack_compute_quotaset_v2", "openstack_networking_quota_v2", "openstack_blockstorage_quotaset_v3"])(
      "sets %s per VIM, with that VIM's own provider, on the project of its Keystone", (type) => {
        const [coreProject, edgeProject] = [projectOf("core"), projectOf("edge")];
        expect(all(type).map(([, q]) => [q.provider, q.project_id]).sort()).toEqual([
          ["openstack.core", coreProject], ["openstack.core-2", coreProject], ["openstack.edge", edgeProject],
        ]);
      });

    it("shares a network of the second region with the shared project, and names the project for every VIM", () => {
      const coreProject = projectOf("core");
      expect(all("openstack_networking_rbac_policy_v2").map(([, p]) => [p.provider, p.target_tenant])).toEqual([["openstack.core-2", coreProject]]);
      expect(Object.keys(json.output).sort()).toEqual(["acme-core-2-project-id", "acme-core-project-id", "acme-edge-project-id"]);
      expect(json.output["acme-core-2-project-id"].value).toBe(coreProject);
    });
  });

  it("keeps the construct ids (state addresses) of VIMs with a Keystone of their own", () => {
    const keys = Object.values(nsp.resource).flatMap((byKey: any) => Object.keys(byKey)).map((k) => k.replace(/_[0-9A-F]{8}$/, "")).sort();
    expect(keys.filter((k) => k.startsWith("acme-"))).toEqual([
      "acme-core-compute-quota", "acme-core-group", "acme-core-network-quota", "acme-core-project", "acme-core-role", "acme-core-volume-quota",
      "acme-edge-a-compute-quota", "acme-edge-a-group", "acme-edge-a-network-quota", "acme-edge-a-project", "acme-edge-a-role",
      "acme-edge-a-shares-ran-access", "acme-edge-a-volume-quota",
    ]);
  });
});
