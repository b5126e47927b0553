import { join } from "path";
import { loadCatalog } from "../stacks/catalog";
import { EXAMPLES_DIR, SynthesizedStack, synthCatalog } from "./synth";

/*
 * No CSP can reach another's cluster, MEP or Edge MANO: each CSP's resources live in its own project, on its own
 * networks, behind security groups whose every rule admits only that CSP's own nodes and the CIDRs its catalog
 * entry names. Proven on the two-CSP example, rule by rule.
 */
const catalogPath = join(EXAMPLES_DIR, "catalog.yaml");
const catalog = loadCatalog(catalogPath);
const stacks = synthCatalog(catalogPath);
const stack = (name: string): SynthesizedStack => stacks.find((s) => s.name === name)!;

describe.each(catalog.csps.map((c) => [c.name, c]))("CSP %s", (name, csp) => {
  const infra = stack(`${name}-infra`).json;
  const own = (type: string, ref: string) => {
    const match = new RegExp(`^\\$\\{${type}\\.([^.]+)\\.[a-z_]+\\}`).exec(ref);
    return match !== null && infra.resource[type]?.[match[1]] !== undefined;
  };

  it("acts only with its own credentials, scoped to its own project", () => {
    for (const provider of infra.provider.openstack) {
      expect(provider.tenant_name).toBe(`csp-${name}`);
      expect(provider.cloud).toMatch(new RegExp(`^${name}-`));
      expect(Object.values(catalog.vims).map((v) => v.cloud)).not.toContain(provider.cloud);
    }
  });

  it("has security rules that admit only its own nodes and the CIDRs it asked for", () => {
    const allowedCidrs = new Set([...csp.cluster.apiAllowedCidrs, ...(csp.cluster.nodePortAllowedCidrs ?? []), ...(csp.cluster.sshAllowedCidrs ?? [])]);
    const rules = Object.values(infra.resource.openstack_networking_secgroup_rule_v2) as any[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(own("openstack_networking_secgroup_v2", rule.security_group_id)).toBe(true);
      if (rule.remote_group_id) {
        expect(own("openstack_networking_secgroup_v2", rule.remote_group_id)).toBe(true);
      } else if (rule.remote_ip_prefix.startsWith("${")) {
        expect(own("openstack_networking_floatingip_v2", rule.remote_ip_prefix)).toBe(true);
      } else {
        expect(allowedCidrs).toContain(rule.remote_ip_prefix);
      }
    }
  });

  it("admits none of the addresses another CSP asked for", () => {
    const others = catalog.csps.filter((c) => c.name !== name);
    const rules = Object.values(infra.resource.openstack_networking_secgroup_rule_v2) as any[];
    const mine = new Set([...csp.cluster.apiAllowedCidrs, ...(csp.cluster.nodePortAllowedCidrs ?? []), ...(csp.cluster.sshAllowedCidrs ?? [])]);
    for (const other of others) {
      const theirsOnly = [...(other.cluster.nodePortAllowedCidrs ?? []), ...(other.cluster.sshAllowedCidrs ?? [])].filter((c) => !mine.has(c));
      for (const cidr of theirsOnly) expect(rules.map((r) => r.remote_ip_prefix)).not.toContain(cidr);
    }
  });

  // The NSP's shared edge networks the CSP asked for (csp.sharedNetworks) are the one exception: looked up by name
  // in the CSP's own project, where the NSP's Neutron RBAC grants them.
  const sharedNetwork = (ref: string) => {
    const match = /^\$\{data\.openstack_networking_network_v2\.([^.]+)\.id\}$/.exec(ref);
    const lookup = match ? infra.data?.openstack_networking_network_v2?.[match[1]] : undefined;
    return lookup !== undefined && (catalog.sharedNetworks ?? []).some((n) => (csp.sharedNetworks ?? []).includes(n.name) && n.network === lookup.name);
  };

  it("puts its nodes only on networks of its own, or on the shared networks it asked for", () => {
    const ports = Object.values(infra.resource.openstack_networking_port_v2) as any[];
    for (const port of ports) {
      expect(own("openstack_networking_network_v2", port.network_id) || sharedNetwork(port.network_id)).toBe(true);
      for (const group of port.security_group_ids) expect(own("openstack_networking_secgroup_v2", group)).toBe(true);
    }
  });

  it("deploys its platform from its own cluster only", () => {
    expect(stack(`${name}-platform`).dependencies).toEqual([`${name}-infra`]);
    expect(stack(`${name}-infra`).dependencies).toEqual([`${name}-pki`]);
  });
});

it("gives each CSP its own project per VIM it uses", () => {
  const nsp = stack("nsp").json;
  const projects = Object.values(nsp.resource.openstack_identity_project_v3) as any[];
  expect(projects.map((p) => `${p.provider} ${p.name}`).sort()).toEqual([
    "openstack.core csp-acme", "openstack.core csp-globex", "openstack.edge-a csp-acme",
  ]);
});
