import { join } from "path";
import { EXAMPLES_DIR, synthCatalog } from "../test/synth";

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
});
